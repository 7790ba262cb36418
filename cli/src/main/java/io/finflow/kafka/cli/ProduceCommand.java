package io.finflow.kafka.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import io.finflow.kafka.EventProducer;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.ops.events.EventFile;
import io.finflow.kafka.ops.events.EventFileProducer;
import io.finflow.kafka.ops.events.LineProblem;
import io.finflow.kafka.producer.EventEncoder;
import io.finflow.kafka.producer.ProducerOptions;
import io.finflow.kafka.producer.SendResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code finflow produce TOPIC --file events.jsonl}: all or nothing. */
@Command(name = "produce",
        header = "Send the events of a JSON Lines file, all or nothing.",
        mixinStandardHelpOptions = true,
        description = {
            "Send the events of a JSON Lines file (one event object per line) to a",
            "catalog topic, all or nothing.",
            "",
            "Every line is validated first exactly as EventProducer does (schema, key",
            "field, size). If any line is bad, each bad line is reported with its line",
            "number and reason, NOTHING is sent, and the command exits 1. Otherwise every",
            "event is sent (CloudEvents headers, acks=all, idempotent) and the count",
            "printed. Blank lines and lines starting with # are skipped."
        },
        footer = {
            "",
            "Examples:",
            "  finflow produce user-events --file users.jsonl",
            "  finflow produce transaction-events --file fix.jsonl --source /finflow/ops"
        })
final class ProduceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Mixin
    CatalogOptions catalogOptions;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "A topic of the catalog.")
    String topic;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "The events, one JSON object"
            + " per line.")
    Path file;

    @Option(names = "--source", defaultValue = "/finflow/cli", paramLabel = "URI",
            description = "CloudEvents ce_source of the events (default: ${DEFAULT-VALUE}).")
    String source;

    @Override
    public Integer call() {
        TopicCatalog catalog = catalogOptions.catalog();
        catalog.require(topic); // an unknown topic is a usage error even when the file has no event to check
        ProducerOptions options = ProducerOptions.defaults(client.clientConfig(), source).withCatalog(catalog);
        EventFileProducer files = new EventFileProducer(new EventEncoder(catalog, options.schemas(), source,
                options.maxEventBytes()));
        EventFile checked = files.check(topic, file);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!checked.isValid()) {
            if (output.json()) {
                output.printJson(out, json(0, checked.problems(), List.of()));
            }
            for (LineProblem p : checked.problems()) {
                err.println(file + ":" + p.line() + ": " + p.reason());
            }
            err.println("finflow: error: " + checked.problems().size() + " bad line(s) in " + file
                    + ": nothing was sent to " + topic);
            return ExitCodes.FAILURE;
        }
        KafkaClients.requireConnection(client); // fails within --timeout naming the cause
        List<SendResult> results;
        try (EventProducer producer = EventProducer.create(options)) {
            results = files.send(producer, checked);
        }
        if (output.json()) {
            output.printJson(out, json(results.size(), List.of(), results));
        } else {
            TreeSet<Integer> partitions = new TreeSet<>();
            results.forEach(r -> partitions.add(r.partition()));
            out.println("Sent " + results.size() + " event(s) from " + file + " to " + topic
                    + (partitions.isEmpty() ? "" : " (partitions " + partitions + ")") + ".");
        }
        return ExitCodes.OK;
    }

    private Map<String, Object> json(int sent, List<LineProblem> problems, List<SendResult> results) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("topic", topic);
        json.put("file", file.toString());
        json.put("sent", sent);
        json.put("problems", problems);
        json.put("results", results);
        return json;
    }
}
