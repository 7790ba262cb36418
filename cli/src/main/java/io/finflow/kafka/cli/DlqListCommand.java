package io.finflow.kafka.cli;

import java.util.List;
import java.util.concurrent.Callable;

import io.finflow.kafka.ops.dlq.DlqService;
import io.finflow.kafka.ops.dlq.DlqTopicSummary;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code finflow dlq list}. */
@Command(name = "list",
        header = "List dead letter topics with their record counts.",
        mixinStandardHelpOptions = true,
        description = {
            "List the dead letter topics (names ending in .dlq) with their record count and how many"
                + " records no replay has handled yet (NOT-REPLAYED: after the position of"
                + " finflow-dlq-replay-<topic>)."
        },
        footer = {"", "Example:", "  finflow dlq list --output json"})
final class DlqListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        try (Admin admin = KafkaClients.admin(client)) {
            List<DlqTopicSummary> dlqs = new DlqService(admin, client.clientProperties()).list();
            if (output.json()) {
                output.printJson(spec.commandLine().getOut(), dlqs);
            } else {
                Table table = new Table("DLQ", "ORIGINAL-TOPIC", "PARTITIONS", "RECORDS", "NOT-REPLAYED");
                dlqs.forEach(d -> table.row(d.topic(), d.originalTopic(), d.partitions(), d.records(),
                        d.notReplayed()));
                table.print(spec.commandLine().getOut());
            }
            return ExitCodes.OK;
        }
    }
}
