package io.finflow.kafka.ops.lag;

/** A consumer group's status: the worst of its partitions' ({@link PartitionStatus#groupStatus()}). */
public enum GroupStatus {
    /** Every partition is OK. */
    OK,
    /** At least one partition is falling behind (WARN), none in error. */
    WARN,
    /** At least one partition is stopped, stalled or rewound. */
    ERR
}
