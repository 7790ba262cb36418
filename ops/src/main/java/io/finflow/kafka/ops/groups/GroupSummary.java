package io.finflow.kafka.ops.groups;

/**
 * One line of {@link ConsumerGroupService#list()}.
 *
 * @param groupId      the consumer group id
 * @param state        Kafka's group state, e.g. {@code Stable}, {@code Empty}, {@code PreparingRebalance}
 * @param members      members currently in the group
 * @param type         the group protocol: {@code CLASSIC} or {@code CONSUMER} (KIP-848)
 * @param protocolType {@code consumer}, or empty for a group that only stores offsets (consumers using
 *                     {@code assign} and committing, or offsets set with the Admin API)
 */
public record GroupSummary(String groupId, String state, int members, String type, String protocolType) {
}
