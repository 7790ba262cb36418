package io.finflow.kafka.consumer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.internal.Durations;
import io.finflow.kafka.schema.SchemaRegistry;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Options of an {@link io.finflow.kafka.EventConsumer}: immutable, validated, built with
 * {@link #builder(ClientConfig, String)}. Every setting, its default and its limits are documented once,
 * on its {@link Builder} method; the accessors return the built values.
 *
 * <pre>{@code
 * ConsumerOptions options = ConsumerOptions.builder(ClientConfig.fromEnvironment(), "accounting-service-group")
 *         .concurrency(8)                                   // per-key order kept
 *         .retry(RetryPolicy.builder().maxRetryTime(Duration.ofMinutes(1)).build())
 *         .meterRegistry(registry)
 *         .build();
 * }</pre>
 *
 * <p>{@link #defaults(ClientConfig, String)} is short for {@code builder(clientConfig, groupId).build()}.
 */
public final class ConsumerOptions {

    /** One worker: each partition processed in offset order. */
    public static final int DEFAULT_CONCURRENCY = 1;
    /** Upper limit of {@link Builder#concurrency}. */
    public static final int MAX_CONCURRENCY = 1024;
    /** Records of one key in order, different keys in parallel. */
    public static final OrderingMode DEFAULT_ORDERING = OrderingMode.KEY;
    /** Records fetched per poll (Kafka's default). */
    public static final int DEFAULT_MAX_POLL_RECORDS = 500;
    /** Records of one partition fetched but not finished before it is paused. */
    public static final int DEFAULT_MAX_BUFFERED_PER_PARTITION = 2_000;
    /** How often finished offsets are committed while running. */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(1);
    /** How long {@code close()} waits for in-flight handlers. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    /** After how long a rebalance waiting for handlers logs a WARN. */
    public static final Duration DEFAULT_REVOKE_TIMEOUT = Duration.ofSeconds(20);
    /**
     * The protocol used when none is chosen: {@link GroupProtocol#CONSUMER}, falling back to
     * {@link GroupProtocol#CLASSIC} on a cluster without it.
     */
    public static final GroupProtocol DEFAULT_GROUP_PROTOCOL = GroupProtocol.CONSUMER;
    /** A new group reads each partition from its first record. */
    public static final OffsetReset DEFAULT_OFFSET_RESET = OffsetReset.EARLIEST;
    /** How long one dead letter write may wait for the DLQ topic's metadata. */
    public static final Duration DEFAULT_DEAD_LETTER_MAX_BLOCK = Duration.ofSeconds(10);
    /** No JVM shutdown hook: the application closes the consumer. */
    public static final boolean DEFAULT_SHUTDOWN_HOOK = false;
    /** No metrics unless a registry is given ({@link Builder#meterRegistry}). */
    public static final MeterRegistry DEFAULT_METER_REGISTRY = null;
    /**
     * Settings of the classic group protocol only: under the consumer protocol the broker owns them
     * ({@code group.consumer.session.timeout.ms}, {@code group.consumer.heartbeat.interval.ms}, its
     * assignors), and Kafka's consumer refuses them.
     */
    public static final Set<String> CLASSIC_PROTOCOL_SETTINGS =
            Set.of("partition.assignment.strategy", "session.timeout.ms", "heartbeat.interval.ms");

    private final ClientConfig clientConfig;
    private final String groupId;
    private final TopicCatalog catalog;
    private final SchemaRegistry schemas;
    private final RetryPolicy retry;
    private final int concurrency;
    private final OrderingMode ordering;
    private final int maxPollRecords;
    private final int maxBufferedPerPartition;
    private final Duration commitInterval;
    private final Duration shutdownTimeout;
    private final Duration revokeTimeout;
    /** The chosen protocol; null for the default (consumer, falling back to classic). */
    private final GroupProtocol chosenGroupProtocol;
    private final OffsetReset autoOffsetReset;
    private final Duration deadLetterMaxBlock;
    private final boolean shutdownHook;
    private final Map<String, Object> kafkaOverrides;
    private final MeterRegistry meterRegistry;

    private ConsumerOptions(Builder b, TopicCatalog catalog, SchemaRegistry schemas) {
        this.clientConfig = b.clientConfig;
        this.groupId = b.groupId;
        this.catalog = catalog;
        this.schemas = schemas;
        this.retry = b.retry;
        this.concurrency = b.concurrency;
        this.ordering = b.ordering;
        this.maxPollRecords = b.maxPollRecords;
        this.maxBufferedPerPartition = b.maxBufferedPerPartition;
        this.commitInterval = b.commitInterval;
        this.shutdownTimeout = b.shutdownTimeout;
        this.revokeTimeout = b.revokeTimeout;
        this.chosenGroupProtocol = b.groupProtocol;
        this.autoOffsetReset = b.autoOffsetReset;
        this.deadLetterMaxBlock = b.deadLetterMaxBlock;
        this.shutdownHook = b.shutdownHook;
        this.kafkaOverrides = Map.copyOf(b.kafkaOverrides);
        this.meterRegistry = b.meterRegistry;
    }

    /**
     * A builder with every default, for a member of {@code groupId} reaching the cluster through
     * {@code clientConfig}.
     *
     * @param clientConfig how to reach the cluster (bootstrap, security)
     * @param groupId      consumer group: instances with the same id share the partitions, e.g.
     *                     {@code accounting-service-group}; not blank
     */
    public static Builder builder(ClientConfig clientConfig, String groupId) {
        return new Builder(clientConfig, groupId);
    }

    /**
     * The defaults, built: the bundled catalog (profile from {@code FINFLOW_PROFILE}, else dev) and schemas,
     * retries for 5 minutes ({@link RetryPolicy#defaults()}), one worker, the KIP-848 group protocol (falling
     * back to classic on a cluster without it). Short for {@code builder(clientConfig, groupId).build()}.
     */
    public static ConsumerOptions defaults(ClientConfig clientConfig, String groupId) {
        return builder(clientConfig, groupId).build();
    }

    /** A builder holding these options, to derive others: {@code options.toBuilder().concurrency(4).build()}. */
    public Builder toBuilder() {
        Builder b = new Builder(clientConfig, groupId);
        b.catalog = catalog;
        b.schemas = schemas;
        b.retry = retry;
        b.concurrency = concurrency;
        b.ordering = ordering;
        b.maxPollRecords = maxPollRecords;
        b.maxBufferedPerPartition = maxBufferedPerPartition;
        b.commitInterval = commitInterval;
        b.shutdownTimeout = shutdownTimeout;
        b.revokeTimeout = revokeTimeout;
        b.groupProtocol = chosenGroupProtocol;
        b.autoOffsetReset = autoOffsetReset;
        b.deadLetterMaxBlock = deadLetterMaxBlock;
        b.shutdownHook = shutdownHook;
        b.kafkaOverrides.putAll(kafkaOverrides);
        b.meterRegistry = meterRegistry;
        return b;
    }

    /** How to reach the cluster; see {@link #builder(ClientConfig, String)}. */
    public ClientConfig clientConfig() {
        return clientConfig;
    }

    /** The consumer group; see {@link #builder(ClientConfig, String)}. */
    public String groupId() {
        return groupId;
    }

    /** The topic catalog; see {@link Builder#catalog}. */
    public TopicCatalog catalog() {
        return catalog;
    }

    /** The schemas records are validated against; see {@link Builder#schemas}. */
    public SchemaRegistry schemas() {
        return schemas;
    }

    /** How failing handlers are retried; see {@link Builder#retry}. */
    public RetryPolicy retry() {
        return retry;
    }

    /** Worker threads; see {@link Builder#concurrency}. */
    public int concurrency() {
        return concurrency;
    }

    /** Order kept with several workers; see {@link Builder#ordering}. */
    public OrderingMode ordering() {
        return ordering;
    }

    /** Records fetched per poll; see {@link Builder#maxPollRecords}. */
    public int maxPollRecords() {
        return maxPollRecords;
    }

    /** Unfinished records per partition before it is paused; see {@link Builder#maxBufferedPerPartition}. */
    public int maxBufferedPerPartition() {
        return maxBufferedPerPartition;
    }

    /** How often finished offsets are committed; see {@link Builder#commitInterval}. */
    public Duration commitInterval() {
        return commitInterval;
    }

    /** How long {@code close()} waits for in-flight handlers; see {@link Builder#shutdownTimeout}. */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /** After how long a waiting rebalance logs a WARN; see {@link Builder#revokeTimeout}. */
    public Duration revokeTimeout() {
        return revokeTimeout;
    }

    /**
     * The group protocol the consumer uses first: the chosen one, else {@link #DEFAULT_GROUP_PROTOCOL}; see
     * {@link Builder#groupProtocol}.
     */
    public GroupProtocol groupProtocol() {
        return chosenGroupProtocol == null ? DEFAULT_GROUP_PROTOCOL : chosenGroupProtocol;
    }

    /**
     * True when the group protocol was chosen with {@link Builder#groupProtocol}; false for the default,
     * which falls back to {@link GroupProtocol#CLASSIC} when the cluster does not support
     * {@link GroupProtocol#CONSUMER}.
     */
    public boolean groupProtocolChosen() {
        return chosenGroupProtocol != null;
    }

    /** Where a group without committed offsets starts; see {@link Builder#autoOffsetReset}. */
    public OffsetReset autoOffsetReset() {
        return autoOffsetReset;
    }

    /** How long one dead letter write may wait for metadata; see {@link Builder#deadLetterMaxBlock}. */
    public Duration deadLetterMaxBlock() {
        return deadLetterMaxBlock;
    }

    /** Whether a JVM shutdown hook closes the consumer; see {@link Builder#shutdownHook}. */
    public boolean shutdownHook() {
        return shutdownHook;
    }

    /** Other Kafka consumer properties, applied last (immutable); see {@link Builder#kafkaOverrides}. */
    public Map<String, Object> kafkaOverrides() {
        return kafkaOverrides;
    }

    /** Where the consumer registers its metrics, or null; see {@link Builder#meterRegistry}. */
    public MeterRegistry meterRegistry() {
        return meterRegistry;
    }

    /**
     * The Kafka consumer configuration these options stand for, with the protocol they use first.
     *
     * @throws IllegalArgumentException when a Kafka override is a setting of the classic protocol while
     *                                  the consumer protocol is used (chosen or by default), naming it
     */
    public Map<String, Object> toKafkaProperties() {
        return toKafkaProperties(groupProtocol());
    }

    /**
     * The Kafka consumer configuration these options stand for, with the given protocol (the one a consumer
     * falls back to, for example).
     *
     * @throws IllegalArgumentException when a Kafka override is a setting of the classic protocol while
     *                                  {@code protocol} is the consumer protocol, naming it
     */
    public Map<String, Object> toKafkaProperties(GroupProtocol protocol) {
        Objects.requireNonNull(protocol, "protocol");
        if (protocol == GroupProtocol.CONSUMER) {
            for (String setting : new TreeSet<>(kafkaOverrides.keySet())) {
                if (CLASSIC_PROTOCOL_SETTINGS.contains(setting)) {
                    throw new IllegalArgumentException(setting + " is a setting of the classic group protocol, but group "
                            + groupId + " uses the consumer protocol (KIP-848, " + (groupProtocolChosen() ? "chosen"
                            : "the default") + "), where the broker decides it: remove " + setting
                            + " from the Kafka overrides, or choose groupProtocol(GroupProtocol.CLASSIC)");
                }
            }
        }
        Map<String, Object> p = clientConfig.toMap();
        p.put("group.id", groupId);
        p.put("enable.auto.commit", false);
        p.put("auto.offset.reset", autoOffsetReset.kafkaName());
        p.put("max.poll.records", maxPollRecords);
        p.put("isolation.level", "read_committed");
        p.put("group.protocol", protocol.kafkaName());
        if (protocol == GroupProtocol.CLASSIC) {
            p.put("partition.assignment.strategy",
                    "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
        }
        p.putAll(kafkaOverrides);
        return p;
    }

    @Override
    public String toString() {
        return "ConsumerOptions[bootstrap=" + clientConfig.bootstrapServers() + ", groupId=" + groupId
                + ", catalog=" + catalog.profile() + ", retry=" + retry + ", concurrency=" + concurrency
                + ", ordering=" + ordering + ", maxPollRecords=" + maxPollRecords + ", maxBufferedPerPartition="
                + maxBufferedPerPartition + ", commitInterval=" + commitInterval + ", shutdownTimeout="
                + shutdownTimeout + ", revokeTimeout=" + revokeTimeout + ", groupProtocol=" + groupProtocol()
                + (groupProtocolChosen() ? " (chosen)" : " (default, falls back to classic)") + ", autoOffsetReset="
                + autoOffsetReset + ", deadLetterMaxBlock=" + deadLetterMaxBlock + ", shutdownHook=" + shutdownHook
                + ", kafkaOverrides=" + kafkaOverrides.keySet() + ", metrics=" + (meterRegistry != null) + "]";
    }

    /**
     * Builds {@link ConsumerOptions}. Each method sets one setting and documents its default and limits;
     * {@link #build()} checks them together and names the first bad value. Not thread-safe; reusable.
     */
    public static final class Builder {
        private final ClientConfig clientConfig;
        private final String groupId;
        private TopicCatalog catalog;
        private SchemaRegistry schemas;
        private RetryPolicy retry = RetryPolicy.defaults();
        private int concurrency = DEFAULT_CONCURRENCY;
        private OrderingMode ordering = DEFAULT_ORDERING;
        private int maxPollRecords = DEFAULT_MAX_POLL_RECORDS;
        private int maxBufferedPerPartition = DEFAULT_MAX_BUFFERED_PER_PARTITION;
        private Duration commitInterval = DEFAULT_COMMIT_INTERVAL;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        private Duration revokeTimeout = DEFAULT_REVOKE_TIMEOUT;
        private GroupProtocol groupProtocol;
        private OffsetReset autoOffsetReset = DEFAULT_OFFSET_RESET;
        private Duration deadLetterMaxBlock = DEFAULT_DEAD_LETTER_MAX_BLOCK;
        private boolean shutdownHook = DEFAULT_SHUTDOWN_HOOK;
        private final Map<String, Object> kafkaOverrides = new HashMap<>();
        private MeterRegistry meterRegistry = DEFAULT_METER_REGISTRY;

        private Builder(ClientConfig clientConfig, String groupId) {
            this.clientConfig = clientConfig;
            this.groupId = groupId;
        }

        /**
         * The topic catalog: event type, key field and DLQ of each topic. Default: the bundled catalog,
         * profile from the environment variable {@code FINFLOW_PROFILE}, else
         * {@value TopicCatalog#DEFAULT_PROFILE} ({@link TopicCatalog#fromClasspathForEnvironment}).
         */
        public Builder catalog(TopicCatalog topicCatalog) {
            this.catalog = Objects.requireNonNull(topicCatalog, "catalog");
            return this;
        }

        /**
         * Schemas records are validated against (the version each record declares). Default: the bundled
         * ones ({@link SchemaRegistry#fromClasspath}).
         */
        public Builder schemas(SchemaRegistry schemaRegistry) {
            this.schemas = Objects.requireNonNull(schemaRegistry, "schemas");
            return this;
        }

        /**
         * How a failing handler is retried before its record is dead-lettered, and how long a failing dead
         * letter write is retried before the consumer stops. Default {@link RetryPolicy#defaults()}: 5 minutes.
         */
        public Builder retry(RetryPolicy policy) {
            this.retry = Objects.requireNonNull(policy, "retry");
            return this;
        }

        /**
         * Worker threads processing records, in the order {@link #ordering} keeps. Default
         * {@link #DEFAULT_CONCURRENCY} (1: each partition in offset order); between 1 and
         * {@link #MAX_CONCURRENCY}. Exactly-once consumers need 1.
         */
        public Builder concurrency(int workers) {
            this.concurrency = workers;
            return this;
        }

        /**
         * With several workers: order per key or per partition. Default {@link #DEFAULT_ORDERING}
         * ({@link OrderingMode#KEY}).
         */
        public Builder ordering(OrderingMode mode) {
            this.ordering = Objects.requireNonNull(mode, "ordering");
            return this;
        }

        /**
         * Records fetched per poll (Kafka's {@code max.poll.records}). Default {@link #DEFAULT_MAX_POLL_RECORDS};
         * at least 1.
         */
        public Builder maxPollRecords(int max) {
            this.maxPollRecords = max;
            return this;
        }

        /**
         * Records of one partition fetched but not finished before the partition is paused: the memory bound
         * under a slow handler. Default {@link #DEFAULT_MAX_BUFFERED_PER_PARTITION}; at least 1.
         */
        public Builder maxBufferedPerPartition(int max) {
            this.maxBufferedPerPartition = max;
            return this;
        }

        /**
         * How often finished offsets are committed while running (they are also committed on revocation and
         * on close). Default {@link #DEFAULT_COMMIT_INTERVAL} (1 s); positive.
         */
        public Builder commitInterval(Duration interval) {
            this.commitInterval = interval;
            return this;
        }

        /**
         * How long {@code close()} waits for in-flight handlers (and a failed consumer for the other
         * partitions' handlers); records not finished by then are not committed, so they are redelivered.
         * Default {@link #DEFAULT_SHUTDOWN_TIMEOUT} (30 s); positive.
         */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = timeout;
            return this;
        }

        /**
         * After how long a rebalance that waits for the running handlers of revoked partitions logs a WARN
         * naming them. It keeps waiting (no new handler of those partitions starts meanwhile) until they
         * finish, up to {@code max.poll.interval.ms}, so that a record is never handled by two members at
         * once. Default {@link #DEFAULT_REVOKE_TIMEOUT} (20 s); positive.
         */
        public Builder revokeTimeout(Duration timeout) {
            this.revokeTimeout = timeout;
            return this;
        }

        /**
         * Chooses the group protocol; a chosen protocol never falls back, the consumer fails with the
         * cluster's answer. Default: none chosen ({@code null}), which uses {@link #DEFAULT_GROUP_PROTOCOL}
         * and falls back to {@link GroupProtocol#CLASSIC}, with one WARN, on a cluster without the consumer
         * protocol (every Kafka before 4.0). {@code null} restores that default.
         */
        public Builder groupProtocol(GroupProtocol protocol) {
            this.groupProtocol = protocol;
            return this;
        }

        /**
         * Where a group without committed offsets starts. Default {@link #DEFAULT_OFFSET_RESET}
         * ({@link OffsetReset#EARLIEST}).
         */
        public Builder autoOffsetReset(OffsetReset reset) {
            this.autoOffsetReset = Objects.requireNonNull(reset, "autoOffsetReset");
            return this;
        }

        /**
         * How long one dead letter write may wait for the DLQ topic's metadata; a failed write is retried
         * with the retry policy's backoff, for its {@code maxRetryTime}. Default
         * {@link #DEFAULT_DEAD_LETTER_MAX_BLOCK} (10 s); positive.
         */
        public Builder deadLetterMaxBlock(Duration maxBlock) {
            this.deadLetterMaxBlock = maxBlock;
            return this;
        }

        /**
         * Registers a JVM shutdown hook that closes the consumer gracefully (SIGTERM, Ctrl-C). Default
         * {@link #DEFAULT_SHUTDOWN_HOOK} (false): the application closes it (a framework such as Spring does).
         */
        public Builder shutdownHook(boolean enabled) {
            this.shutdownHook = enabled;
            return this;
        }

        /**
         * Adds one Kafka consumer property, applied after FinFlow's settings. {@code enable.auto.commit} and
         * {@code group.protocol} are refused (use {@link #groupProtocol}); the
         * {@link #CLASSIC_PROTOCOL_SETTINGS} only with the classic protocol. None by default.
         */
        public Builder kafkaOverride(String key, Object value) {
            kafkaOverrides.put(Objects.requireNonNull(key, "key"), value);
            return this;
        }

        /** Adds Kafka consumer properties, as {@link #kafkaOverride} does for each. */
        public Builder kafkaOverrides(Map<String, ?> overrides) {
            overrides.forEach(this::kafkaOverride);
            return this;
        }

        /**
         * Where the consumer registers its metrics once started: Kafka's consumer metrics and FinFlow's
         * {@code finflow.consumer.*}, tagged {@code group}, {@code client.id} and {@code topic}
         * (docs/metrics.md). The consumer removes its meters on close; the registry stays the caller's.
         * Default {@link #DEFAULT_METER_REGISTRY} ({@code null}: no metrics).
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = registry;
            return this;
        }

        /**
         * The options. Loads the bundled catalog and schemas when none was given.
         *
         * @throws IllegalArgumentException a setting is out of its limits (the message names it and its value)
         * @throws NullPointerException     a required value is null
         */
        public ConsumerOptions build() {
            Objects.requireNonNull(clientConfig, "clientConfig");
            if (groupId == null || groupId.isBlank()) {
                throw new IllegalArgumentException("groupId must be given, e.g. accounting-service-group");
            }
            if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
                throw new IllegalArgumentException("concurrency must be between 1 and " + MAX_CONCURRENCY + ", was "
                        + concurrency);
            }
            if (maxPollRecords < 1) {
                throw new IllegalArgumentException("maxPollRecords must be >= 1, was " + maxPollRecords);
            }
            if (maxBufferedPerPartition < 1) {
                throw new IllegalArgumentException("maxBufferedPerPartition must be >= 1, was "
                        + maxBufferedPerPartition);
            }
            Durations.requirePositive("commitInterval", commitInterval);
            Durations.requirePositive("shutdownTimeout", shutdownTimeout);
            Durations.requirePositive("revokeTimeout", revokeTimeout);
            Durations.requirePositive("deadLetterMaxBlock", deadLetterMaxBlock);
            if (kafkaOverrides.containsKey("enable.auto.commit")) {
                throw new IllegalArgumentException("enable.auto.commit cannot be overridden: FinFlow commits only"
                        + " after successful processing");
            }
            if (kafkaOverrides.containsKey("group.protocol")) {
                throw new IllegalArgumentException("group.protocol cannot be overridden: use"
                        + " groupProtocol(GroupProtocol.CLASSIC) or groupProtocol(GroupProtocol.CONSUMER)");
            }
            return new ConsumerOptions(this, catalog != null ? catalog : TopicCatalog.fromClasspathForEnvironment(),
                    schemas != null ? schemas : SchemaRegistry.fromClasspath());
        }
    }
}
