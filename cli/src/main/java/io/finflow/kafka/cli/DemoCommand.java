package io.finflow.kafka.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.finflow.examples.DemoOptions;
import io.finflow.examples.DemoRunner;
import io.finflow.examples.DemoSummary;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.testkit.EmbeddedKafka;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code finflow demo}: the FinFlow event flow end to end, checked. */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Run the FinFlow event flow end to end and check it.",
            "",
            "Starts a real Kafka broker in this process (or uses --bootstrap), applies the",
            "topic catalog, starts the accounting and notification services, and writes a",
            "generated stream of transactions, user and analytics events, including",
            "schema-invalid events (the producer must refuse them) and poison bytes (the",
            "consumers must dead-letter them). Then it checks balances against an",
            "independent computation, the rebuild from offset 0 of transaction-events, the",
            "compacted account-balances topic, dead letters and consumer lag. Exit code 0",
            "only when every check passes. When a service's consumer stops working (for",
            "example a cluster without the group protocol it needs), the demo stops within",
            "seconds, names the cause and exits 1.",
            "",
            "On an existing cluster (--bootstrap, or bootstrap.servers of --command-config,",
            "e.g. the client.properties of finflow dev --secure) it first waits for the",
            "cluster, printing what is wrong (refused, unknown host, TLS, SASL, ...) within",
            "--timeout and retrying until it answers.",
            "",
            "The accounting service runs at-least-once here, which is exact while the",
            "process runs; --exactly-once runs it as `finflow service run accounting` does",
            "(one Kafka transaction per record: correct across crashes, much slower; use it",
            "with a few thousand --events)."
        })
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Option(names = "--events", defaultValue = "20000", paramLabel = "N",
            description = "Events to generate (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--accounts", defaultValue = "200", paramLabel = "N",
            description = "Accounts in the generated population (default: ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Random seed; the same seed generates the same stream (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--profile", defaultValue = "dev", paramLabel = "PROFILE",
            description = "Topic catalog profile: dev (RF 1) or prod (RF 3, min ISR 2) (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX",
            description = "Prefix of every topic, to isolate a run (default: none on the embedded broker,"
                    + " 'demo-<time>.' with --bootstrap, so a rerun never mixes with earlier data).")
    String topicPrefix;

    @Option(names = "--keep-running",
            description = "Leave the broker and the services up after the summary, until Ctrl-C, to explore them"
                    + " with other finflow commands.")
    boolean keepRunning;

    @Option(names = "--exactly-once",
            description = "Run the accounting service exactly-once, one Kafka transaction per record (slow).")
    boolean exactlyOnce;

    @Option(names = "--fail-accounting-restore",
            description = "Fault injection: the accounting service cannot restore its balances, so its consumer"
                    + " stops; the demo must stop within seconds, name the cause and exit 1.")
    boolean failAccountingRestore;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve the demo services' metrics for Prometheus on 127.0.0.1:PORT/metrics (9405 by"
                    + " convention; 0 picks a free port): one endpoint for the generator and both services."
                    + " The summary's counts are read back from there.")
    Integer metricsPort;

    @Option(names = "--drop-one-transaction",
            description = "Fault injection: the accounting service silently skips one transaction; the balance"
                    + " checks must catch it (the demo then exits 1).")
    boolean dropOneTransaction;

    @Override
    public Integer call() throws Exception {
        if (events < 1) {
            throw new IllegalArgumentException("--events must be >= 1, was " + events);
        }
        if (metricsPort != null && (metricsPort < 0 || metricsPort > 65_535)) {
            throw new IllegalArgumentException("--metrics-port must be between 0 and 65535, was " + metricsPort);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DemoMetrics metrics = DemoMetrics.start(metricsPort); // first: a port in use fails before Kafka starts
        EmbeddedKafka embedded = null;
        ClientConfig config;
        String prefix = topicPrefix;
        if (!client.clusterGiven()) {
            err.println("Starting an embedded Kafka broker...");
            err.flush();
            embedded = EmbeddedKafka.builder().start();
            config = ClientConfig.of(embedded.bootstrapServers());
            if (client.commandConfig != null) {
                config = config.withFile(client.commandConfig);
            }
            prefix = prefix == null ? "" : prefix;
        } else {
            config = client.clientConfig();
            prefix = prefix == null ? "demo-" + (System.currentTimeMillis() / 1000) + "." : prefix;
            // long-running: say what is wrong within --timeout and keep retrying until Kafka answers
            if (!KafkaClients.awaitConnection(client, err, () -> false)) {
                return ExitCodes.FAILURE;
            }
        }
        TopicCatalog catalog = TopicCatalog.fromClasspath(profile).withPrefix(prefix);
        DemoOptions options = DemoOptions.defaults().withEvents(events).withAccounts(accounts).withSeed(seed)
                .withTopicPrefix(prefix).withDropOneTransaction(dropOneTransaction).withExactlyOnce(exactlyOnce)
                .withFailAccountingRestore(failAccountingRestore);
        out.printf("FinFlow demo: %,d events, %d accounts, on %s Kafka at %s%s%n", events, accounts,
                embedded == null ? "the" : "embedded", config.bootstrapServers(),
                prefix.isEmpty() ? "" : " (topics prefixed '" + prefix + "')");
        if (metrics.url() != null) {
            err.println("  metrics of the demo's services at " + metrics.url());
        }
        out.flush();
        DemoRunner runner = new DemoRunner(config, catalog, options, metrics.registry());
        boolean passed;
        try {
            DemoSummary summary = runner.run(line -> {
                err.println("  " + line);
                err.flush();
            });
            List<DemoMetrics.Row> readBack = DemoMetrics.compare(metrics.read(), summary, prefix);
            List<DemoSummary.Check> checks = new ArrayList<>(summary.checks());
            checks.add(DemoMetrics.check(readBack));
            print(out, summary, checks, readBack, metrics.source());
            passed = checks.stream().allMatch(DemoSummary.Check::passed);
            if (keepRunning) {
                waitForCtrlC(out, config, runner, embedded, metrics);
                return passed ? ExitCodes.OK : ExitCodes.FAILURE;
            }
        } finally {
            if (!keepRunning) {
                runner.close();
                metrics.close();
                if (embedded != null) {
                    embedded.close();
                }
            }
        }
        return passed ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private static void print(PrintWriter out, DemoSummary s, List<DemoSummary.Check> checks,
                              List<DemoMetrics.Row> readBack, String metricsSource) {
        out.println();
        out.printf("Summary (%.1f s)%n", s.seconds());
        out.println("  Produced (acknowledged by Kafka)");
        s.producedPerTopic().forEach((t, n) -> out.printf("    %-28s %,8d%n", t, n));
        long refused = s.refusedAtProducer().values().stream().mapToLong(Long::longValue).sum();
        out.printf("  Refused at the producer        %,8d  %s%n", refused, s.refusedAtProducer());
        out.printf("  Poison bytes written raw       %,8d%n", s.poisonWritten());
        out.println("  Consumed");
        s.consumedPerService().forEach((g, n) -> out.printf("    %-28s %,8d%n", g, n));
        out.printf("  Notifications delivered        %s%n", s.deliveredByChannel());
        out.println("  Dead-lettered");
        s.deadLettered().forEach((topic, reasons) -> {
            long total = reasons.values().stream().mapToLong(Long::longValue).sum();
            out.printf("    %-28s %,8d%n", shortName(topic), total);
            reasons.forEach((reason, n) -> out.printf("      %,6d x %s%n", n, reason));
        });
        out.printf("  Metrics, read back from %s%n", metricsSource);
        readBack.forEach(r -> out.printf("    %-40s %,8d  (services: %,d)%n", r.what(), r.metrics(), r.services()));
        out.println("  Checks");
        checks.forEach(c -> out.printf("    [%s] %s: %s%n", c.passed() ? " ok " : "FAIL", c.name(), c.detail()));
        long ok = checks.stream().filter(DemoSummary.Check::passed).count();
        out.printf("%nResult: %s (%d/%d checks passed)%n", ok == checks.size() ? "PASSED" : "FAILED", ok,
                checks.size());
        out.flush();
    }

    private static String shortName(String topic) {
        int dot = topic.lastIndexOf('.', topic.length() - 5);
        return dot < 0 ? topic : topic.substring(dot + 1);
    }

    private static void waitForCtrlC(PrintWriter out, ClientConfig config, DemoRunner runner, EmbeddedKafka embedded,
                                     DemoMetrics metrics) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runner.close();
            metrics.close();
            if (embedded != null) {
                embedded.close();
            }
            stopped.countDown();
        }, "finflow-demo-shutdown"));
        out.printf("%nStill running at %s. Explore with, for example:%n", config.bootstrapServers());
        for (String example : new String[] {"groups lag", "topics list", "dlq list", "tail transaction-events"}) {
            out.printf("  ./finflow %s --bootstrap %s%n", example, config.bootstrapServers());
        }
        if (metrics.url() != null) {
            out.printf("Metrics of the demo's services (generator, accounting, notifications): %s%n", metrics.url());
            out.printf("Consumer lag for Prometheus: ./finflow lag-exporter --bootstrap %s%n", config.bootstrapServers());
        }
        out.println("Press Ctrl-C to stop.");
        out.flush();
        stopped.await();
    }

}
