package io.finflow.kafka.consumer;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.schema.SchemaRegistry;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Options of an {@link io.finflow.kafka.EventConsumer}. Immutable; every {@code withX} returns a copy.
 *
 * @param clientConfig            how to reach the cluster (bootstrap, security)
 * @param groupId                 consumer group: instances with the same id share the partitions
 * @param catalog                 topic catalog: event type, key field and DLQ of each topic
 * @param schemas                 schemas records are validated against (the version each record declares)
 * @param retry                   retries with backoff before a record is dead-lettered
 * @param concurrency             worker threads processing records; 1 processes each partition in order
 * @param ordering                with several workers: order per key (default) or per partition
 * @param maxPollRecords          records fetched per poll
 * @param maxBufferedPerPartition records of one partition fetched but not finished before the
 *                                partition is paused (memory bound under a slow handler)
 * @param commitInterval          how often finished offsets are committed while running (they are also
 *                                committed on revocation and on close)
 * @param shutdownTimeout         how long {@code close()} waits for in-flight handlers
 * @param revokeTimeout           after how long a rebalance that waits for the running handlers of revoked
 *                                partitions logs a WARN naming them; it keeps waiting (no new handler of those
 *                                partitions starts meanwhile) until they finish, up to {@code max.poll.interval.ms},
 *                                so that a record is never handled by two members at once
 * @param groupProtocol           {@code consumer} (KIP-848: incremental rebalances driven by the broker, no
 *                                stop-the-world), {@code classic} (cooperative-sticky assignor), or {@code null}
 *                                for the default: {@code consumer}, falling back to {@code classic} with one WARN
 *                                when the cluster does not support it (every Kafka before 4.0). A protocol chosen
 *                                explicitly never falls back: the consumer fails with the cluster's answer.
 *                                {@link #groupProtocol()} gives the protocol used first, {@link #groupProtocolChosen()}
 *                                whether it was chosen
 * @param autoOffsetReset         where a group without committed offsets starts: {@code earliest} or {@code latest}
 * @param deadLetterMaxBlock      how long one dead letter write may wait for the DLQ topic's metadata (a failed
 *                                write is retried with the retry policy's backoff, for its {@code maxRetryTime})
 * @param shutdownHook            registers a JVM shutdown hook that closes the consumer gracefully
 * @param kafkaOverrides          any other Kafka consumer property, applied last (auto-commit excepted)
 * @param meterRegistry           where the consumer registers its metrics once started (Kafka's consumer metrics
 *                                and FinFlow's {@code finflow.consumer.*}, see docs/metrics.md); {@code null}, the
 *                                default, for none. The consumer removes its meters on close; the registry stays
 *                                the caller's
 */
public record ConsumerOptions(
        ClientConfig clientConfig,
        String groupId,
        TopicCatalog catalog,
        SchemaRegistry schemas,
        RetryPolicy retry,
        int concurrency,
        OrderingMode ordering,
        int maxPollRecords,
        int maxBufferedPerPartition,
        Duration commitInterval,
        Duration shutdownTimeout,
        Duration revokeTimeout,
        String groupProtocol,
        String autoOffsetReset,
        Duration deadLetterMaxBlock,
        boolean shutdownHook,
        Map<String, Object> kafkaOverrides,
        MeterRegistry meterRegistry) {

    public static final int DEFAULT_CONCURRENCY = 1;
    public static final int DEFAULT_MAX_POLL_RECORDS = 500;
    public static final int DEFAULT_MAX_BUFFERED_PER_PARTITION = 2_000;
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_REVOKE_TIMEOUT = Duration.ofSeconds(20);
    public static final String DEFAULT_GROUP_PROTOCOL = "consumer";
    public static final Duration DEFAULT_DEAD_LETTER_MAX_BLOCK = Duration.ofSeconds(10);
    /** No metrics unless a registry is given ({@link #withMeterRegistry}). */
    public static final MeterRegistry DEFAULT_METER_REGISTRY = null;

    public ConsumerOptions {
        Objects.requireNonNull(clientConfig, "clientConfig");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(schemas, "schemas");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(ordering, "ordering");
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("groupId must be given, e.g. accounting-service-group");
        }
        if (concurrency < 1 || concurrency > 1024) {
            throw new IllegalArgumentException("concurrency must be between 1 and 1024, was " + concurrency);
        }
        if (maxPollRecords < 1) {
            throw new IllegalArgumentException("maxPollRecords must be >= 1, was " + maxPollRecords);
        }
        if (maxBufferedPerPartition < 1) {
            throw new IllegalArgumentException("maxBufferedPerPartition must be >= 1, was " + maxBufferedPerPartition);
        }
        positive("commitInterval", commitInterval);
        positive("shutdownTimeout", shutdownTimeout);
        positive("revokeTimeout", revokeTimeout);
        positive("deadLetterMaxBlock", deadLetterMaxBlock);
        if (groupProtocol != null && !"consumer".equals(groupProtocol) && !"classic".equals(groupProtocol)) {
            throw new IllegalArgumentException("groupProtocol must be consumer or classic, was '" + groupProtocol
                    + "' (null for the default: consumer, falling back to classic)");
        }
        if (!"earliest".equals(autoOffsetReset) && !"latest".equals(autoOffsetReset)) {
            throw new IllegalArgumentException("autoOffsetReset must be earliest or latest, was '" + autoOffsetReset + "'");
        }
        kafkaOverrides = kafkaOverrides == null ? Map.of() : Map.copyOf(kafkaOverrides);
        if (kafkaOverrides.containsKey("enable.auto.commit")) {
            throw new IllegalArgumentException("enable.auto.commit cannot be overridden: FinFlow commits only"
                    + " after successful processing");
        }
        if (kafkaOverrides.containsKey("group.protocol")) {
            throw new IllegalArgumentException("group.protocol cannot be overridden: use withGroupProtocol(\"classic\")"
                    + " or withGroupProtocol(\"consumer\")");
        }
    }

    /**
     * The group protocol the consumer uses first: the chosen one, else {@value #DEFAULT_GROUP_PROTOCOL}.
     */
    @Override
    public String groupProtocol() {
        return groupProtocol == null ? DEFAULT_GROUP_PROTOCOL : groupProtocol;
    }

    /**
     * True when the group protocol was chosen with {@link #withGroupProtocol}; false for the default,
     * which falls back to {@code classic} when the cluster does not support {@code consumer}.
     */
    public boolean groupProtocolChosen() {
        return groupProtocol != null;
    }

    /**
     * Defaults for a service: the bundled catalog (profile from {@code FINFLOW_PROFILE}, else dev)
     * and schemas, retries for 5 minutes ({@link RetryPolicy#defaults()}), one worker, the KIP-848 group
     * protocol (falling back to classic on a cluster without it).
     */
    public static ConsumerOptions defaults(ClientConfig clientConfig, String groupId) {
        String profile = System.getenv().getOrDefault("FINFLOW_PROFILE", TopicCatalog.DEFAULT_PROFILE);
        return new ConsumerOptions(clientConfig, groupId, TopicCatalog.fromClasspath(profile),
                SchemaRegistry.fromClasspath(), RetryPolicy.defaults(), DEFAULT_CONCURRENCY, OrderingMode.KEY,
                DEFAULT_MAX_POLL_RECORDS, DEFAULT_MAX_BUFFERED_PER_PARTITION, DEFAULT_COMMIT_INTERVAL,
                DEFAULT_SHUTDOWN_TIMEOUT, DEFAULT_REVOKE_TIMEOUT, null, "earliest",
                DEFAULT_DEAD_LETTER_MAX_BLOCK, false, Map.of(), DEFAULT_METER_REGISTRY);
    }

    public ConsumerOptions withRetry(RetryPolicy newRetry) {
        return new ConsumerOptions(clientConfig, groupId, catalog, schemas, newRetry, concurrency, ordering,
                maxPollRecords, maxBufferedPerPartition, commitInterval, shutdownTimeout, revokeTimeout,
                groupProtocol, autoOffsetReset, deadLetterMaxBlock, shutdownHook, kafkaOverrides, meterRegistry);
    }

    /** Processes with {@code workers} threads, keeping order per key (see {@link #withOrdering}). */
    public ConsumerOptions withConcurrency(int workers) {
        return new ConsumerOptions(clientConfig, groupId, catalog, schemas, retry, workers, ordering,
                maxPollRecords, maxBufferedPerPartition, commitInterval, shutdownTimeout, revokeTimeout,
                groupProtocol, autoOffsetReset, deadLetterMaxBlock, shutdownHook, kafkaOverrides, meterRegistry);
    }

    public ConsumerOptions withOrdering(OrderingMode newOrdering) {
        return new ConsumerOptions(clientConfig, groupId, catalog, schemas, retry, concurrency, newOrdering,
                maxPollRecords, maxBufferedPerPartition, commitInterval, shutdownTimeout, revokeTimeout,
                groupProtocol, autoOffsetReset, deadLetterMaxBlock, shutdownHook, kafkaOverrides, meterRegistry);
    }

    public ConsumerOptions withMaxPollRecords(int max) {
        return new ConsumerOptions(clientConfig, groupId, catalog, schemas, retry, concurrency, ordering,
                max, maxBufferedPerPartition, commitInterval, shutdownTimeout, revokeTimeout,
                groupProtocol, autoOffsetReset, deadLetterMaxBlock, shutdownHook, kafkaOverrides, meterRegistry);
    }

    public ConsumerOptions withMaxBufferedPerPartition(int max) {
        return new ConsumerOptions(clientConfig, groupId, catalog, schemas, retry, concurrency, ordering,
                maxPollRecords, max, commitInterval, shutdownTimeout, revokeTimeout,
                groupProtocol, autoOffsetReset, deadLetterMaxBlock, shutdownHook, kafkaOverrides, meterRegistry);
    }

    public ConsumerOptions withCommitInterval(Duration interval) {
        return new ConsumerOptions(clientConfig, groupId, catalog, schemas, retry, concurrency, ordering,
                maxPollRecords, maxBufferedPerPartition, interval, shutdownTimeout, revokeTimeout,
                groupProtocol, autoOffsetReset, deadLetterMaxBlock, shutdownHook, kafkaOverrides, meterRegistry);
    }

    public ConsumerOptions withShutdownTimeout(Duration timeout) {
        return new ConsumerOptions(clientConfig, groupId, catalog, schemas, retry, concurrency, ordering,
                maxPollRecords, maxBufferedPerPartition, commitInterval, timeout, revokeTimeout,
                groupProtocol, autoOffsetReset, deadLetterMaxBlock, shutdownHook, kafkaOverrides, meterRegistry);
    }

    public ConsumerOptions withRevokeTimeout(Duration timeout) {
        return new ConsumerOptions(clientConfig, groupId, catalog, schemas, retry, concurrency, ordering,
                maxPollRecords, maxBufferedPerPartition, commitInterval, shutdownTimeout, timeout,
                groupProtocol, autoOffsetReset, deadLetterMaxBlock, shutdownHook, kafkaOverrides, meterRegistry);
    }

    /**
     * Chooses the group protocol, {@code consumer} or {@code classic}; a chosen protocol never falls back.
     * {@code null} restores the default (consumer, falling back to classic).
     */
    public ConsumerOptions withGroupProtocol(String protocol) {
        return new ConsumerOptions(clientConfig, groupId, catalog, schemas, retry, concurrency, ordering,
                maxPollRecords, maxBufferedPerPartition, commitInterval, shutdownTimeout, revokeTimeout,
                protocol, autoOffsetReset, deadLetterMaxBlock, shutdownHook, kafkaOverrides, meterRegistry);
    }

    public ConsumerOptions withAutoOffsetReset(String reset) {
        return new ConsumerOptions(clientConfig, groupId, catalog, schemas, retry, concurrency, ordering,
                maxPollRecords, maxBufferedPerPartition, commitInterval, shutdownTimeout, revokeTimeout,
                groupProtocol, reset, deadLetterMaxBlock, shutdownHook, kafkaOverrides, meterRegistry);
    }

    public ConsumerOptions withDeadLetterMaxBlock(Duration maxBlock) {
        return new ConsumerOptions(clientConfig, groupId, catalog, schemas, retry, concurrency, ordering,
                maxPollRecords, maxBufferedPerPartition, commitInterval, shutdownTimeout, revokeTimeout,
                groupProtocol, autoOffsetReset, maxBlock, shutdownHook, kafkaOverrides, meterRegistry);
    }

    /** Closes the consumer gracefully when the JVM shuts down (SIGTERM, Ctrl-C). */
    public ConsumerOptions withShutdownHook(boolean enabled) {
        return new ConsumerOptions(clientConfig, groupId, catalog, schemas, retry, concurrency, ordering,
                maxPollRecords, maxBufferedPerPartition, commitInterval, shutdownTimeout, revokeTimeout,
                groupProtocol, autoOffsetReset, deadLetterMaxBlock, enabled, kafkaOverrides, meterRegistry);
    }

    public ConsumerOptions withCatalog(TopicCatalog newCatalog) {
        return new ConsumerOptions(clientConfig, groupId, newCatalog, schemas, retry, concurrency, ordering,
                maxPollRecords, maxBufferedPerPartition, commitInterval, shutdownTimeout, revokeTimeout,
                groupProtocol, autoOffsetReset, deadLetterMaxBlock, shutdownHook, kafkaOverrides, meterRegistry);
    }

    /** Adds Kafka consumer properties, applied after the FinFlow defaults. */
    public ConsumerOptions withKafkaOverrides(Map<String, Object> overrides) {
        Map<String, Object> merged = new java.util.HashMap<>(kafkaOverrides);
        merged.putAll(overrides);
        return new ConsumerOptions(clientConfig, groupId, catalog, schemas, retry, concurrency, ordering,
                maxPollRecords, maxBufferedPerPartition, commitInterval, shutdownTimeout, revokeTimeout,
                groupProtocol, autoOffsetReset, deadLetterMaxBlock, shutdownHook, merged, meterRegistry);
    }

    /**
     * Registers the consumer's metrics in {@code registry} once it starts (null: none, the default). Meters
     * carry the tags {@code group}, {@code client.id} and {@code topic}; see docs/metrics.md.
     */
    public ConsumerOptions withMeterRegistry(MeterRegistry registry) {
        return new ConsumerOptions(clientConfig, groupId, catalog, schemas, retry, concurrency, ordering,
                maxPollRecords, maxBufferedPerPartition, commitInterval, shutdownTimeout, revokeTimeout,
                groupProtocol, autoOffsetReset, deadLetterMaxBlock, shutdownHook, kafkaOverrides, registry);
    }

    /**
     * Settings of the classic group protocol only: under the consumer protocol the broker owns them
     * ({@code group.consumer.session.timeout.ms}, {@code group.consumer.heartbeat.interval.ms}, its
     * assignors), and Kafka's consumer refuses them.
     */
    public static final java.util.Set<String> CLASSIC_PROTOCOL_SETTINGS =
            java.util.Set.of("partition.assignment.strategy", "session.timeout.ms", "heartbeat.interval.ms");

    /**
     * The Kafka consumer configuration these options stand for.
     *
     * @throws IllegalArgumentException when a Kafka override is a setting of the classic protocol while
     *                                  the consumer protocol is used (chosen or by default), naming it
     */
    public Map<String, Object> toKafkaProperties() {
        if ("consumer".equals(groupProtocol())) {
            for (String setting : new java.util.TreeSet<>(kafkaOverrides.keySet())) {
                if (CLASSIC_PROTOCOL_SETTINGS.contains(setting)) {
                    throw new IllegalArgumentException(setting + " is a setting of the classic group protocol, but group "
                            + groupId + " uses the consumer protocol (KIP-848, " + (groupProtocolChosen() ? "chosen"
                            : "the default") + "), where the broker decides it: remove " + setting
                            + " from the Kafka overrides, or choose withGroupProtocol(\"classic\")");
                }
            }
        }
        Map<String, Object> p = clientConfig.toMap();
        p.put("group.id", groupId);
        p.put("enable.auto.commit", false);
        p.put("auto.offset.reset", autoOffsetReset);
        p.put("max.poll.records", maxPollRecords);
        p.put("isolation.level", "read_committed");
        p.put("group.protocol", groupProtocol());
        if ("classic".equals(groupProtocol())) {
            p.put("partition.assignment.strategy",
                    "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
        }
        p.putAll(kafkaOverrides);
        return p;
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
