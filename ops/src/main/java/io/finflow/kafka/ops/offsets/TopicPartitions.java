package io.finflow.kafka.ops.offsets;

import java.util.List;
import java.util.Objects;

/**
 * A topic and some of its partitions, as parsed by {@link ResetArguments#parseTopicPartitions(String)}.
 *
 * @param topic      topic name
 * @param partitions sorted partition numbers without duplicates; empty means all partitions
 */
public record TopicPartitions(String topic, List<Integer> partitions) {

    /** Copies the list. */
    public TopicPartitions {
        Objects.requireNonNull(topic, "topic");
        partitions = List.copyOf(partitions);
    }
}
