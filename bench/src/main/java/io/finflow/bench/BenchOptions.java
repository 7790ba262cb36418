package io.finflow.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What {@link BenchSuite} runs and how big each run is. Immutable; {@link #parse(String...)} reads it from
 * the command line ({@code --name value} or {@code --name=value}) and names any bad value.
 *
 * @param bootstrap          an existing cluster to use ({@code host:port}); {@code null} starts an embedded
 *                           single-node broker in the benchmark JVM
 * @param replicationFactor  replication factor of the benchmark topics (1 for the embedded broker)
 * @param sections           which benchmarks to run
 * @param rounds             measured runs of each variant; variants alternate within a round
 * @param warmupRecords      records of each untimed warm-up run of a variant; runs repeat until the CPU per
 *                           record is stable
 * @param producerRecords    records per producer throughput run
 * @param latencyRecords     records per paced producer latency run
 * @param latencyRate        send rate of the paced latency runs, records per second
 * @param consumerRecords    records per consumer run (the topic is filled once with that many)
 * @param orderedRecords     records per key-ordered run with 64 workers (one partition, 1,000 keys, a 2 ms
 *                           handler); the sequential run reads an eighth of them
 * @param e2eRecords         records per end-to-end latency run (send to handler), sent at {@code latencyRate}
 * @param compressionRecords records per compression run
 * @param serdeRecords       events per CPU-only encode/decode measurement
 * @param corpusSize         distinct transaction events generated; runs cycle through them
 * @param accounts           distinct accounts (record keys) in the corpus
 * @param seed               random seed of the corpus: the same seed gives the same bytes
 * @param settleMillis       pause (after a full GC) before every timed run, so one run does not pay for the
 *                           garbage or the broker work of the previous one; 0 for none
 * @param lagPartitions      partitions of the lag benchmark, spread over {@code lagGroups} topics
 * @param lagGroups          consumer groups of the lag benchmark (and its topics)
 * @param keepTopics         leave the benchmark topics and groups on an existing cluster (to measure other
 *                           tools on them afterwards)
 * @param out                file to write the markdown report to, besides standard output; may be {@code null}
 * @param output             what standard output gets: the markdown report or the JSON report
 * @param help               print the usage and exit
 */
public record BenchOptions(
        String bootstrap,
        int replicationFactor,
        Set<Section> sections,
        int rounds,
        int warmupRecords,
        int producerRecords,
        int latencyRecords,
        int latencyRate,
        int consumerRecords,
        int orderedRecords,
        int e2eRecords,
        int compressionRecords,
        int serdeRecords,
        int corpusSize,
        int accounts,
        long seed,
        int settleMillis,
        int lagPartitions,
        int lagGroups,
        boolean keepTopics,
        Path out,
        Output output,
        boolean help) {

    /** Measured runs per variant. */
    public static final int DEFAULT_ROUNDS = 3;
    /** Records of each untimed warm-up run (repeated until the CPU per record is stable). */
    public static final int DEFAULT_WARMUP_RECORDS = 100_000;
    /** Records per producer throughput run. */
    public static final int DEFAULT_PRODUCER_RECORDS = 100_000;
    /** Records per paced latency run. */
    public static final int DEFAULT_LATENCY_RECORDS = 10_000;
    /** Paced latency send rate: well below what either producer sustains on 2 cores. */
    public static final int DEFAULT_LATENCY_RATE = 5_000;
    /** Records per consumer run. */
    public static final int DEFAULT_CONSUMER_RECORDS = 100_000;
    /** Records per key-ordered run with 64 workers (the sequential run reads an eighth). */
    public static final int DEFAULT_ORDERED_RECORDS = 8_000;
    /** Records per end-to-end latency run. */
    public static final int DEFAULT_E2E_RECORDS = 10_000;
    /** Records per compression run. */
    public static final int DEFAULT_COMPRESSION_RECORDS = 100_000;
    /** Events per CPU-only measurement. */
    public static final int DEFAULT_SERDE_RECORDS = 20_000;
    /** Distinct events generated. */
    public static final int DEFAULT_CORPUS_SIZE = 50_000;
    /** Distinct accounts (keys). */
    public static final int DEFAULT_ACCOUNTS = 1_000;
    /** Corpus seed. */
    public static final long DEFAULT_SEED = 42L;
    /** Pause before every timed run. */
    public static final int DEFAULT_SETTLE_MILLIS = 300;
    /** Partitions of the lag benchmark: the shape issue 11 sets for the lag exporter (1,000 partitions). */
    public static final int DEFAULT_LAG_PARTITIONS = 1_000;
    /** Consumer groups of the lag benchmark (20 groups). */
    public static final int DEFAULT_LAG_GROUPS = 20;

    /** What standard output gets. */
    public enum Output {
        /** The markdown report (the default). */
        MD,
        /** The JSON report: every figure and every ratio (see {@link BenchReport}). */
        JSON
    }

    /** The benchmarks of the suite, in the order they run. */
    public enum Section {
        /** CPU cost per event of the library's encoding and decoding against plain Jackson, without Kafka. */
        SERDE,
        /** Lag exporter and groups lag over many partitions and groups: sample, estimate, scrape. */
        LAG,
        /** EventProducer (metrics off and on) against KafkaProducer: throughput, then latency at a fixed rate. */
        PRODUCER,
        /** EventConsumer (1 and 8 workers, metrics off and on) against a KafkaConsumer poll loop with Jackson. */
        CONSUMER,
        /** Key-ordered parallelism: a 2 ms handler, one partition, 1,000 keys, 64 workers against 1. */
        ORDERED,
        /** End-to-end latency, send to handler, at a fixed rate: library against raw clients. */
        E2E,
        /** Per compression codec: producer throughput, bytes on disk, and CPU cost without a broker. */
        COMPRESSION;

        /** The name used on the command line. */
        String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Validates every value, naming the option and the bad value. */
    public BenchOptions {
        if (bootstrap != null && bootstrap.isBlank()) {
            throw new IllegalArgumentException("--bootstrap must be host:port, was blank");
        }
        atLeast("--replication-factor", replicationFactor, 1);
        if (sections == null || sections.isEmpty()) {
            throw new IllegalArgumentException("--only must name at least one of " + sectionNames());
        }
        sections = Set.copyOf(sections);
        atLeast("--rounds", rounds, 1);
        atLeast("--warmup-records", warmupRecords, 0);
        atLeast("--producer-records", producerRecords, 1);
        atLeast("--latency-records", latencyRecords, 1);
        atLeast("--latency-rate", latencyRate, 1);
        atLeast("--consumer-records", consumerRecords, 1);
        atLeast("--ordered-records", orderedRecords, 8);
        atLeast("--e2e-records", e2eRecords, 1);
        atLeast("--compression-records", compressionRecords, 1);
        atLeast("--serde-records", serdeRecords, 1);
        atLeast("--corpus-size", corpusSize, 1);
        atLeast("--accounts", accounts, 2);
        atLeast("--settle-ms", settleMillis, 0);
        atLeast("--lag-groups", lagGroups, 1);
        atLeast("--lag-partitions", lagPartitions, lagGroups);
        if (output == null) {
            throw new IllegalArgumentException("--output must be md or json, was null");
        }
    }

    /** The defaults: the whole suite against an embedded broker, a few minutes on 2 cores. */
    public static BenchOptions defaults() {
        return new BenchOptions(null, 1, EnumSet.allOf(Section.class), DEFAULT_ROUNDS, DEFAULT_WARMUP_RECORDS,
                DEFAULT_PRODUCER_RECORDS, DEFAULT_LATENCY_RECORDS, DEFAULT_LATENCY_RATE, DEFAULT_CONSUMER_RECORDS,
                DEFAULT_ORDERED_RECORDS, DEFAULT_E2E_RECORDS, DEFAULT_COMPRESSION_RECORDS, DEFAULT_SERDE_RECORDS,
                DEFAULT_CORPUS_SIZE, DEFAULT_ACCOUNTS, DEFAULT_SEED, DEFAULT_SETTLE_MILLIS, DEFAULT_LAG_PARTITIONS,
                DEFAULT_LAG_GROUPS, false, null, Output.MD, false);
    }

    /**
     * The {@code --quick} smoke run: every benchmark with a few hundred records, one round, no warm-up runs, no
     * settling pause; well under a minute on 2 cores. Its numbers mean nothing; it shows the harness works.
     */
    public static BenchOptions quick() {
        return new BenchOptions(null, 1, EnumSet.allOf(Section.class), 1, 0, 300, 100, 2_000, 300, 160, 200,
                200, 100, 300, 20, DEFAULT_SEED, 0, 8, 2, false, null, Output.MD, false);
    }

    /**
     * Reads options from command-line arguments; anything not given keeps its default.
     *
     * <pre>{@code
     * BenchOptions o = BenchOptions.parse("--only", "producer,compression", "--rounds=5");
     * }</pre>
     *
     * @throws IllegalArgumentException on an unknown option, a missing value or a value out of range
     */
    public static BenchOptions parse(String... args) {
        BenchOptions d = List.of(args).contains("--quick") ? quick() : defaults();
        String bootstrap = d.bootstrap;
        int replicationFactor = d.replicationFactor;
        Set<Section> sections = d.sections;
        int rounds = d.rounds;
        int warmup = d.warmupRecords;
        int producer = d.producerRecords;
        int latency = d.latencyRecords;
        int latencyRate = d.latencyRate;
        int consumer = d.consumerRecords;
        int ordered = d.orderedRecords;
        int e2e = d.e2eRecords;
        int compression = d.compressionRecords;
        int serde = d.serdeRecords;
        int corpus = d.corpusSize;
        int accounts = d.accounts;
        long seed = d.seed;
        int settle = d.settleMillis;
        int lagPartitions = d.lagPartitions;
        int lagGroups = d.lagGroups;
        boolean keep = false;
        Path out = d.out;
        Output output = d.output;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (arg.equals("--keep-topics")) {
                keep = true;
                continue;
            }
            if (arg.equals("--quick")) {
                continue; // read above: the quick sizes are the defaults the other options change
            }
            String name = arg;
            String value;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(arg.startsWith("--") ? arg + " needs a value"
                        : "unexpected argument '" + arg + "'");
            }
            switch (name) {
                case "--bootstrap" -> bootstrap = value;
                case "--replication-factor" -> replicationFactor = integer(name, value);
                case "--only" -> sections = sections(value);
                case "--rounds" -> rounds = integer(name, value);
                case "--warmup-records" -> warmup = integer(name, value);
                case "--producer-records" -> producer = integer(name, value);
                case "--latency-records" -> latency = integer(name, value);
                case "--latency-rate" -> latencyRate = integer(name, value);
                case "--consumer-records" -> consumer = integer(name, value);
                case "--ordered-records" -> ordered = integer(name, value);
                case "--e2e-records" -> e2e = integer(name, value);
                case "--compression-records" -> compression = integer(name, value);
                case "--serde-records" -> serde = integer(name, value);
                case "--corpus-size" -> corpus = integer(name, value);
                case "--accounts" -> accounts = integer(name, value);
                case "--seed" -> seed = longValue(name, value);
                case "--settle-ms" -> settle = integer(name, value);
                case "--lag-partitions" -> lagPartitions = integer(name, value);
                case "--lag-groups" -> lagGroups = integer(name, value);
                case "--out" -> out = Path.of(value);
                case "--output" -> output = output(value);
                default -> throw new IllegalArgumentException("unknown option '" + name + "'; see --help");
            }
        }
        return new BenchOptions(bootstrap, replicationFactor, sections, rounds, warmup, producer, latency,
                latencyRate, consumer, ordered, e2e, compression, serde, corpus, accounts, seed, settle, lagPartitions,
                lagGroups, keep, out, output, help);
    }

    /** True when the benchmarks use a broker started in this JVM. */
    public boolean embedded() {
        return bootstrap == null;
    }

    /** The command-line help. */
    public static String usage() {
        BenchOptions d = defaults();
        return String.join("\n",
                "usage: BenchSuite [options]",
                "  --bootstrap HOST:PORT        use this cluster instead of an embedded broker (loopback advised)",
                "  --replication-factor N       replication of the benchmark topics (default 1)",
                "  --only LIST                  comma-separated subset of " + sectionNames() + " (default all)",
                "  --rounds N                   measured runs per variant (default " + d.rounds + ")",
                "  --warmup-records N           records per warm-up run, repeated until stable (default " + d.warmupRecords + ")",
                "  --producer-records N         records per producer throughput run (default " + d.producerRecords + ")",
                "  --latency-records N          records per paced latency run (default " + d.latencyRecords + ")",
                "  --latency-rate N             records/s of the paced latency runs (default " + d.latencyRate + ")",
                "  --consumer-records N         records per consumer run (default " + d.consumerRecords + ")",
                "  --ordered-records N          records per key-ordered run, 64 workers; 1 worker reads N/8 (default "
                        + d.orderedRecords + ")",
                "  --e2e-records N              records per end-to-end latency run, at --latency-rate (default "
                        + d.e2eRecords + ")",
                "  --compression-records N      records per compression run (default " + d.compressionRecords + ")",
                "  --serde-records N            events per CPU-only encode/decode run (default " + d.serdeRecords + ")",
                "  --corpus-size N              distinct events generated (default " + d.corpusSize + ")",
                "  --accounts N                 distinct accounts, i.e. record keys (default " + d.accounts + ")",
                "  --seed N                     corpus seed (default " + d.seed + ")",
                "  --settle-ms N                GC and pause before every timed run (default " + d.settleMillis + ")",
                "  --lag-partitions N           partitions of the lag benchmark (default " + d.lagPartitions + ")",
                "  --lag-groups N               consumer groups (and topics) of the lag benchmark (default " + d.lagGroups + ")",
                "  --keep-topics                leave topics and groups on an existing cluster (default: deleted)",
                "  --out FILE                   also write the markdown report to FILE",
                "  --output md|json             standard output gets the markdown report (default) or the JSON report",
                "  --quick                      smoke run: every benchmark, a few hundred records, one round (< 1 min)",
                "  --help                       this text");
    }

    private static Output output(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "md", "markdown" -> Output.MD;
            case "json" -> Output.JSON;
            default -> throw new IllegalArgumentException("--output must be md or json, was '" + value + "'");
        };
    }

    private static Set<Section> sections(String value) {
        Set<Section> result = EnumSet.noneOf(Section.class);
        for (String part : value.split(",")) {
            String wanted = part.trim().toLowerCase(Locale.ROOT);
            Section match = null;
            for (Section s : Section.values()) {
                if (s.cliName().equals(wanted)) {
                    match = s;
                }
            }
            if (match == null) {
                throw new IllegalArgumentException("--only: unknown benchmark '" + part.trim() + "', expected "
                        + sectionNames());
            }
            result.add(match);
        }
        return result;
    }

    private static String sectionNames() {
        List<String> names = new ArrayList<>();
        for (Section s : Section.values()) {
            names.add(s.cliName());
        }
        return String.join(",", names);
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'", e);
        }
    }

    private static long longValue(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'", e);
        }
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
        }
    }
}
