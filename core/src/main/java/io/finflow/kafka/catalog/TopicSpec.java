package io.finflow.kafka.catalog;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One topic of the FinFlow catalog, resolved for a profile (replication comes from the profile).
 *
 * @param name              topic name, e.g. {@code transaction-events}
 * @param eventType         schema folder of the topic's events under {@code schemas/}, e.g. {@code transaction};
 *                          {@code null} for topics that hold no catalog event (none today)
 * @param keyField          event field used as the record key, e.g. {@code accountId}
 * @param partitions        partition count, at least 1
 * @param replicationFactor copies of each partition, at least 1
 * @param minInsyncReplicas replicas that must acknowledge an {@code acks=all} write, between 1 and the replication factor
 * @param retention         how long records are kept; {@code null} means forever
 * @param cleanupPolicy     {@code delete}, {@code compact} or {@code compact,delete}
 * @param dlqTopic          the dead letter topic, {@code <name>.dlq}; {@code null} for a topic that is itself a DLQ
 * @param extraConfigs      further Kafka topic configs, passed through as is
 */
public record TopicSpec(
        String name,
        String eventType,
        String keyField,
        int partitions,
        short replicationFactor,
        int minInsyncReplicas,
        Duration retention,
        String cleanupPolicy,
        String dlqTopic,
        Map<String, String> extraConfigs) {

    /** Suffix of every dead letter topic. */
    public static final String DLQ_SUFFIX = ".dlq";

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw new IllegalArgumentException("invalid topic name '" + name
                    + "': use 1-249 letters, digits, '.', '_' or '-'");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1 for topic '" + name + "', was " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replicationFactor must be >= 1 for topic '" + name
                    + "', was " + replicationFactor);
        }
        if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("minInsyncReplicas must be between 1 and the replication factor ("
                    + replicationFactor + ") for topic '" + name + "', was " + minInsyncReplicas);
        }
        if (retention != null && (retention.isNegative() || retention.isZero())) {
            throw new IllegalArgumentException("retention must be positive or forever for topic '" + name
                    + "', was " + retention);
        }
        Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
        if (!cleanupPolicy.matches("delete|compact|compact,delete|delete,compact")) {
            throw new IllegalArgumentException("cleanupPolicy must be delete, compact or compact,delete for topic '"
                    + name + "', was '" + cleanupPolicy + "'");
        }
        extraConfigs = extraConfigs == null ? Map.of() : Map.copyOf(extraConfigs);
    }

    /** True for compacted topics, where a partition increase would break "latest value per key". */
    public boolean isCompacted() {
        return cleanupPolicy.contains("compact");
    }

    /** True when records carry a key whose partition must stay stable (per-key order). */
    public boolean isKeyed() {
        return keyField != null;
    }

    /** Retention in milliseconds as Kafka wants it, {@code -1} for forever. */
    public long retentionMs() {
        return retention == null ? -1L : retention.toMillis();
    }

    /**
     * The Kafka topic configs this spec manages: {@code retention.ms}, {@code cleanup.policy},
     * {@code min.insync.replicas} and the extra configs.
     */
    public Map<String, String> topicConfigs() {
        Map<String, String> configs = new TreeMap<>(extraConfigs);
        configs.put("retention.ms", String.valueOf(retentionMs()));
        configs.put("cleanup.policy", cleanupPolicy);
        configs.put("min.insync.replicas", String.valueOf(minInsyncReplicas));
        return configs;
    }

    /** Returns a copy with another partition count. */
    public TopicSpec withPartitions(int newPartitions) {
        return new TopicSpec(name, eventType, keyField, newPartitions, replicationFactor, minInsyncReplicas,
                retention, cleanupPolicy, dlqTopic, extraConfigs);
    }
}
