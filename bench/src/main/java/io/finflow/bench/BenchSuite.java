package io.finflow.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.producer.EventEncoder;
import io.finflow.kafka.producer.ProducerOptions;
import io.finflow.kafka.schema.SchemaRegistry;

/**
 * The benchmark suite: FinFlow's EventProducer and EventConsumer against the raw Kafka clients with the same
 * settings (and against what a user writes by hand with Jackson and the same headers), key-ordered parallelism,
 * end-to-end latency and the compression codecs, side by side in one JVM run against one broker (embedded unless
 * {@code --bootstrap} is given). Prints a markdown report (or with {@code --output json} a JSON report) on standard
 * output and progress on standard error; see {@code docs/benchmarks.md}.
 *
 * <pre>{@code
 * ./mvnw -q -B -pl bench -am package -DskipTests
 * java -Xmx2g -Dlog4j2.configurationFile=bench-log4j2.xml \
 *      -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.finflow.bench.BenchSuite --out /tmp/bench.md
 * }</pre>
 *
 * <p>Every run sends or reads a fixed number of records, so the suite is bounded (a few minutes on 2 cores with
 * the defaults). Throughputs move with the machine's load: compare the ratios within one report.
 */
public final class BenchSuite {

    /** CloudEvents {@code ce_source} of every benchmark event. */
    static final String SOURCE = "/finflow/bench";
    /** The catalog topic the corpus is encoded for (headers and value do not depend on the topic's name). */
    static final String CORPUS_TOPIC = "transaction-events";

    private final BenchOptions options;
    private final PrintStream out;
    private final PrintStream progress;

    /**
     * A suite that writes its report to {@code out} and its progress to {@code progress}.
     *
     * @param options what to run
     * @param out     receives the markdown report
     * @param progress receives a line per run while the suite runs
     */
    public BenchSuite(BenchOptions options, PrintStream out, PrintStream progress) {
        this.options = options;
        this.out = out;
        this.progress = progress;
    }

