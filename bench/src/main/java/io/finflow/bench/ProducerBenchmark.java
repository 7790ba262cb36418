package io.finflow.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.catalog.TopicSpec;
import io.finflow.kafka.producer.ProducerOptions;

/**
 * EventProducer against a raw KafkaProducer with the same settings, on one topic shaped like
 * {@code transaction-events} (12 partitions, keyed by account). First an untimed warm-up run of every
 * variant, then {@code rounds} rounds in which the variants alternate (the first variant rotates each
 * round, so drift in the machine's load hits all of them alike):
 * <ol>
 *   <li>throughput: {@code producerRecords} sent as fast as the producer takes them;</li>
 *   <li>latency: {@code latencyRecords} at a fixed {@code latencyRate}, well below saturation, where
 *       send-to-ack latency is the library's cost plus the broker's round trip rather than queueing.</li>
 * </ol>
 */
final class ProducerBenchmark {

    private final BenchCluster cluster;
    private final BenchOptions options;
    private final EventCorpus corpus;
    private final PrintStream progress;

    ProducerBenchmark(BenchCluster cluster, BenchOptions options, EventCorpus corpus, PrintStream progress) {
        this.cluster = cluster;
        this.options = options;
        this.corpus = corpus;
        this.progress = progress;
    }

    /** Runs the benchmark, adds its figures and ratios to {@code json}, and returns its section of the markdown report. */
    String run(BenchReport json) {
        TopicCatalog catalog = cluster.catalog("producer");
        TopicSpec spec = catalog.topicForEventType("transaction");
        cluster.createTopic(spec.name(), spec.partitions(), Map.of());
        ProducerOptions producerOptions = ProducerOptions.builder(cluster.clientConfig(), BenchSuite.SOURCE)
                .catalog(catalog).build();
        ProducerVariant[] variants = java.util.Arrays.stream(ProducerVariant.values()).filter(ProducerVariant::available)
                .toArray(ProducerVariant[]::new);

        StringBuilder warmups = new StringBuilder();
        if (options.warmupRecords() > 0) {
            for (ProducerVariant v : variants) {
                SendRun[] last = new SendRun[1];
                Warmup.Result warm = Warmup.untilStable(() -> {
                    last[0] = once(v, producerOptions, spec.name(), options.warmupRecords(), 0, "warmup");
                    return last[0].cpuMicrosPerRecord();
                });
                progress.printf(Locale.ROOT, "  warm-up %-55s %,10.0f records/s  (%s)%n", v.label(),
                        last[0].recordsPerSecond(), warm.describe());
                warmups.append(warmups.length() == 0 ? "" : "; ").append(v.label()).append(' ').append(warm.describe());
            }
        }
        Map<ProducerVariant, List<SendRun>> throughput = rounds(variants, producerOptions, spec.name(),
                options.producerRecords(), 0, "throughput");
        Map<ProducerVariant, List<SendRun>> latency = rounds(variants, producerOptions, spec.name(),
                options.latencyRecords(), options.latencyRate(), "latency");
        return report(throughput, latency, json) + "Warm-up (" + MarkdownTable.count(options.warmupRecords())
                + " records per run, repeated until the CPU per record was stable): " + warmups + ".\n\n";
    }

    private Map<ProducerVariant, List<SendRun>> rounds(ProducerVariant[] variants, ProducerOptions producerOptions,
            String topic, int count, int rate, String kind) {
        Map<ProducerVariant, List<SendRun>> runs = new EnumMap<>(ProducerVariant.class);
        for (int round = 0; round < options.rounds(); round++) {
            for (int k = 0; k < variants.length; k++) {
                ProducerVariant v = variants[(round + k) % variants.length];
                SendRun run = once(v, producerOptions, topic, count, rate, kind + "-r" + (round + 1));
                runs.computeIfAbsent(v, x -> new ArrayList<>()).add(run);
                progress.printf(Locale.ROOT, "  %s round %d %-50s %,10.0f records/s  cpu %.1f µs/rec  p50 %.2f ms  p99 %.2f ms%n",
                        kind, round + 1, v.label(), run.recordsPerSecond(), run.cpuMicrosPerRecord(), run.p50Millis(),
                        run.p99Millis());
            }
        }
        return runs;
    }

