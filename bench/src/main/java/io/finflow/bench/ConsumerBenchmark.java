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
import io.finflow.kafka.consumer.ConsumerOptions;

/**
 * EventConsumer (1 and 8 workers) against a raw KafkaConsumer poll loop that maps each value with Jackson.
 * The topic (shaped like {@code transaction-events}: 12 partitions, keyed by account) is filled once by
 * EventProducer with {@code consumerRecords} events, so every run reads the same records, CloudEvents
 * headers included. Warm-up run of every variant, then alternating rounds; each run is a new group
 * reading from the beginning, timed from its first record to its last (group join excluded).
 */
final class ConsumerBenchmark {

    private final BenchCluster cluster;
    private final BenchOptions options;
    private final EventCorpus corpus;
    private final PrintStream progress;

    ConsumerBenchmark(BenchCluster cluster, BenchOptions options, EventCorpus corpus, PrintStream progress) {
        this.cluster = cluster;
        this.options = options;
        this.corpus = corpus;
        this.progress = progress;
    }

    /** Runs the benchmark, adds its figures and ratios to {@code json}, and returns its section of the markdown report. */
    String run(BenchReport json) {
        TopicCatalog catalog = cluster.catalog("consumer");
        TopicSpec spec = catalog.topicForEventType("transaction");
        cluster.createTopic(spec.name(), spec.partitions(), Map.of());
        TopicFiller.fill(cluster, catalog, spec.name(), corpus, options.consumerRecords(), progress);
        ConsumerOptions base = ConsumerOptions.builder(cluster.clientConfig(), "unused").catalog(catalog).build();
        ConsumerVariant[] variants = ConsumerVariant.values();
        int runNumber = 0;
        StringBuilder warmups = new StringBuilder();
        if (options.warmupRecords() > 0) {
            int warmCount = Math.min(options.warmupRecords(), options.consumerRecords());
            for (ConsumerVariant v : variants) {
                ConsumeRun[] last = new ConsumeRun[1];
                int[] number = {runNumber};
                Warmup.Result warm = Warmup.untilStable(() -> {
                    BenchSuite.settle(options);
                    last[0] = v.run(base, spec.name(), group(spec, "warmup", ++number[0]), warmCount);
                    return last[0].cpuMicrosPerRecord();
                });
                runNumber = number[0];
                progress.printf(Locale.ROOT, "  warm-up %-45s %,10.0f records/s  (%s)%n", v.label(),
                        last[0].recordsPerSecond(), warm.describe());
                warmups.append(warmups.length() == 0 ? "" : "; ").append(v.label()).append(' ').append(warm.describe());
            }
        }
        Map<ConsumerVariant, List<ConsumeRun>> runs = new EnumMap<>(ConsumerVariant.class);
        for (int round = 0; round < options.rounds(); round++) {
            for (int k = 0; k < variants.length; k++) {
                ConsumerVariant v = variants[(round + k) % variants.length];
                BenchSuite.settle(options);
                ConsumeRun run = v.run(base, spec.name(), group(spec, "r" + (round + 1), ++runNumber),
                        options.consumerRecords());
                runs.computeIfAbsent(v, x -> new ArrayList<>()).add(run);
                progress.printf(Locale.ROOT, "  round %d %-45s %,10.0f records/s  cpu %.1f µs/rec  (first record after %.0f ms)%n",
                        round + 1, v.label(), run.recordsPerSecond(), run.cpuMicrosPerRecord(), run.firstRecordMillis());
            }
        }
        return report(runs, json) + "Warm-up (" + MarkdownTable.count(options.warmupRecords())
                + " records per run, repeated until the CPU per record was stable): " + warmups + ".\n\n";
    }

    private static String group(TopicSpec spec, String run, int number) {
        return spec.name() + "-group-" + run + "-" + number;
    }

