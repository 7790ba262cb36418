package io.finflow.kafka.ops.groups;

import java.util.List;

/**
 * Result of {@link ConsumerGroupService#describe(String)}.
 *
 * @param groupId     the consumer group id
 * @param state       Kafka's group state, e.g. {@code Stable}, {@code Empty}, {@code PreparingRebalance}
 * @param type        the group protocol: {@code CLASSIC} or {@code CONSUMER}
 * @param assignor    the partition assignor in use, empty when the group has no members
 * @param coordinator broker id of the group coordinator, {@code null} when unknown
 * @param members     members with their assigned partitions
 * @param partitions  every partition the group has committed on or is assigned, with committed offset,
 *                    log end offset, offset lag and time lag, sorted by topic and partition
 */
public record GroupDetails(
        String groupId,
        String state,
        String type,
        String assignor,
        Integer coordinator,
        List<MemberDetails> members,
        List<PartitionLag> partitions) {

    /** Copies the lists. */
    public GroupDetails {
        members = List.copyOf(members);
        partitions = List.copyOf(partitions);
    }
}
