package io.finflow.kafka.ops.topics;

/**
 * One line of {@link TopicsService#list}.
 *
 * @param name              topic name
 * @param partitions        partition count
 * @param replicationFactor copies of each partition (of partition 0 while a reassignment is in flight)
 * @param managed           true when the topic catalog declares the topic
 */
public record TopicSummary(String name, int partitions, int replicationFactor, boolean managed) {
}
