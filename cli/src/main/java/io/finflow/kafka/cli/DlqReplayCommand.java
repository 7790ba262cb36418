package io.finflow.kafka.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.finflow.kafka.ops.dlq.DlqService;
import io.finflow.kafka.ops.dlq.ReplayFilter;
import io.finflow.kafka.ops.dlq.ReplayOptions;
import io.finflow.kafka.ops.dlq.ReplayProgress;
import io.finflow.kafka.ops.dlq.ReplayReport;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code finflow dlq replay TOPIC.dlq}. */
@Command(name = "replay",
        header = "Replay dead letter records to their original topic.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Republish dead letter records to their original topic (header",
            "dlq.original.topic) with their original key, value and headers, the dlq.*",
            "headers removed and finflow.replay.count incremented. A record already",
            "replayed --max-replays times goes to <original-topic>.parking instead, so a",
            "record that keeps failing stops looping.",
            "",
            "A dry run by default: shows what would be replayed, sends nothing. With",
            "--execute, progress is kept as the committed offsets of consumer group",
            "finflow-dlq-replay-<TOPIC.dlq>, committed only after the republished record",
            "was acknowledged by all in-sync replicas (idempotent producer, acks=all): an",
            "interrupted replay (Ctrl-C, --limit, a failure) resumes where it stopped on",
            "the next run, without republishing a record twice. A run stops at the end of",
            "the topic as it was when it started. Records passed over by --filter are not",
            "revisited by later runs (rewind the group with 'finflow groups",
            "reset-offsets' to do so). Run one replay per dead letter topic at a time."
        },
        footer = {
            "",
            "Examples:",
            "  finflow dlq replay transaction-events.dlq               # dry run",
            "  finflow dlq replay transaction-events.dlq \\",
            "      --filter exception=Timeout --execute",
            "  finflow dlq replay transaction-events.dlq \\",
            "      --filter key=acc-42 --filter since=2026-01-01T00:00:00Z",
            "  finflow dlq replay transaction-events.dlq \\",
            "      --rate 500/s --limit 10000 --execute"
        })
final class DlqReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "TOPIC.dlq", description = "The dead letter topic to replay.")
    String topic;

    @Option(names = "--filter", paramLabel = "FILTER",
            description = "Replay only matching records; repeat to require several: exception=TEXT (class or"
                    + " message contains TEXT, any case), key=VALUE (exact key), since=ISO (dead-lettered at or"
                    + " after, e.g. 2026-01-01T10:00:00Z).")
    List<String> filters = new ArrayList<>();

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N",
            description = "Republish at most N records in this run (0: no limit, the default).")
    long limit;

    @Option(names = "--rate", paramLabel = "N/s",
            description = "Republish at most N records per second (token bucket), e.g. 500/s or 300/m. Default:"
                    + " no limit.")
    String rate;

    @Option(names = "--max-replays", defaultValue = "3", paramLabel = "N",
            description = "Replays allowed per record before it is parked in <original-topic>.parking"
                    + " (default: ${DEFAULT-VALUE}).")
    int maxReplays;

    @Option(names = "--execute", description = "Republish and record progress. Without it, nothing is sent.")
    boolean execute;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws InterruptedException {
        ReplayOptions options = new ReplayOptions(filters.stream().map(ReplayFilter::parse).toList(), limit,
                rate == null ? 0 : ReplayOptions.parseRate(rate), maxReplays, execute);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReplayProgress progress = execute && !output.json() ? ProgressBar.forTerminal(err, "replaying " + topic)
                : ReplayProgress.NONE;
        Thread worker = Thread.currentThread();
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C: stop sending, wait for the acknowledgements, commit them, then let the JVM exit.
        Thread hook = new Thread(() -> {
            worker.interrupt();
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "finflow-dlq-replay-stop");
        boolean hooked = execute && addHook(hook);
        ReplayReport report;
        try {
            // long-running: say what is wrong within --timeout and keep retrying until Kafka answers
            if (!KafkaClients.awaitConnection(client, err, () -> false)) {
                Thread.interrupted();
                err.println("finflow: error: stopped before Kafka at " + client.clientConfig().bootstrapServers()
                        + " answered; nothing was replayed");
                return ExitCodes.FAILURE;
            }
            try (Admin admin = KafkaClients.admin(client)) {
                report = new DlqService(admin, client.clientProperties()).replay(topic, options, progress);
                // an interrupted replay returns with the flag set: clear it so the Admin closes normally
                Thread.interrupted();
            }
        } finally {
            if (progress instanceof ProgressBar bar) {
                bar.finish();
            }
            finished.countDown();
            if (hooked) {
                removeHook(hook);
            }
        }
        if (output.json()) {
            output.printJson(out, report);
        } else {
            ReplayPrinter.print(out, report);
        }
        if ("interrupted".equals(report.stopReason())) {
            err.println("finflow: error: replay of " + topic + " interrupted after " + (report.replayed()
                    + report.parked()) + " record(s); progress is saved, run the same command again to resume");
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }

    private static boolean addHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it waits for the latch we just released
        }
    }
}