    private String report(Map<ConsumerVariant, List<ConsumeRun>> runs, BenchReport json) {
        StringBuilder sb = new StringBuilder();
        sb.append("### Consumer throughput (").append(MarkdownTable.count(options.consumerRecords()))
                .append(" records per run, trivial handler, new group from the beginning)\n\n");
        List<String> header = new ArrayList<>(List.of("consumer"));
        for (int r = 1; r <= options.rounds(); r++) {
            header.add("run " + r + " rec/s");
        }
        header.addAll(List.of("median rec/s", "vs raw + Jackson", "CPU µs/rec", "CPU vs raw + Jackson", "first record after ms (median)"));
        MarkdownTable table = new MarkdownTable(header.toArray(String[]::new));
        double rawMedian = median(runs.get(ConsumerVariant.RAW), ConsumeRun::recordsPerSecond);
        double rawCpu = median(runs.get(ConsumerVariant.RAW), ConsumeRun::cpuMicrosPerRecord);
        for (ConsumerVariant v : ConsumerVariant.values()) {
            List<ConsumeRun> list = runs.get(v);
            List<Object> row = new ArrayList<>(List.of(v.label()));
            list.forEach(run -> row.add(MarkdownTable.count(run.recordsPerSecond())));
            double med = median(list, ConsumeRun::recordsPerSecond);
            row.add("**" + MarkdownTable.count(med) + "**");
            row.add(MarkdownTable.ratio(med / rawMedian));
            double cpu = median(list, ConsumeRun::cpuMicrosPerRecord);
            row.add(MarkdownTable.fixed(cpu, 1));
            row.add(MarkdownTable.ratio(cpu / rawCpu));
            row.add(MarkdownTable.count(median(list, ConsumeRun::firstRecordMillis)));
            table.row(row.toArray());
            json.figure("consumer", v.key() + ".records_per_s_per_run", list.stream().map(ConsumeRun::recordsPerSecond).toList());
            json.figure("consumer", v.key() + ".median_records_per_s", med);
            json.figure("consumer", v.key() + ".median_cpu_us_per_record", cpu);
        }
        json.ratio("consumer_vs_raw_jackson_ratio", median(runs.get(ConsumerVariant.FINFLOW_1),
                ConsumeRun::recordsPerSecond) / rawMedian);
        json.ratio("consumer_8_vs_raw_jackson_ratio", median(runs.get(ConsumerVariant.FINFLOW_8),
                ConsumeRun::recordsPerSecond) / rawMedian);
        json.ratio("consumer_cpu_vs_raw_jackson_ratio", median(runs.get(ConsumerVariant.FINFLOW_1),
                ConsumeRun::cpuMicrosPerRecord) / rawCpu);
        sb.append(table).append('\n');
        List<ConsumeRun> off = runs.get(ConsumerVariant.FINFLOW_1);
        List<ConsumeRun> on = runs.get(ConsumerVariant.FINFLOW_1_METRICS);
        json.ratio("consumer_metrics_on_vs_off_ratio", median(on, ConsumeRun::recordsPerSecond)
                / median(off, ConsumeRun::recordsPerSecond));
        double cpuOff = median(off, ConsumeRun::cpuMicrosPerRecord);
        double cpuOn = median(on, ConsumeRun::cpuMicrosPerRecord);
        sb.append("**Metrics on vs off (EventConsumer, concurrency 1):** throughput ")
                .append(MarkdownTable.ratio(median(on, ConsumeRun::recordsPerSecond)
                        / median(off, ConsumeRun::recordsPerSecond)))
                .append(", CPU ").append(MarkdownTable.fixed(cpuOn, 1)).append(" vs ").append(MarkdownTable.fixed(cpuOff, 1))
                .append(" µs/record (").append(MarkdownTable.fixed((cpuOn / cpuOff - 1) * 100, 1)).append(" %).\n\n");
        sb.append("CPU µs/rec: CPU time of the whole JVM (clients, embedded broker, GC, JIT) per record, from the first"
                + " record to the last. Workers beyond the 2 cores only help when handlers wait (I/O); here they compete"
                + " for the same CPUs.\n\n");
        return sb.toString();
    }

    private static double median(List<ConsumeRun> runs, ToDoubleFunction<ConsumeRun> metric) {
        return Stats.median(runs.stream().mapToDouble(metric).toArray());
    }
}
