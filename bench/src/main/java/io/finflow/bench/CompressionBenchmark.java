package io.finflow.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.catalog.TopicSpec;
import io.finflow.kafka.producer.Compression;
import io.finflow.kafka.producer.ProducerOptions;

/**
 * Producer throughput and bytes on disk per compression codec, for the same transaction events as the
 * library writes them (JSON value, account key, CloudEvents headers). The raw cases send them with a
 * KafkaProducer with the library's settings, so that only the codec changes; the EventProducer cases show
 * what a codec costs on the library's own path, where encoding dominates. One topic per case, 12 partitions
 * like {@code transaction-events} (more partitions mean smaller batches, which compress worse). Bytes on
 * disk are the growth of the topic's log during the run ({@code Admin.describeLogDirs}), so the warm-up does
 * not count. The "topic zstd" cases are the catalog's analytics-events set-up: lz4 from the producer into a
 * topic whose {@code compression.type} is zstd, which makes the broker decompress and recompress every batch.
 */
final class CompressionBenchmark {

    /**
     * One case.
     *
     * @param label         the name in the report
     * @param producer      {@link ProducerVariant#RAW_WITH_HEADERS} or {@link ProducerVariant#FINFLOW}
     * @param producerCodec the producer's {@code compression.type}
     * @param topicCodec    the topic's {@code compression.type} ({@code producer}: stored as sent)
     */
    record CodecCase(String label, ProducerVariant producer, String producerCodec, String topicCodec) {

        /** The name of the producer in the report. */
        String producerName() {
            return producer == ProducerVariant.FINFLOW ? "EventProducer" : "raw";
        }
    }

    private static final ProducerVariant RAW = ProducerVariant.RAW_WITH_HEADERS;
    private static final ProducerVariant LIB = ProducerVariant.FINFLOW;

    static final List<CodecCase> CASES = List.of(
            new CodecCase("none", RAW, "none", "producer"),
            new CodecCase("lz4 (FinFlow default)", RAW, "lz4", "producer"),
            new CodecCase("zstd", RAW, "zstd", "producer"),
            new CodecCase("snappy", RAW, "snappy", "producer"),
            new CodecCase("gzip", RAW, "gzip", "producer"),
            new CodecCase("lz4, topic zstd", RAW, "lz4", "zstd"),
            new CodecCase("lz4 (FinFlow default)", LIB, "lz4", "producer"),
            new CodecCase("zstd", LIB, "zstd", "producer"),
            new CodecCase("lz4, topic zstd (analytics-events today)", LIB, "lz4", "zstd"));

    private final BenchCluster cluster;
    private final BenchOptions options;
    private final EventCorpus corpus;
    private final PrintStream progress;
    private BenchReport json;

    CompressionBenchmark(BenchCluster cluster, BenchOptions options, EventCorpus corpus, PrintStream progress) {
        this.cluster = cluster;
        this.options = options;
        this.corpus = corpus;
        this.progress = progress;
    }

    private record Measured(SendRun run, long diskBytes) {
    }

    /** Where a case writes: a catalog (the library checks topics against it) and its transaction topic. */
    private record Target(ProducerOptions producerOptions, String topic) {
    }

    /** Runs the benchmark and returns its section of the markdown report. */
    String run(BenchReport json) {
        this.json = json;
        Map<CodecCase, Target> targets = new LinkedHashMap<>();
        int partitions = 0;
        for (int i = 0; i < CASES.size(); i++) {
            CodecCase c = CASES.get(i);
            TopicCatalog catalog = cluster.catalog("compression-" + (i + 1));
            TopicSpec spec = catalog.topicForEventType("transaction");
            partitions = spec.partitions();
            cluster.createTopic(spec.name(), spec.partitions(), Map.of("compression.type", c.topicCodec()));
            targets.put(c, new Target(ProducerOptions.builder(cluster.clientConfig(), BenchSuite.SOURCE)
                    .catalog(catalog).compression(Compression.of(c.producerCodec())).build(), spec.name()));
        }
        if (options.warmupRecords() > 0) {
            for (CodecCase c : CASES) {
                Measured[] last = new Measured[1];
                Warmup.Result warm = Warmup.untilStable(() -> {
                    last[0] = once(c, targets.get(c), options.warmupRecords(), "warmup");
                    return last[0].run().cpuMicrosPerRecord();
                });
                progress.printf(Locale.ROOT, "  warm-up %-13s %-42s %,10.0f records/s  (%s)%n", c.producerName(),
                        c.label(), last[0].run().recordsPerSecond(), warm.describe());
            }
        }
        Map<CodecCase, List<Measured>> results = new LinkedHashMap<>();
        for (int round = 0; round < options.rounds(); round++) {
            for (int k = 0; k < CASES.size(); k++) {
                CodecCase c = CASES.get((round + k) % CASES.size());
                Measured m = once(c, targets.get(c), options.compressionRecords(), "r" + (round + 1));
                results.computeIfAbsent(c, x -> new ArrayList<>()).add(m);
                progress.printf(Locale.ROOT, "  round %d %-13s %-42s %,10.0f records/s  cpu %.1f µs/rec  %,12d bytes on disk%n",
                        round + 1, c.producerName(), c.label(), m.run().recordsPerSecond(), m.run().cpuMicrosPerRecord(),
                        m.diskBytes());
            }
        }
        return report(results, partitions);
    }