    /**
     * Runs the suite from the command line; {@code --help} lists the options. Exits 0 when every benchmark
     * ran, 1 when one failed, 2 on bad options.
     *
     * @param args options, see {@link BenchOptions#usage()}
     */
    public static void main(String[] args) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            // No logger exists yet: without this, the kafka-test-common-runtime jar's log4j2.yaml would win.
            System.setProperty("log4j2.configurationFile", "bench-log4j2.xml");
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BenchOptions.usage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(BenchOptions.usage());
            return;
        }
        int exit = 0;
        try {
            new BenchSuite(options, System.out, System.err).run();
        } catch (RuntimeException e) {
            System.err.println("benchmark failed: " + e);
            e.printStackTrace();
            exit = 1;
        }
        System.out.flush();
        // Kafka and broker threads may linger; the report is complete.
        System.exit(exit);
    }

    /**
     * Runs the selected benchmarks and returns the whole markdown report. Standard output ({@code out}) gets that
     * report, or with {@code --output json} the JSON report ({@link BenchReport}); {@code options.out()}, when set,
     * always gets the markdown.
     *
     * @throws IllegalStateException when a run fails (a send not acknowledged, a consumer stopping, a timeout)
     */
    public String run() {
        return runReports().markdown();
    }

    /** Both reports of one run. */
    record Reports(String markdown, String json) {
    }

    /** Runs the selected benchmarks and returns both reports (written as {@link #run()} says). */
    Reports runReports() {
        long started = System.nanoTime();
        BenchReport json = new BenchReport();
        StringBuilder report = new StringBuilder("## FinFlow Kafka benchmark\n\n").append(MachineInfo.describe());
        json.info("date", java.time.Instant.now().toString());
        json.info("machine", MachineInfo.describe().trim().lines().map(l -> l.substring(2)).toList());
        json.info("load_average_start", MachineInfo.loadAverage());
        json.info("options", options.toString());
        progress.println("generating " + options.corpusSize() + " transaction events...");
        SchemaRegistry schemas = SchemaRegistry.fromClasspath();
        TopicCatalog catalog = TopicCatalog.fromClasspath(TopicCatalog.DEFAULT_PROFILE);
        EventEncoder encoder = new EventEncoder(catalog, schemas, SOURCE, ProducerOptions.DEFAULT_MAX_EVENT_BYTES);
        EventCorpus corpus = EventCorpus.generate(options.corpusSize(), options.accounts(), options.seed(), encoder,
                CORPUS_TOPIC);
        report.append("- corpus: ").append(MarkdownTable.count(corpus.size())).append(" transaction events over ")
                .append(MarkdownTable.count(options.accounts())).append(" accounts (seed ").append(options.seed())
                .append("), JSON ").append(corpus.valueSizeRange()).append(" bytes, mean ")
                .append(MarkdownTable.fixed(corpus.meanValueBytes(), 0)).append("; CloudEvents headers ")
                .append(MarkdownTable.fixed(corpus.meanHeaderBytes(), 0)).append(" bytes mean\n");
        report.append("- method: per variant, warm-up runs of ").append(MarkdownTable.count(options.warmupRecords()))
                .append(" records until the CPU per record is stable (last ").append(Warmup.WINDOW).append(" within ")
                .append(Math.round(Warmup.SPREAD * 100)).append(" %, at most ").append(Warmup.MAX_RUNS).append(" runs), then ")
                .append(options.rounds()).append(" measured rounds in which the variants alternate (the first one rotates);"
                        + " medians; a GC and a ").append(options.settleMillis()).append(" ms pause before every timed run\n");

        if (options.sections().contains(BenchOptions.Section.SERDE)) {
            section(report, json, "CPU cost per event",
                    () -> new SerdeBenchmark(options, corpus, encoder, schemas, catalog, progress).run(json));
        }
        boolean needsKafka = options.sections().stream().anyMatch(s -> s != BenchOptions.Section.SERDE);
        if (needsKafka) {
            progress.println(options.embedded() ? "starting an embedded broker..." : "connecting to " + options.bootstrap());
            try (BenchCluster cluster = BenchCluster.start(options)) {
                report.append("- broker: ").append(cluster.describe()).append('\n');
                if (options.sections().contains(BenchOptions.Section.LAG)) {
                    section(report, json, "lag", () -> new LagScrapeBenchmark(cluster, options, progress).run());
                }
                if (options.sections().contains(BenchOptions.Section.PRODUCER)) {
                    section(report, json, "producer",
                            () -> new ProducerBenchmark(cluster, options, corpus, progress).run(json));
                }
                if (options.sections().contains(BenchOptions.Section.CONSUMER)) {
                    section(report, json, "consumer",
                            () -> new ConsumerBenchmark(cluster, options, corpus, progress).run(json));
                }
                if (options.sections().contains(BenchOptions.Section.ORDERED)) {
                    section(report, json, "ordered",
                            () -> new OrderedBenchmark(cluster, options, corpus, progress).run(json));
                }
                if (options.sections().contains(BenchOptions.Section.E2E)) {
                    section(report, json, "e2e",
                            () -> new EndToEndBenchmark(cluster, options, corpus, progress).run(json));
                }
                if (options.sections().contains(BenchOptions.Section.COMPRESSION)) {
                    section(report, json, "compression",
                            () -> new CompressionBenchmark(cluster, options, corpus, progress).run(json)
                            + new CompressionCostBenchmark(options, corpus, progress).run());
                }
            }
        }
        report.append(String.format(Locale.ROOT, "Load average at the end: %s; whole suite %.0f s.%n",
                MachineInfo.loadAverage(), (System.nanoTime() - started) / 1e9));
        json.info("load_average_end", MachineInfo.loadAverage());
        json.info("seconds", Math.round((System.nanoTime() - started) / 1e9));
        Reports reports = new Reports(report.toString(), json.toJson());
        out.print(options.output() == BenchOptions.Output.JSON ? reports.json() : reports.markdown());
        out.flush();
        if (options.out() != null) {
            write(options.out(), reports.markdown());
        }
        return reports;
    }

    /** One benchmark: its report, preceded by the load average when it started. */
    private void section(StringBuilder report, BenchReport json, String name, java.util.function.Supplier<String> benchmark) {
        String load = MachineInfo.loadAverage();
        progress.println(name + " (load " + load + ")...");
        long start = System.nanoTime();
        String text = benchmark.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        json.figure("load_average_at_start", name, load);
        report.append('\n').append(text).append(String.format(Locale.ROOT, "_Load average when this section started: %s;"
                + " it took %.0f s._%n", load, seconds)).append('\n');
    }

    /**
     * Lets the previous run's garbage and the broker's work settle before the next timed run, so one
     * variant does not pay for another.
     */
    static void settle(BenchOptions options) {
        if (options.settleMillis() > 0) {
            System.gc();
            BenchCluster.sleep(options.settleMillis());
        }
    }

    private static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("could not write the report to " + file + ": " + e.getMessage(), e);
        }
    }
}
