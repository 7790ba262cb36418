package io.finflow.kafka.ops.groups;

import java.util.List;

/**
 * Lag of one consumer group over the partitions it has committed offsets for.
 *
 * @param groupId           the consumer group id
 * @param state             Kafka's group state, e.g. {@code Stable} or {@code Empty}
 * @param members           members currently in the group
 * @param totalLag          sum of the known offset lags
 * @param maxTimeLagSeconds the largest known time lag, {@code null} when none is known
 * @param partitions        per partition, sorted by topic and partition
 */
public record GroupLag(String groupId, String state, int members, long totalLag, Long maxTimeLagSeconds,
                       List<PartitionLag> partitions) {

    /** Copies the list. */
    public GroupLag {
        partitions = List.copyOf(partitions);
    }

    /** Lag over {@code partitions}: the totals are computed from them. */
    static GroupLag of(String groupId, String state, int members, List<PartitionLag> partitions) {
        long total = partitions.stream().map(PartitionLag::offsetLag).filter(l -> l != null)
                .mapToLong(Long::longValue).sum();
        Long max = partitions.stream().map(PartitionLag::timeLagSeconds).filter(l -> l != null)
                .max(Long::compare).orElse(null);
        return new GroupLag(groupId, state, members, total, max, partitions);
    }
}
