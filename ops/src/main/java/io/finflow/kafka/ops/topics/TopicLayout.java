package io.finflow.kafka.ops.topics;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The layout the catalog wants for a topic: what {@code apply} creates or converges to.
 *
 * @param partitions        partition count, at least 1
 * @param replicationFactor copies of each partition, at least 1
 * @param configs           the managed topic configs ({@code retention.ms}, {@code cleanup.policy},
 *                          {@code min.insync.replicas} and the catalog's extra configs), sorted by name
 */
public record TopicLayout(int partitions, short replicationFactor, Map<String, String> configs) {

    /** Validates the values and copies the configs into a sorted, unmodifiable map. */
    public TopicLayout {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replicationFactor must be >= 1, was " + replicationFactor);
        }
        Objects.requireNonNull(configs, "configs");
        configs = Collections.unmodifiableMap(new TreeMap<>(configs));
    }
}
