package io.finflow.kafka.ops.lag;

import java.util.List;

/**
 * A consumer group's lag and status at one sample.
 *
 * @param groupId    the group id
 * @param state      Kafka's group state
 * @param members    members in the group
 * @param status     the worst status of its partitions
 * @param partitions per partition with a commit, sorted by topic and partition
 */
public record GroupLagStatus(String groupId, String state, int members, GroupStatus status,
                             List<PartitionLagStatus> partitions) {

    /** Copies the list. */
    public GroupLagStatus {
        partitions = List.copyOf(partitions);
    }

    /** The largest known offset lag, 0 when none is known. */
    public long maxLag() {
        return partitions.stream().map(PartitionLagStatus::offsetLag).filter(l -> l != null)
                .mapToLong(Long::longValue).max().orElse(0);
    }

    /** The sum of the known offset lags. */
    public long sumLag() {
        return partitions.stream().map(PartitionLagStatus::offsetLag).filter(l -> l != null)
                .mapToLong(Long::longValue).sum();
    }

    /** The largest known time lag; {@link Double#NaN} when none is known. */
    public double maxLagSeconds() {
        return partitions.stream().mapToDouble(PartitionLagStatus::timeLagSeconds).filter(d -> !Double.isNaN(d))
                .max().orElse(Double.NaN);
    }
}