    private SendRun once(ProducerVariant variant, ProducerOptions producerOptions, String topic, int count, int rate,
            String runName) {
        BenchSuite.settle(options);
        String label = "producer " + variant.name().toLowerCase(Locale.ROOT) + " " + runName;
        try (RecordSender sender = variant.open(producerOptions, topic, corpus,
                "bench-" + variant.name().toLowerCase(Locale.ROOT) + "-" + runName)) {
            return SendLoop.run(sender, count, rate, corpus.valueBytes(count), label);
        }
    }

    private String report(Map<ProducerVariant, List<SendRun>> throughput, Map<ProducerVariant, List<SendRun>> latency,
            BenchReport json) {
        StringBuilder sb = new StringBuilder();
        sb.append("### Producer throughput (").append(MarkdownTable.count(options.producerRecords()))
                .append(" records per run, one sending thread, as fast as possible)\n\n");
        List<String> header = new ArrayList<>(List.of("producer"));
        for (int r = 1; r <= options.rounds(); r++) {
            header.add("run " + r + " rec/s");
        }
        header.addAll(List.of("median rec/s", "median MB/s", "vs raw + Jackson", "vs pre-serialized", "CPU µs/rec",
                "CPU vs raw + Jackson", "p50 ms", "p99 ms"));
        MarkdownTable table = new MarkdownTable(header.toArray(String[]::new));
        double jackson = median(throughput.get(ProducerVariant.RAW_JACKSON), SendRun::recordsPerSecond);
        double jacksonCpu = median(throughput.get(ProducerVariant.RAW_JACKSON), SendRun::cpuMicrosPerRecord);
        double raw = median(throughput.get(ProducerVariant.RAW), SendRun::recordsPerSecond);
        for (ProducerVariant v : ProducerVariant.values()) {
            List<SendRun> runs = throughput.get(v);
            List<Object> row = new ArrayList<>(List.of(v.label()));
            if (runs == null) {
                for (int c = 1; c < header.size(); c++) {
                    row.add("n/a");
                }
                table.row(row.toArray());
                continue;
            }
            runs.forEach(run -> row.add(MarkdownTable.count(run.recordsPerSecond())));
            double med = median(runs, SendRun::recordsPerSecond);
            double cpu = median(runs, SendRun::cpuMicrosPerRecord);
            row.add("**" + MarkdownTable.count(med) + "**");
            row.add(MarkdownTable.fixed(median(runs, SendRun::megabytesPerSecond), 1));
            row.add(MarkdownTable.ratio(med / jackson));
            row.add(MarkdownTable.ratio(med / raw));
            row.add(MarkdownTable.fixed(cpu, 1));
            row.add(MarkdownTable.ratio(cpu / jacksonCpu));
            row.add(MarkdownTable.fixed(median(runs, SendRun::p50Millis), 1));
            row.add(MarkdownTable.fixed(median(runs, SendRun::p99Millis), 1));
            table.row(row.toArray());
            json.figure("producer", v.key() + ".records_per_s_per_run", runs.stream().map(SendRun::recordsPerSecond).toList());
            json.figure("producer", v.key() + ".median_records_per_s", med);
            json.figure("producer", v.key() + ".median_cpu_us_per_record", cpu);
            json.figure("producer", v.key() + ".median_p50_ms", median(runs, SendRun::p50Millis));
            json.figure("producer", v.key() + ".median_p99_ms", median(runs, SendRun::p99Millis));
        }
        json.ratio("producer_vs_raw_jackson_ratio",
                median(throughput.get(ProducerVariant.FINFLOW), SendRun::recordsPerSecond) / jackson);
        if (throughput.containsKey(ProducerVariant.FINFLOW_NO_VALIDATION)) {
            json.ratio("producer_no_validation_vs_raw_jackson_ratio",
                    median(throughput.get(ProducerVariant.FINFLOW_NO_VALIDATION), SendRun::recordsPerSecond) / jackson);
        }
        json.ratio("producer_vs_raw_preserialized_ratio",
                median(throughput.get(ProducerVariant.FINFLOW), SendRun::recordsPerSecond) / raw);
        json.ratio("raw_jackson_vs_raw_preserialized_ratio", jackson / raw);
        json.ratio("producer_cpu_vs_raw_jackson_ratio",
                median(throughput.get(ProducerVariant.FINFLOW), SendRun::cpuMicrosPerRecord) / jacksonCpu);
        sb.append(table).append('\n');
        sb.append(metricsCost(throughput, latency));
        json.ratio("producer_metrics_on_vs_off_ratio", median(throughput.get(ProducerVariant.FINFLOW_METRICS),
                SendRun::recordsPerSecond) / median(throughput.get(ProducerVariant.FINFLOW), SendRun::recordsPerSecond));
        sb.append("MB/s counts JSON values only (").append(MarkdownTable.fixed(corpus.meanValueBytes(), 0))
                .append(" bytes mean); the library's CloudEvents headers add ")
                .append(MarkdownTable.fixed(corpus.meanHeaderBytes(), 0))
                .append(" bytes per record. CPU µs/rec is the CPU time of the whole JVM (clients, embedded broker, GC, JIT)"
                        + " per record: steadier than throughput on a shared machine. Latency here is mostly time queued in"
                        + " the producer's buffer at saturation. n/a: this build of the library cannot run the variant.\n\n");

        sb.append("### Producer send-to-ack latency at a fixed ").append(MarkdownTable.count(options.latencyRate()))
                .append(" records/s (").append(MarkdownTable.count(options.latencyRecords())).append(" records per run)\n\n");
        MarkdownTable lat = new MarkdownTable("producer", "p50 ms per run", "median p50 ms", "median p99 ms",
                "median p99.9 ms", "achieved rec/s");
        for (ProducerVariant v : ProducerVariant.values()) {
            List<SendRun> runs = latency.get(v);
            if (runs == null) {
                lat.row(v.label(), "n/a", "n/a", "n/a", "n/a", "n/a");
                continue;
            }
            List<String> p50s = runs.stream().map(r -> MarkdownTable.fixed(r.p50Millis(), 2)).toList();
            lat.row(v.label(), String.join(" / ", p50s), "**" + MarkdownTable.fixed(median(runs, SendRun::p50Millis), 2) + "**",
                    MarkdownTable.fixed(median(runs, SendRun::p99Millis), 2),
                    MarkdownTable.fixed(median(runs, SendRun::p999Millis), 2),
                    MarkdownTable.count(median(runs, SendRun::recordsPerSecond)));
            json.figure("producer_at_rate", v.key() + ".median_p50_ms", median(runs, SendRun::p50Millis));
            json.figure("producer_at_rate", v.key() + ".median_p99_ms", median(runs, SendRun::p99Millis));
            json.figure("producer_at_rate", v.key() + ".median_p999_ms", median(runs, SendRun::p999Millis));
        }
        json.ratio("producer_p99_at_rate_vs_raw_jackson_ratio", median(latency.get(ProducerVariant.FINFLOW),
                SendRun::p99Millis) / median(latency.get(ProducerVariant.RAW_JACKSON), SendRun::p99Millis));
        sb.append(lat).append('\n');
        return sb.toString();
    }

