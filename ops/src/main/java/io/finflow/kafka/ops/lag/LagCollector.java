package io.finflow.kafka.ops.lag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.apache.kafka.common.TopicPartition;

/**
 * Renders the latest {@link LagReport} as Prometheus gauges ({@link LagMetricNames}) on each scrape. A scrape
 * reads the report the sampler last produced and talks to no broker, so it costs the same whatever the
 * scrape rate. Register it on a Prometheus registry ({@code PrometheusRegistry.register}).
 */
public final class LagCollector implements MultiCollector {

    private final Supplier<LagReport> report;
    private final String clusterName;

    /** @param report the latest report, read once per scrape */
    public LagCollector(Supplier<LagReport> report, String clusterName) {
        this.report = report;
        this.clusterName = clusterName;
    }

    @Override
    public MetricSnapshots collect() {
        LagReport r = report.get();
        Map<String, GaugeSnapshot.Builder> gauges = new LinkedHashMap<>();
        gauge(gauges, LagMetricNames.GROUP_OFFSET, "Last group consumed offset of a partition");
        gauge(gauges, LagMetricNames.GROUP_LAG, "Group offset lag of a partition");
        gauge(gauges, LagMetricNames.GROUP_LAG_SECONDS, "Group time lag of a partition");
        gauge(gauges, LagMetricNames.GROUP_MAX_LAG, "Max group offset lag");
        gauge(gauges, LagMetricNames.GROUP_MAX_LAG_SECONDS, "Max group time lag");
        gauge(gauges, LagMetricNames.GROUP_SUM_LAG, "Sum of group offset lag");
        gauge(gauges, LagMetricNames.GROUP_TOPIC_SUM_LAG, "Sum of group offset lag across topic partitions");
        gauge(gauges, LagMetricNames.PARTITION_LATEST_OFFSET, "Latest offset of a partition");
        gauge(gauges, LagMetricNames.POLL_TIME_MS, "Time the last sample of the group offsets took");
        gauge(gauges, LagMetricNames.PARTITION_STATUS,
                "Burrow-style status of a group on a partition, one-hot: OK, WARN, STOP, STALL, REWIND");
        gauge(gauges, LagMetricNames.GROUP_STATUS, "Burrow-style status of a group, one-hot: OK, WARN, ERR");

        for (GroupLagStatus g : r.groups()) {
            Map<String, Long> topicLag = new TreeMap<>();
            for (PartitionLagStatus p : g.partitions()) {
                PartitionOwner o = p.owner();
                Labels labels = Labels.of("cluster_name", clusterName, "group", g.groupId(), "topic", p.topic(),
                        "partition", String.valueOf(p.partition()), "member_host", o == null ? "" : text(o.host()),
                        "consumer_id", o == null ? "" : text(o.consumerId()), "client_id", o == null ? ""
                                : text(o.clientId()));
                point(gauges, LagMetricNames.GROUP_OFFSET, labels, p.committed());
                point(gauges, LagMetricNames.GROUP_LAG, labels, p.offsetLag() == null ? Double.NaN : p.offsetLag());
                point(gauges, LagMetricNames.GROUP_LAG_SECONDS, labels, p.timeLagSeconds());
                Labels statusLabels = Labels.of("cluster_name", clusterName, "group", g.groupId(),
                        "topic", p.topic(), "partition", String.valueOf(p.partition()));
                for (PartitionStatus s : PartitionStatus.values()) {
                    point(gauges, LagMetricNames.PARTITION_STATUS, statusLabels.add("status", s.name()),
                            s == p.status() ? 1 : 0);
                }
                if (p.offsetLag() != null) {
                    topicLag.merge(p.topic(), p.offsetLag(), Long::sum);
                }
            }
            Labels groupLabels = Labels.of("cluster_name", clusterName, "group", g.groupId());
            point(gauges, LagMetricNames.GROUP_MAX_LAG, groupLabels, g.maxLag());
            point(gauges, LagMetricNames.GROUP_MAX_LAG_SECONDS, groupLabels, g.maxLagSeconds());
            point(gauges, LagMetricNames.GROUP_SUM_LAG, groupLabels, g.sumLag());
            topicLag.forEach((topic, lag) -> point(gauges, LagMetricNames.GROUP_TOPIC_SUM_LAG,
                    groupLabels.add("topic", topic), lag));
            for (GroupStatus s : GroupStatus.values()) {
                point(gauges, LagMetricNames.GROUP_STATUS, groupLabels.add("status", s.name()),
                        s == g.status() ? 1 : 0);
            }
        }
        for (Map.Entry<TopicPartition, Long> e : sorted(r.logEnds())) {
            point(gauges, LagMetricNames.PARTITION_LATEST_OFFSET, Labels.of("cluster_name", clusterName,
                    "topic", e.getKey().topic(), "partition", String.valueOf(e.getKey().partition())), e.getValue());
        }
        if (!r.time().equals(LagReport.EMPTY.time())) {
            point(gauges, LagMetricNames.POLL_TIME_MS, Labels.of("cluster_name", clusterName),
                    r.sampleDuration().toNanos() / 1e6);
        }
        List<MetricSnapshot> snapshots = new ArrayList<>();
        gauges.values().forEach(b -> snapshots.add(b.build()));
        return new MetricSnapshots(snapshots);
    }

    @Override
    @SuppressWarnings("deprecation") // still called by the registry to refuse duplicate names
    public List<String> getPrometheusNames() {
        return LagMetricNames.ALL;
    }

    private static List<Map.Entry<TopicPartition, Long>> sorted(Map<TopicPartition, Long> logEnds) {
        List<Map.Entry<TopicPartition, Long>> entries = new ArrayList<>(logEnds.entrySet());
        entries.sort(Map.Entry.comparingByKey(java.util.Comparator.comparing(TopicPartition::topic)
                .thenComparingInt(TopicPartition::partition)));
        return entries;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static void gauge(Map<String, GaugeSnapshot.Builder> gauges, String name, String help) {
        gauges.put(name, GaugeSnapshot.builder().name(name).help(help));
    }

    private static void point(Map<String, GaugeSnapshot.Builder> gauges, String name, Labels labels, double value) {
        gauges.get(name).dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
    }
}
