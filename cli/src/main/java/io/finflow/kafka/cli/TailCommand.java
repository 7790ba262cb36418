package io.finflow.kafka.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import io.finflow.kafka.ops.events.EventValidator;
import io.finflow.kafka.ops.events.TailOptions;
import io.finflow.kafka.ops.events.TailService;
import io.finflow.kafka.ops.events.TailedEvent;
import io.finflow.kafka.ops.events.Validation;
import io.finflow.kafka.schema.SchemaRegistry;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code finflow tail TOPIC}: a validating kcat. */
@Command(name = "tail",
        header = "Print a topic's records with their schema validation, like kcat -C.",
        mixinStandardHelpOptions = true,
        description = {
            "Print a topic's records as they arrive, each with partition/offset,",
            "timestamp, key, CloudEvents (ce_*) headers, value, and whether it is a valid",
            "event: 'valid (schema)' or every schema violation with its JSON pointer.",
            "Like kcat -C, plus FinFlow's validation.",
            "",
            "Without --group it reads every partition with no consumer group and commits",
            "nothing; with --group it joins that group and commits what it printed. Runs",
            "until Ctrl-C, or --limit records."
        },
        footer = {
            "",
            "Examples:",
            "  finflow tail transaction-events                          # new records only",
            "  finflow tail transaction-events --from-beginning --limit 10",
            "  finflow tail user-events -o json | jq 'select(.validation.status==\"INVALID\")'"
        })
final class TailCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Mixin
    CatalogOptions catalogOptions;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic to read.")
    String topic;

    @Option(names = "--from-beginning", description = "Start at the oldest record still in the log (default: only"
            + " new records; with --group, where the group has no committed offset).")
    boolean fromBeginning;

    @Option(names = "--group", paramLabel = "GROUP", description = "Read as a member of GROUP and commit what was"
            + " printed (default: no group).")
    String group;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N",
            description = "Stop after N records (default: run until Ctrl-C).")
    long limit;

    @Override
    public Integer call() {
        TailOptions options = new TailOptions(fromBeginning, group, limit);
        EventValidator validator = new EventValidator(catalogOptions.catalog(), SchemaRegistry.fromClasspath());
        PrintWriter out = spec.commandLine().getOut();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "finflow-tail-stop");
        boolean hooked = addHook(hook);
        try {
            // long-running: say what is wrong within --timeout and keep retrying until Kafka answers
            if (!KafkaClients.awaitConnection(client, spec.commandLine().getErr(), stop::get)) {
                return ExitCodes.OK;
            }
            try (Admin admin = KafkaClients.admin(client)) {
                new TailService(admin, client.clientProperties(), validator).tail(topic, options,
                        event -> print(out, event), stop::get);
            }
        } finally {
            finished.countDown();
            if (hooked) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running and waits for the latch released above
                }
            }
        }
        return ExitCodes.OK;
    }

    private void print(PrintWriter out, TailedEvent e) {
        if (output.json()) {
            out.println(Json.compact(e));
        } else {
            out.println(format(e));
        }
        out.flush();
    }

    /** The human form of one record: a header line, the ce_* headers, the value and the validation. */
    static String format(TailedEvent e) {
        StringBuilder s = new StringBuilder();
        s.append("partition ").append(e.partition()).append(" offset ").append(e.offset())
                .append("  ").append(e.timestamp()).append("  key ").append(e.key() == null ? "(none)" : e.key());
        Map<String, String> ce = e.headers().entrySet().stream().filter(h -> h.getKey().startsWith("ce_"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> b,
                        java.util.LinkedHashMap::new));
        s.append("\n  headers ").append(ce.isEmpty() ? "(no ce_* headers)" : ce.entrySet().stream()
                .map(h -> h.getKey() + "=" + h.getValue()).collect(Collectors.joining(" ")));
        s.append("\n  value   ").append(e.value() == null ? "(null)" : e.value().replaceAll("\\s*\\R\\s*", " "));
        Validation v = e.validation();
        s.append("\n  ");
        switch (v.status()) {
            case VALID -> s.append("valid (").append(v.schema()).append(')');
            case INVALID -> s.append("INVALID").append(v.schema() == null ? "" : " (" + v.schema() + ")").append(": ")
                    .append(String.join("; ", v.problems()));
            case UNCHECKED -> s.append("not checked: ").append(String.join("; ", v.problems()));
        }
        return s.toString();
    }

    private static boolean addHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }
}
