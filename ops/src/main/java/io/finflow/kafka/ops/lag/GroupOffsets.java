package io.finflow.kafka.ops.lag;

import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * One consumer group as one sampling pass saw it.
 *
 * @param groupId   the group id
 * @param state     Kafka's group state, e.g. {@code Stable}, {@code Empty}
 * @param members   members in the group
 * @param committed committed offsets (the next record the group will read), only partitions with a commit
 * @param owners    the member each assigned partition belongs to; partitions no member owns are absent
 */
public record GroupOffsets(String groupId, String state, int members, Map<TopicPartition, Long> committed,
                           Map<TopicPartition, PartitionOwner> owners) {

    /** Copies the maps. */
    public GroupOffsets {
        committed = Map.copyOf(committed);
        owners = Map.copyOf(owners);
    }
}
