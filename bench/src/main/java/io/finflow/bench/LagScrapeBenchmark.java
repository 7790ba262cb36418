package io.finflow.bench;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.finflow.kafka.ops.groups.ConsumerGroupService;
import io.finflow.kafka.ops.groups.GroupLag;
import io.finflow.kafka.ops.lag.LagCollector;
import io.finflow.kafka.ops.lag.LagMonitor;
import io.finflow.kafka.ops.lag.LagReport;
import io.finflow.kafka.ops.lag.OffsetSample;
import io.finflow.kafka.ops.lag.OffsetSampler;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What consumer lag costs to watch on many partitions and groups: one sample of the lag exporter (its batched
 * Admin requests), its first sample with the time lag history seeded, one Prometheus scrape of its metrics, and
 * {@code finflow groups lag} over every group. Two shapes of {@code lagGroups} groups over {@code lagPartitions}
 * partitions ({@code lagGroups} topics): every group on every partition, then each group on its own topic
 * (kept last, so that {@code --keep-topics} leaves it for other tools). Half of each group's partitions lag by
 * {@value #LAG} records. Nothing is asserted: the numbers are the result.
 */
final class LagScrapeBenchmark {

    private static final int RECORDS_PER_PARTITION = 20;
    private static final int LAG = 10;
    private static final int SCRAPES = 20;

    private final BenchCluster cluster;
    private final BenchOptions options;
    private final PrintStream progress;

    LagScrapeBenchmark(BenchCluster cluster, BenchOptions options, PrintStream progress) {
        this.cluster = cluster;
        this.options = options;
        this.progress = progress;
    }

    /** One shape's medians. */
    private record Result(String shape, int groups, int rows, double sampleMs, double coldMs, double scrapeMs,
                          int series, int scrapeKib, double groupsLagMs) {
    }

    /** Runs the benchmark and returns its section of the markdown report. */
    String run() {
        int topics = options.lagGroups();
        int perTopic = options.lagPartitions() / topics;
        List<String> names = new ArrayList<>();
        for (int t = 0; t < topics; t++) {
            String topic = cluster.topicName("lag-" + t);
            cluster.createTopic(topic, perTopic, Map.of());
            names.add(topic);
        }
        fill(names, perTopic);
        List<Result> results = new ArrayList<>();
        String every = cluster.topicName("lag-every-");
        commit(every, names, perTopic, true);
        results.add(measure("every group on every partition", every, topics * topics * perTopic));
        deleteGroups(every, topics);
        String own = cluster.topicName("lag-own-");
        commit(own, names, perTopic, false);
        results.add(measure("each group on its own topic", own, topics * perTopic));
        return report(results, topics, perTopic);
    }

    private void fill(List<String> topics, int partitions) {
        long start = System.nanoTime();
        Map<String, Object> props = new HashMap<>(cluster.clientConfig().toMap());
        props.put("linger.ms", 20);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            byte[] value = "{\"bench\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            for (String topic : topics) {
                for (int p = 0; p < partitions; p++) {
                    for (int i = 0; i < RECORDS_PER_PARTITION; i++) {
                        producer.send(new ProducerRecord<>(topic, p, null, value));
                    }
                }
            }
            producer.flush();
        }
        progress.printf(Locale.ROOT, "  lag: filled %d topics x %d partitions x %d records in %.1f s%n", topics.size(),
                partitions, RECORDS_PER_PARTITION, (System.nanoTime() - start) / 1e9);
    }

    /** Commits for group {@code prefix + i}: on topic i only, or on every topic; odd partitions lag. */
    private void commit(String prefix, List<String> topics, int partitions, boolean everyTopic) {
        Admin admin = cluster.admin();
        for (int g = 0; g < topics.size(); g++) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (int t = 0; t < topics.size(); t++) {
                if (everyTopic || t == g) {
                    for (int p = 0; p < partitions; p++) {
                        long offset = p % 2 == 0 ? RECORDS_PER_PARTITION : RECORDS_PER_PARTITION - LAG;
                        offsets.put(new TopicPartition(topics.get(t), p), new OffsetAndMetadata(offset));
                    }
                }
            }
            await(admin.alterConsumerGroupOffsets(prefix + g, offsets).all(), "commit offsets of " + prefix + g);
        }
    }

    private void deleteGroups(String prefix, int groups) {
        List<String> ids = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            ids.add(prefix + g);
        }
        await(cluster.admin().deleteConsumerGroups(ids).all(), "delete groups");
    }

    private Result measure(String shape, String prefix, int rows) {
        Admin admin = cluster.admin();
        Duration timeout = Duration.ofSeconds(60);
        OffsetSampler sampler = new OffsetSampler(admin, id -> id.startsWith(prefix), timeout, Clock.systemUTC());
        List<Double> sample = new ArrayList<>();
        List<Double> cold = new ArrayList<>();
        List<Double> scrape = new ArrayList<>();
        List<Double> groupsLag = new ArrayList<>();
        int series = 0;
        int bytes = 0;
        int groups = 0;
        for (int round = 0; round < options.rounds(); round++) {
            BenchSuite.settle(options);
            double coldMs = timed(() -> {
                LagMonitor monitor = new LagMonitor(6, 360);
                OffsetSample s = sampler.sample();
                Instant now = Instant.now();
                monitor.seed(sampler.logEndsAt(monitor.unseeded(s), List.of(now.minus(Duration.ofMinutes(1)),
                        now.minus(Duration.ofMinutes(10)), now.minus(Duration.ofHours(1)), now.minus(Duration.ofHours(6)),
                        now.minus(Duration.ofDays(1)), now.minus(Duration.ofDays(7)))));
                return monitor.update(s);
            });
            cold.add(coldMs);
            LagMonitor monitor = new LagMonitor(6, 360);
            LagReport[] report = new LagReport[1];
            for (int i = 0; i < 3; i++) {
                OffsetSample[] s = new OffsetSample[1];
                sample.add(timed(() -> s[0] = sampler.sample()));
                report[0] = monitor.update(s[0]);
            }
            groups = report[0].groups().size();
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            registry.getPrometheusRegistry().register(new LagCollector(() -> report[0], "bench"));
            for (int i = 0; i < SCRAPES; i++) {
                String[] text = new String[1];
                scrape.add(timed(() -> text[0] = registry.scrape()));
                bytes = text[0].length();
                series = (int) text[0].lines().filter(l -> !l.startsWith("#")).count();
            }
            registry.close();
            BenchSuite.settle(options);
            java.util.concurrent.atomic.AtomicReference<List<GroupLag>> lags = new java.util.concurrent.atomic.AtomicReference<>();
            groupsLag.add(timed(() -> {
                lags.set(new ConsumerGroupService(admin, cluster.clientConfig().toMap()).lag(Optional.empty()));
                return lags.get();
            }));
            long lagged = lags.get().stream().filter(g -> g.groupId().startsWith(prefix))
                    .mapToLong(GroupLag::totalLag).sum();
            progress.printf(Locale.ROOT, "  lag %s round %d: sample %.0f ms, first sample seeded %.0f ms, scrape %.1f ms"
                            + " (%,d series), groups lag %.0f ms (total lag %,d)%n", shape, round + 1,
                    Stats.median(sample.stream().mapToDouble(Double::doubleValue).toArray()), coldMs,
                    Stats.median(scrape.stream().mapToDouble(Double::doubleValue).toArray()), series,
                    groupsLag.get(groupsLag.size() - 1), lagged);
        }
        return new Result(shape, groups, rows, median(sample), median(cold), median(scrape), series, bytes / 1024,
                median(groupsLag));
    }

    private String report(List<Result> results, int topics, int perTopic) {
        StringBuilder sb = new StringBuilder();
        sb.append("### Consumer lag: exporter sample, scrape and groups lag (")
                .append(MarkdownTable.count(topics * perTopic)).append(" partitions in ").append(topics)
                .append(" topics, ").append(options.lagGroups()).append(" groups)\n\n");
        MarkdownTable table = new MarkdownTable("shape", "group-partitions", "exporter sample ms",
                "first sample, seeded ms", "scrape ms", "series", "scrape KiB", "groups lag ms");
        for (Result r : results) {
            table.row(r.shape(), MarkdownTable.count(r.rows()), "**" + MarkdownTable.fixed(r.sampleMs(), 0) + "**",
                    MarkdownTable.fixed(r.coldMs(), 0), "**" + MarkdownTable.fixed(r.scrapeMs(), 1) + "**",
                    MarkdownTable.count(r.series()), MarkdownTable.count(r.scrapeKib()),
                    MarkdownTable.fixed(r.groupsLagMs(), 0));
        }
        sb.append(table).append('\n');
        sb.append("Medians of ").append(options.rounds()).append(" rounds. Half of every group's partitions lag by ")
                .append(LAG).append(" records. Exporter sample: the Admin requests of one sample of every group"
                        + " (list, describe, committed offsets, log end offsets), the lag exporter's cost per --interval;"
                        + " the first sample also seeds the time lag history (6 listOffsets by timestamp). Scrape:"
                        + " rendering the last sample as Prometheus text (what a Prometheus scrape costs; no broker"
                        + " request). Groups lag: `finflow groups lag` over every group (the same sample plus one"
                        + " consumer reading the first unconsumed record of each lagging partition, for the exact time"
                        + " lag).\n\n");
        return sb.toString();
    }

    private static double timed(Supplier<?> work) {
        long start = System.nanoTime();
        work.get();
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(List<Double> values) {
        return Stats.median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future, String what) {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " did not answer within 60 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        }
    }
}
