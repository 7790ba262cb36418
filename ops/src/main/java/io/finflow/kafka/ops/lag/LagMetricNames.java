package io.finflow.kafka.ops.lag;

import java.util.List;

/**
 * The Prometheus metrics of the lag exporter. The first ones carry kafka-lag-exporter's names and labels, so
 * that its community dashboards work on them; the status metrics are FinFlow's, Burrow-style, one-hot.
 */
public final class LagMetricNames {

    /** Per group and partition: the last committed offset. */
    public static final String GROUP_OFFSET = "kafka_consumergroup_group_offset";
    /** Per group and partition: offset lag, log end offset minus committed offset. */
    public static final String GROUP_LAG = "kafka_consumergroup_group_lag";
    /** Per group and partition: time lag in seconds, estimated from sampled log end offsets. */
    public static final String GROUP_LAG_SECONDS = "kafka_consumergroup_group_lag_seconds";
    /** Per group: the largest offset lag of its partitions. */
    public static final String GROUP_MAX_LAG = "kafka_consumergroup_group_max_lag";
    /** Per group: the largest time lag of its partitions. */
    public static final String GROUP_MAX_LAG_SECONDS = "kafka_consumergroup_group_max_lag_seconds";
    /** Per group: the sum of its partitions' offset lags. */
    public static final String GROUP_SUM_LAG = "kafka_consumergroup_group_sum_lag";
    /** Per group and topic: the sum of the offset lags on the topic's partitions. */
    public static final String GROUP_TOPIC_SUM_LAG = "kafka_consumergroup_group_topic_sum_lag";
    /** Per partition: the log end offset. */
    public static final String PARTITION_LATEST_OFFSET = "kafka_partition_latest_offset";
    /** Per cluster: how long the last sample's Admin round trips took, in milliseconds. */
    public static final String POLL_TIME_MS = "kafka_consumergroup_poll_time_ms";
    /** Per group and partition, one-hot over {@link PartitionStatus}: 1 for the current status. */
    public static final String PARTITION_STATUS = "kafka_consumergroup_group_partition_status";
    /** Per group, one-hot over {@link GroupStatus}: 1 for the current status. */
    public static final String GROUP_STATUS = "kafka_consumergroup_group_status";

    /** Every metric the exporter writes, in the order it writes them. */
    public static final List<String> ALL = List.of(GROUP_OFFSET, GROUP_LAG, GROUP_LAG_SECONDS, GROUP_MAX_LAG,
            GROUP_MAX_LAG_SECONDS, GROUP_SUM_LAG, GROUP_TOPIC_SUM_LAG, PARTITION_LATEST_OFFSET, POLL_TIME_MS,
            PARTITION_STATUS, GROUP_STATUS);

    private LagMetricNames() {
    }
}