    private Measured once(CodecCase c, Target target, int count, String runName) {
        BenchSuite.settle(options);
        String clientId = "bench-compression-" + c.producer().name().toLowerCase(Locale.ROOT) + "-" + c.producerCodec()
                + "-" + c.topicCodec() + "-" + runName;
        long before = cluster.logBytes(target.topic());
        SendRun run;
        try (RecordSender sender = c.producer().open(target.producerOptions(), target.topic(), corpus, clientId)) {
            run = SendLoop.run(sender, count, 0, corpus.valueBytes(count), "compression " + clientId);
        }
        // The priming record is in the log too; its share (1 of count) is negligible.
        return new Measured(run, cluster.logBytes(target.topic()) - before);
    }

    private String report(Map<CodecCase, List<Measured>> results, int partitions) {
        int n = options.compressionRecords();
        StringBuilder sb = new StringBuilder();
        sb.append("### Compression (").append(MarkdownTable.count(n)).append(" transaction events per run, ")
                .append(partitions).append(" partitions, value + key + CloudEvents headers as the library writes them)\n\n");
        MarkdownTable table = new MarkdownTable("producer", "codec", "rec/s per run", "median rec/s",
                "vs lz4, same producer", "CPU µs/rec", "median MB/s", "bytes on disk per run", "bytes/record", "size vs none");
        double noneBytes = medianBytes(results.get(CASES.get(0)));
        for (CodecCase c : CASES) {
            List<Measured> list = results.get(c);
            double rate = medianRate(list);
            double lz4Rate = medianRate(results.get(CASES.stream()
                    .filter(x -> x.producer() == c.producer() && x.producerCodec().equals("lz4")
                            && x.topicCodec().equals("producer"))
                    .findFirst().orElseThrow()));
            double bytes = medianBytes(list) / cluster.replicationFactor();
            table.row(c.producerName(), c.label(),
                    String.join(" / ", list.stream().map(m -> MarkdownTable.count(m.run().recordsPerSecond())).toList()),
                    "**" + MarkdownTable.count(rate) + "**",
                    MarkdownTable.ratio(rate / lz4Rate),
                    MarkdownTable.fixed(Stats.median(list.stream().mapToDouble(m -> m.run().cpuMicrosPerRecord()).toArray()), 1),
                    MarkdownTable.fixed(Stats.median(list.stream().mapToDouble(m -> m.run().megabytesPerSecond()).toArray()), 1),
                    MarkdownTable.count(bytes),
                    MarkdownTable.fixed(bytes / (n + 1), 1),
                    "**" + MarkdownTable.fixed(100.0 * bytes * cluster.replicationFactor() / noneBytes, 1) + " %**");
            String key = c.producerName().toLowerCase(java.util.Locale.ROOT) + "." + c.producerCodec()
                    + (c.topicCodec().equals("producer") ? "" : "_into_" + c.topicCodec() + "_topic");
            json.figure("compression", key + ".median_records_per_s", rate);
            json.figure("compression", key + ".bytes_per_record", bytes / (n + 1));
            json.figure("compression", key + ".median_cpu_us_per_record",
                    Stats.median(list.stream().mapToDouble(m -> m.run().cpuMicrosPerRecord()).toArray()));
        }
        List<Measured> rawLz4 = results.get(CASES.get(1));
        List<Measured> rawZstd = results.get(CASES.get(2));
        json.ratio("compression_zstd_vs_lz4_bytes_ratio", medianBytes(rawZstd) / medianBytes(rawLz4));
        json.ratio("compression_zstd_vs_lz4_throughput_ratio", medianRate(rawZstd) / medianRate(rawLz4));
        sb.append(table).append('\n');
        sb.append("Bytes on disk are per replica: the growth of the topic's log segments during the run. MB/s counts"
                + " JSON values only. CPU µs/rec is the whole JVM's (producer, broker, GC) per record. \"raw\" is a KafkaProducer with the library's settings sending the pre-encoded"
                + " records (value and headers).\n\n");
        return sb.toString();
    }

    private static double medianRate(List<Measured> list) {
        return Stats.median(list.stream().mapToDouble(m -> m.run().recordsPerSecond()).toArray());
    }

    private static double medianBytes(List<Measured> list) {
        return Stats.median(list.stream().mapToDouble(m -> (double) m.diskBytes()).toArray());
    }
}
