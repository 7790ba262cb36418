package io.finflow.kafka.ops.topics;

import java.util.List;

/**
 * Result of {@link TopicsService#describe(String)}.
 *
 * @param name       topic name
 * @param topicId    Kafka's topic id
 * @param internal   true for Kafka's own topics such as {@code __consumer_offsets}
 * @param partitions every partition with leader, replicas and ISR, by partition number
 * @param configs    the configs that are not Kafka defaults, by name
 */
public record TopicDetails(
        String name,
        String topicId,
        boolean internal,
        List<PartitionDetails> partitions,
        List<ConfigValue> configs) {

    /** Copies the lists. */
    public TopicDetails {
        partitions = List.copyOf(partitions);
        configs = List.copyOf(configs);
    }
}
