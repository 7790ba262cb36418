package io.finflow.kafka.ops.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The monitor on synthetic samples: statuses, time lag, and what the collector renders. */
class LagMonitorTest {

    private static final TopicPartition TP = new TopicPartition("payments", 0);
    private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");
    private static final PartitionOwner OWNER = new PartitionOwner("member-1", "consumer-g-1", "/10.0.0.1");

    private static OffsetSample sample(int second, long committed, long logEnd, boolean owned) {
        GroupOffsets g = new GroupOffsets("g", owned ? "Stable" : "Empty", owned ? 1 : 0, Map.of(TP, committed),
                owned ? Map.of(TP, OWNER) : Map.of());
        return new OffsetSample(START.plusSeconds(second), Duration.ofMillis(12), Map.of(TP, logEnd), List.of(g));
    }

    @Test
    void aStalledGroupTurnsStallWithAGrowingTimeLagThenOkWhenItCatchesUp() {
        LagMonitor monitor = new LagMonitor(3, 100);
        // 10 records/s arrive; the group keeps up for 20 s, then its handler blocks at offset 200.
        monitor.update(sample(0, 0, 0, true));
        monitor.update(sample(10, 95, 100, true));
        LagReport r = monitor.update(sample(20, 200, 200, true));
        assertThat(r.groups().get(0).status()).isEqualTo(GroupStatus.OK);
        r = monitor.update(sample(30, 200, 300, true));
        PartitionLagStatus p = r.groups().get(0).partitions().get(0);
        assertThat(p.offsetLag()).isEqualTo(100);
        assertThat(p.timeLagSeconds()).as("record 200 was written just after 20 s").isCloseTo(10, within(0.2));
        r = monitor.update(sample(40, 200, 400, true));
        assertThat(r.groups().get(0).partitions().get(0).status())
                .as("caught up at 20 s, still in the window: OK").isEqualTo(PartitionStatus.OK);
        r = monitor.update(sample(50, 200, 500, true));
        p = r.groups().get(0).partitions().get(0);
        assertThat(p.status()).isEqualTo(PartitionStatus.STALL);
        assertThat(r.groups().get(0).status()).isEqualTo(GroupStatus.ERR);
        assertThat(p.timeLagSeconds()).as("growing with the stall").isCloseTo(30, within(0.2));
        r = monitor.update(sample(60, 600, 600, true));
        assertThat(r.groups().get(0).status()).isEqualTo(GroupStatus.OK);
        assertThat(r.groups().get(0).partitions().get(0).timeLagSeconds()).isZero();
    }

    @Test
    void aGroupWithoutMembersThatStopsCommittingIsStopped() {
        LagMonitor monitor = new LagMonitor(3, 100);
        monitor.update(sample(0, 10, 20, false));
        monitor.update(sample(10, 10, 30, false));
        LagReport r = monitor.update(sample(20, 10, 40, false));
        assertThat(r.groups().get(0).partitions().get(0).status()).isEqualTo(PartitionStatus.STOP);
    }

    @Test
    void seededHistoryGivesAGroupFarBehindARealTimeLagAtTheFirstSample() {
        LagMonitor monitor = new LagMonitor(3, 100);
        OffsetSample first = sample(0, 100, 1_000, false);
        assertThat(monitor.unseeded(first)).containsEntry(TP, 1_000L);
        // an hour ago the log ended at 100, a minute ago at 990
        monitor.seed(Map.of(TP, Map.of(START.minus(Duration.ofHours(1)), 100L, START.minusSeconds(60), 990L)));
        LagReport r = monitor.update(first);
        assertThat(r.groups().get(0).partitions().get(0).timeLagSeconds()).isCloseTo(3_600, within(5.0));
        assertThat(monitor.unseeded(sample(10, 100, 1_010, false))).isEmpty();
    }

    @Test
    void theCollectorWritesKafkaLagExporterNamesAndOneHotStatuses() throws Exception {
        LagMonitor monitor = new LagMonitor(2, 100);
        monitor.update(sample(0, 0, 0, true));
        monitor.update(sample(10, 0, 100, true));
        LagReport report = monitor.update(sample(20, 0, 200, true));
        LagCollector collector = new LagCollector(() -> report, "local");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, collector.collect());
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("kafka_consumergroup_group_lag{client_id=\"consumer-g-1\",cluster_name=\"local\","
                + "consumer_id=\"member-1\",group=\"g\",member_host=\"/10.0.0.1\",partition=\"0\",topic=\"payments\"} 200")
                .contains("kafka_consumergroup_group_lag_seconds{")
                .contains("kafka_consumergroup_group_max_lag{cluster_name=\"local\",group=\"g\"} 200")
                .contains("kafka_consumergroup_group_sum_lag{cluster_name=\"local\",group=\"g\"} 200")
                .contains("kafka_consumergroup_group_topic_sum_lag{cluster_name=\"local\",group=\"g\",topic=\"payments\"} 200")
                .contains("kafka_partition_latest_offset{cluster_name=\"local\",partition=\"0\",topic=\"payments\"} 200")
                .contains("kafka_consumergroup_group_status{cluster_name=\"local\",group=\"g\",status=\"ERR\"} 1")
                .contains("kafka_consumergroup_group_status{cluster_name=\"local\",group=\"g\",status=\"OK\"} 0")
                .contains("kafka_consumergroup_group_partition_status{cluster_name=\"local\",group=\"g\",partition=\"0\","
                        + "status=\"STALL\",topic=\"payments\"} 1")
                .contains("kafka_consumergroup_poll_time_ms{cluster_name=\"local\"} 12");
        for (String name : LagMetricNames.ALL) {
            assertThat(text).as(name).contains("# TYPE " + name + " gauge");
        }
        assertThat(text.lines().filter(l -> l.startsWith("kafka_consumergroup_group_partition_status{")))
                .hasSize(PartitionStatus.values().length);
    }
}
