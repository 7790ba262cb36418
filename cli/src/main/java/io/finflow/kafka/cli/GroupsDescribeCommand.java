package io.finflow.kafka.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import io.finflow.kafka.ops.groups.ConsumerGroupService;
import io.finflow.kafka.ops.groups.GroupDetails;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code finflow groups describe GROUP}. */
@Command(name = "describe",
        header = "Show a group's members, offsets and lag.",
        mixinStandardHelpOptions = true,
        description = {
            "Show one consumer group: state, protocol, coordinator, members with their partitions, and"
                + " per partition the committed offset, log end offset, offset lag and time lag (age in seconds"
                + " of the oldest record not consumed yet)."
        },
        footer = {"", "Example:", "  finflow groups describe accounting-service-group"})
final class GroupsDescribeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "GROUP", description = "The consumer group.")
    String group;

    @Override
    public Integer call() {
        try (Admin admin = KafkaClients.admin(client)) {
            GroupDetails g = new ConsumerGroupService(admin, client.clientProperties()).describe(group);
            PrintWriter out = spec.commandLine().getOut();
            if (output.json()) {
                output.printJson(out, g);
                return ExitCodes.OK;
            }
            out.println("Group " + g.groupId() + ": state " + g.state() + ", type " + g.type() + ", "
                    + g.members().size() + " member(s)"
                    + (g.assignor() == null || g.assignor().isEmpty() ? "" : ", assignor " + g.assignor())
                    + (g.coordinator() == null ? "" : ", coordinator " + g.coordinator()));
            if (!g.members().isEmpty()) {
                out.println();
                Table members = new Table("CLIENT-ID", "HOST", "INSTANCE-ID", "ASSIGNMENT", "MEMBER-ID");
                g.members().forEach(m -> members.row(m.clientId(), m.host(), m.groupInstanceId(),
                        m.assignment().entrySet().stream().map(e -> e.getKey() + ":" + e.getValue().stream()
                                .map(String::valueOf).collect(Collectors.joining(",")))
                                .collect(Collectors.joining(" ")), m.memberId()));
                members.print(out);
            }
            out.println();
            LagTable.of(g.partitions()).print(out);
            return ExitCodes.OK;
        }
    }
}
