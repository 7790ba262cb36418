package io.finflow.kafka.cli;

import java.util.List;
import java.util.concurrent.Callable;

import io.finflow.kafka.ops.dlq.DlqRecord;
import io.finflow.kafka.ops.dlq.DlqService;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code finflow dlq show TOPIC.dlq}. */
@Command(name = "show",
        header = "Show dead letter records and why they failed.",
        mixinStandardHelpOptions = true,
        description = {
            "Show the oldest records of a dead letter topic: position, key, where the record came from,"
                + " when and why it failed (dlq.* headers), handler attempts and replays so far. Reads without"
                + " a consumer group; nothing is committed.",
            "--output json adds the values and every header field."
        },
        footer = {"", "Examples:", "  finflow dlq show transaction-events.dlq", 
            "  finflow dlq show transaction-events.dlq --limit 200 --output json"})
final class DlqShowCommand implements Callable<Integer> {

    private static final int MESSAGE_CHARS = 100;

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "TOPIC.dlq", description = "The dead letter topic.")
    String topic;

    @Option(names = "--limit", defaultValue = "20", paramLabel = "N",
            description = "Most records to show (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new IllegalArgumentException("--limit must be >= 1, was " + limit);
        }
        try (Admin admin = KafkaClients.admin(client)) {
            List<DlqRecord> records = new DlqService(admin, client.clientProperties()).show(topic, limit);
            if (output.json()) {
                output.printJson(spec.commandLine().getOut(), records);
                return ExitCodes.OK;
            }
            Table table = new Table("PARTITION", "OFFSET", "KEY", "ORIGINAL", "FAILED-AT", "ATTEMPTS", "REPLAYS",
                    "GROUP", "REASON");
            records.forEach(r -> table.row(r.partition(), r.offset(), r.key(), r.originalPosition(), r.failedAt(),
                    r.attempts(), r.replayCount(), r.consumerGroup(), reason(r)));
            table.print(spec.commandLine().getOut());
            spec.commandLine().getOut().println(records.size() + " record(s) shown.");
            return ExitCodes.OK;
        }
    }

    static String reason(DlqRecord r) {
        String cls = r.exceptionClass() == null ? "?" : r.exceptionClass().substring(r.exceptionClass().lastIndexOf('.') + 1);
        String message = r.exceptionMessage() == null ? "" : r.exceptionMessage().replaceAll("\\s*\\R\\s*", " ");
        if (message.length() > MESSAGE_CHARS) {
            message = message.substring(0, MESSAGE_CHARS - 3) + "...";
        }
        return message.isEmpty() ? cls : cls + ": " + message;
    }
}
