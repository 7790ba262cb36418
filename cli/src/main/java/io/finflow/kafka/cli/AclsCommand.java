package io.finflow.kafka.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code finflow acls}: ACLs as code. */
@Command(name = "acls",
        header = "ACLs as code: plan and apply config/acls.yaml.",
        mixinStandardHelpOptions = true,
        description = {
            "ACLs as code: derive every FinFlow service's Kafka ACLs from the ACL",
            "catalog (config/acls.yaml) and the topic catalog, compare them with the",
            "cluster (plan) and converge it (apply). Per user: WRITE and DESCRIBE on",
            "produced topics, READ and DESCRIBE on consumed topics, READ on its groups,",
            "WRITE and DESCRIBE on the dead letter topics of what it consumes with a",
            "group, IDEMPOTENT_WRITE on the cluster for idempotent producers, WRITE and",
            "DESCRIBE on its transactional ids (exactly-once). Only users of the catalog",
            "are compared; nothing is deleted without --allow-delete. Needs an admin's",
            "--command-config and brokers with an authorizer."
        },
        subcommands = {
            AclsPlanCommand.class,
            AclsApplyCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Examples:",
            "  finflow acls plan --command-config admin.properties",
            "  finflow acls apply --command-config admin.properties",
            "  finflow acls apply --allow-delete --command-config admin.properties"
        })
final class AclsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
