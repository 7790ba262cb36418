package io.finflow.kafka.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.finflow.kafka.ops.acls.AclCatalog;
import io.finflow.kafka.ops.acls.AclPlan;
import io.finflow.kafka.ops.acls.AclService;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code finflow acls plan}: what apply would change, read-only. */
@Command(name = "plan",
        header = "Show how the cluster's ACLs differ from the ACL catalog.",
        mixinStandardHelpOptions = true,
        description = {
            "Show how the cluster's ACLs differ from the ACL catalog, changing nothing:",
            "  +  grant   in the catalog, missing on the cluster",
            "  -  revoke  on the cluster for a catalog user, not in the catalog",
            "             (only with --allow-delete)",
            "  !  extra   the same without --allow-delete: kept",
            "Users that are not in the catalog are never compared."
        },
        footer = {
            "",
            "Examples:",
            "  finflow acls plan --command-config admin.properties",
            "  finflow acls plan --acls config/acls.yaml --profile prod --output json"
        })
final class AclsPlanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Mixin
    AclsOptions aclsOptions;

    @Mixin
    CatalogOptions catalogOptions;

    @Option(names = "--allow-delete",
            description = "Revoke ACLs of catalog users that the catalog does not ask for. Off by default.")
    boolean allowDelete;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        AclCatalog acls = aclsOptions.acls();
        try (Admin admin = KafkaClients.admin(client)) {
            AclPlan plan = new AclService(admin, client.timeout()).plan(acls, catalogOptions.catalog(), allowDelete);
            if (output.json()) {
                output.printJson(spec.commandLine().getOut(), json(plan));
            } else {
                AclPlanPrinter.print(spec.commandLine().getOut(), plan, header(acls, client));
            }
            return ExitCodes.OK;
        }
    }

    static String header(AclCatalog acls, ClientOptions client) {
        return "ACL plan for " + acls.principals().size() + " user(s) (" + acls.source() + ") against "
                + client.clientConfig().bootstrapServers();
    }

    static Map<String, Object> json(AclPlan plan) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("acls", plan.source());
        json.put("actions", plan.actions());
        json.put("counts", AclService.counts(plan));
        return json;
    }
}
