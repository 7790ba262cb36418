package io.finflow.kafka.ops.lag;

/**
 * The group member a partition is assigned to.
 *
 * @param consumerId Kafka's member id
 * @param clientId   the member's {@code client.id}
 * @param host       the host the member connects from, as the broker sees it
 */
public record PartitionOwner(String consumerId, String clientId, String host) {
}
