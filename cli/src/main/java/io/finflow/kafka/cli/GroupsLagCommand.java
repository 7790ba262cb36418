package io.finflow.kafka.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.finflow.kafka.ops.groups.ConsumerGroupService;
import io.finflow.kafka.ops.groups.GroupLag;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code finflow groups lag [GROUP]}. */
@Command(name = "lag",
        header = "Show offset lag and time lag of one group or every group.",
        mixinStandardHelpOptions = true,
        description = {
            "Show consumer lag of one group, or of every group: per partition the committed offset, the"
                + " log end offset, the offset lag (records not consumed yet) and the time lag (age in seconds"
                + " of the oldest unconsumed record, 0 when caught up), then per group its state, members,"
                + " total lag and largest time lag. Time lag tells how late a group is; offset lag alone does"
                + " not (1,000 records are seconds on a busy topic and days on a quiet one)."
        },
        footer = {
            "",
            "Examples:",
            "  finflow groups lag                              # every group",
            "  finflow groups lag accounting-service-group --output json"
        })
final class GroupsLagCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", arity = "0..1", paramLabel = "GROUP", description = "The group (default: every group).")
    String group;

    @Override
    public Integer call() {
        try (Admin admin = KafkaClients.admin(client)) {
            List<GroupLag> lags = new ConsumerGroupService(admin, client.clientProperties())
                    .lag(Optional.ofNullable(group));
            PrintWriter out = spec.commandLine().getOut();
            if (output.json()) {
                output.printJson(out, lags);
                return ExitCodes.OK;
            }
            Table partitions = new Table("GROUP", "TOPIC", "PARTITION", "COMMITTED", "END", "LAG", "TIME-LAG-S",
                    "OWNER");
            lags.forEach(g -> g.partitions().forEach(p -> partitions.row(g.groupId(), p.topic(), p.partition(),
                    p.committedOffset(), p.logEndOffset(), p.offsetLag(), p.timeLagSeconds(), p.clientId())));
            partitions.print(out);
            out.println();
            Table totals = new Table("GROUP", "STATE", "MEMBERS", "TOTAL-LAG", "MAX-TIME-LAG-S");
            lags.forEach(g -> totals.row(g.groupId(), g.state(), g.members(), g.totalLag(), g.maxTimeLagSeconds()));
            totals.print(out);
            return ExitCodes.OK;
        }
    }
}
