package io.finflow.kafka.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.finflow.examples.EventStreamWriter;
import io.finflow.examples.TransactionGenerator;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code finflow generate}: the demo's generated stream, written to a cluster. */
@Command(name = "generate",
        header = "Write the demo's generated event stream to a cluster.",
        mixinStandardHelpOptions = true,
        description = {
            "Write the FinFlow event stream the demo generates to a cluster, as the transaction generator"
                + " service would: user registrations and opening credits for every account, then debits,"
                + " credits, transfers, fees and refunds (some pending first, then completed or failed; some"
                + " completed ones reversed later, transfers too), analytics page views, schema-invalid events"
                + " (the producer refuses them: nothing reaches Kafka) and raw poison bytes (written past the"
                + " producer; the consumers dead-letter them).",
            "",
            "Prints how many events of each topic Kafka acknowledged. Exit code 1 when a valid event was"
                + " not acknowledged or an invalid one was not refused. The catalog's topics must exist."
        },
        footer = {
            "",
            "Examples:",
            "  finflow generate --events 10000",
            "  finflow generate --events 100000 --rate 500 --seed 7 --accounts 1000"
        })
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Mixin
    CatalogOptions catalogOptions;

    @Mixin
    OutputOptions output;

    @Option(names = "--events", required = true, paramLabel = "N", description = "Events to generate, all kinds together.")
    int events;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "R",
            description = "Events per second at most (default: as fast as Kafka acknowledges).")
    double rate;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S",
            description = "Random seed; the same seed generates the same stream (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--accounts", defaultValue = "200", paramLabel = "N",
            description = "Accounts in the generated population (default: ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "",
            description = "Prefix of every catalog topic, to isolate a run (default: none).")
    String topicPrefix;

    @Override
    public Integer call() throws Exception {
        if (events < 1) {
            throw new IllegalArgumentException("--events must be >= 1, was " + events);
        }
        if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("--rate must be a number of events per second >= 0, was " + rate);
        }
        if (accounts < 2) {
            throw new IllegalArgumentException("--accounts must be >= 2, was " + accounts);
        }
        ClientConfig config = client.clientConfig();
        TopicCatalog catalog = catalogOptions.catalog().withPrefix(topicPrefix);
        // long-running: say what is wrong within --timeout and keep retrying until Kafka answers
        if (!KafkaClients.awaitConnection(client, spec.commandLine().getErr(), () -> false)) {
            return ExitCodes.FAILURE;
        }
        try (Admin admin = KafkaClients.admin(client)) {
            RequiredTopics.check(admin, List.of(catalog.topicForEventType("transaction").name(),
                    catalog.topicForEventType("user").name(), catalog.topicForEventType("analytics").name()), topicPrefix);
        }
        long started = System.nanoTime();
        EventStreamWriter.Result result;
        try (EventStreamWriter writer = new EventStreamWriter(config, catalog)) {
            result = writer.write(new TransactionGenerator(seed, accounts), events, rate, event -> { }, written -> { });
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("events", events);
            json.put("seed", seed);
            json.put("accounts", accounts);
            json.put("sent", result.sent());
            json.put("acknowledged", result.acknowledged());
            json.put("sendFailures", result.sendFailures());
            json.put("refusedAtProducer", result.refused());
            json.put("invalidAccepted", result.invalidAccepted());
            json.put("poisonWritten", result.poison());
            json.put("seconds", Math.round(seconds * 10) / 10.0);
            output.printJson(out, json);
        } else {
            out.printf("Generated %,d events (seed %d, %d accounts) in %.1f s to %s%s%n", events, seed, accounts, seconds,
                    config.bootstrapServers(), topicPrefix.isEmpty() ? "" : " (topics prefixed '" + topicPrefix + "')");
            out.println("  Acknowledged by Kafka");
            result.acknowledged().forEach((topic, n) -> out.printf("    %-28s %,8d%n", topic, n));
            out.printf("  Refused at the producer        %,8d  %s%n", result.refusedTotal(), result.refused());
            out.printf("  Poison bytes written raw       %,8d%n", result.poison());
            if (result.sendFailures() > 0) {
                out.printf("  Not acknowledged               %,8d%n", result.sendFailures());
            }
            out.flush();
        }
        if (result.sendFailures() > 0 || result.invalidAccepted() > 0) {
            spec.commandLine().getErr().println("finflow: error: " + result.sendFailures() + " valid events were not"
                    + " acknowledged, " + result.invalidAccepted() + " invalid events were not refused");
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }
}
