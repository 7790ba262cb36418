package io.finflow.kafka.cli;

import java.util.List;
import java.util.concurrent.Callable;

import io.finflow.kafka.ops.groups.ConsumerGroupService;
import io.finflow.kafka.ops.groups.GroupSummary;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code finflow groups list}. */
@Command(name = "list",
        header = "List consumer groups with their state and members.",
        mixinStandardHelpOptions = true,
        description = {
            "List consumer groups with their state (Stable, Empty, PreparingRebalance...), member count"
                + " and protocol (CLASSIC or CONSUMER)."
        },
        footer = {"", "Example:", "  finflow groups list --output json"})
final class GroupsListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        try (Admin admin = KafkaClients.admin(client)) {
            List<GroupSummary> groups = new ConsumerGroupService(admin, client.clientProperties()).list();
            if (output.json()) {
                output.printJson(spec.commandLine().getOut(), groups);
            } else {
                Table table = new Table("GROUP", "STATE", "MEMBERS", "TYPE");
                groups.forEach(g -> table.row(g.groupId(), g.state(), g.members(), g.type()));
                table.print(spec.commandLine().getOut());
            }
            return ExitCodes.OK;
        }
    }
}
