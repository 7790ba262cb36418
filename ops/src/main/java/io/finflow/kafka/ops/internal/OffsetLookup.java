package io.finflow.kafka.ops.internal;

import static io.finflow.kafka.ops.internal.KafkaCalls.await;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.finflow.kafka.ops.OpsException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads committed offsets and log offsets through the Admin API. Internal to the ops module: may
 * change without notice.
 */
public final class OffsetLookup {

    private final Admin admin;
    private final Duration timeout;

    /** Reads through {@code admin}, allowing {@code timeout} per call. */
    public OffsetLookup(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /**
     * The group's committed offsets, in a mutable map that holds only partitions with a commit.
     *
     * @throws OpsException when Kafka cannot answer
     */
    public Map<TopicPartition, Long> committed(String group) {
        Map<TopicPartition, OffsetAndMetadata> offsets = await(
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), timeout,
                "list committed offsets of group '" + group + "'");
        Map<TopicPartition, Long> committed = new HashMap<>();
        offsets.forEach((tp, om) -> {
            if (om != null) {
                committed.put(tp, om.offset());
            }
        });
        return committed;
    }

    /**
     * The offset {@code spec} designates on every partition; {@code -1} where Kafka has none (a timestamp
     * after the last record).
     *
     * @throws OpsException when Kafka cannot answer for any of the partitions
     */
    public Map<TopicPartition, Long> logOffsets(Collection<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        if (partitions.isEmpty()) {
            return offsets;
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        await(admin.listOffsets(request).all(), timeout, "list offsets of " + describe(partitions))
                .forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    /** Partitions for humans: {@code topic 'a' partitions [0, 1], topic 'b' partitions [3]}. */
    public static String describe(Collection<TopicPartition> partitions) {
        Map<String, List<Integer>> byTopic = partitions.stream().collect(Collectors.groupingBy(TopicPartition::topic,
                TreeMap::new, Collectors.mapping(TopicPartition::partition, Collectors.toList())));
        return byTopic.entrySet().stream()
                .map(e -> "topic '" + e.getKey() + "' partitions " + e.getValue().stream().sorted().toList())
                .collect(Collectors.joining(", "));
    }
}
