package io.finflow.kafka.cli;

import java.util.List;
import java.util.concurrent.Callable;

import io.finflow.kafka.ops.topics.TopicSummary;
import io.finflow.kafka.ops.topics.TopicsService;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code finflow topics list}. */
@Command(name = "list",
        header = "List topics, marking those the catalog manages.",
        mixinStandardHelpOptions = true,
        description = {
            "List the cluster's topics (Kafka's internal ones excepted) with partitions, replication"
                + " factor, and whether the topic catalog manages them."
        },
        footer = {"", "Example:", "  finflow topics list --output json"})
final class TopicsListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Mixin
    CatalogOptions catalogOptions;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        try (Admin admin = KafkaClients.admin(client)) {
            List<TopicSummary> topics = new TopicsService(admin).list(catalogOptions.catalog());
            if (output.json()) {
                output.printJson(spec.commandLine().getOut(), topics);
            } else {
                Table table = new Table("TOPIC", "PARTITIONS", "REPLICATION", "MANAGED");
                topics.forEach(t -> table.row(t.name(), t.partitions(), t.replicationFactor(),
                        t.managed() ? "yes" : "no"));
                table.print(spec.commandLine().getOut());
            }
            return ExitCodes.OK;
        }
    }
}
