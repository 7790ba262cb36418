package io.finflow.kafka.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.finflow.kafka.ops.acls.AclAction;
import io.finflow.kafka.ops.acls.AclCatalog;
import io.finflow.kafka.ops.acls.AclPlan;
import io.finflow.kafka.ops.acls.AclService;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code finflow acls apply}: converge the cluster's ACLs to the catalog. */
@Command(name = "apply",
        header = "Grant the ACLs of the ACL catalog that the cluster lacks.",
        mixinStandardHelpOptions = true,
        description = {
            "Print the plan (as finflow acls plan), then grant what is missing and, with",
            "--allow-delete only, revoke ACLs of catalog users that the catalog does not",
            "ask for. Returns once the brokers serve the new ACLs. Idempotent: a second",
            "run changes nothing."
        },
        footer = {
            "",
            "Examples:",
            "  finflow acls apply --command-config admin.properties",
            "  finflow acls apply --allow-delete --command-config admin.properties"
        })
final class AclsApplyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Mixin
    AclsOptions aclsOptions;

    @Mixin
    CatalogOptions catalogOptions;

    @Option(names = "--allow-delete",
            description = "Also revoke ACLs of catalog users that the catalog does not ask for. Off by default.")
    boolean allowDelete;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        AclCatalog acls = aclsOptions.acls();
        PrintWriter out = spec.commandLine().getOut();
        try (Admin admin = KafkaClients.admin(client)) {
            AclService service = new AclService(admin, client.timeout());
            AclPlan plan = service.plan(acls, catalogOptions.catalog(), allowDelete);
            if (!output.json()) {
                AclPlanPrinter.print(out, plan, AclsPlanCommand.header(acls, client));
            }
            List<AclAction> done = plan.isEmpty() ? List.of() : service.apply(plan);
            if (output.json()) {
                Map<String, Object> json = AclsPlanCommand.json(plan);
                json.put("applied", done);
                output.printJson(out, json);
            } else {
                long granted = done.stream().filter(a -> a.type() == AclAction.Type.GRANT).count();
                out.println(done.isEmpty() ? "Nothing to apply." : "Applied: " + granted + " granted, "
                        + (done.size() - granted) + " revoked.");
                out.flush();
            }
            return ExitCodes.OK;
        }
    }
}
