package io.finflow.kafka.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.finflow.kafka.ops.topics.TopicDetails;
import io.finflow.kafka.ops.topics.TopicsService;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code finflow topics describe TOPIC}. */
@Command(name = "describe",
        header = "Show a topic's partitions, replicas and configs.",
        mixinStandardHelpOptions = true,
        description = {
            "Show one topic: each partition's leader, replicas and in-sync replicas, and the configs that"
                + " are not Kafka defaults, with where each value comes from."
        },
        footer = {"", "Example:", "  finflow topics describe transaction-events"})
final class TopicsDescribeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic to describe.")
    String topic;

    @Override
    public Integer call() {
        try (Admin admin = KafkaClients.admin(client)) {
            TopicDetails details = new TopicsService(admin).describe(topic);
            PrintWriter out = spec.commandLine().getOut();
            if (output.json()) {
                output.printJson(out, details);
                return ExitCodes.OK;
            }
            out.println("Topic " + details.name() + " (id " + details.topicId() + ", " + details.partitions().size()
                    + " partitions)");
            Table partitions = new Table("PARTITION", "LEADER", "REPLICAS", "ISR");
            details.partitions().forEach(p -> partitions.row(p.partition(), p.leader(), join(p.replicas()),
                    join(p.isr())));
            partitions.print(out);
            out.println();
            Table configs = new Table("CONFIG", "VALUE", "SOURCE");
            details.configs().forEach(c -> configs.row(c.name(), c.value() == null ? "(sensitive)" : c.value(),
                    c.source()));
            configs.print(out);
            return ExitCodes.OK;
        }
    }

    private static String join(java.util.List<Integer> ids) {
        return ids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
    }
}