    /** EventProducer with metrics against without, from the same rounds. */
    private static String metricsCost(Map<ProducerVariant, List<SendRun>> throughput,
                                      Map<ProducerVariant, List<SendRun>> latency) {
        List<SendRun> off = throughput.get(ProducerVariant.FINFLOW);
        List<SendRun> on = throughput.get(ProducerVariant.FINFLOW_METRICS);
        double rate = median(on, SendRun::recordsPerSecond) / median(off, SendRun::recordsPerSecond);
        double cpuOff = median(off, SendRun::cpuMicrosPerRecord);
        double cpuOn = median(on, SendRun::cpuMicrosPerRecord);
        return "**Metrics on vs off (EventProducer):** throughput " + MarkdownTable.ratio(rate) + ", CPU "
                + MarkdownTable.fixed(cpuOn, 1) + " vs " + MarkdownTable.fixed(cpuOff, 1) + " µs/record ("
                + MarkdownTable.fixed((cpuOn / cpuOff - 1) * 100, 1) + " %), p50 at a fixed rate "
                + MarkdownTable.fixed(median(latency.get(ProducerVariant.FINFLOW_METRICS), SendRun::p50Millis), 2)
                + " vs " + MarkdownTable.fixed(median(latency.get(ProducerVariant.FINFLOW), SendRun::p50Millis), 2)
                + " ms.\n\n";
    }

    static double median(List<SendRun> runs, ToDoubleFunction<SendRun> metric) {
        return Stats.median(runs.stream().mapToDouble(metric).toArray());
    }
}
