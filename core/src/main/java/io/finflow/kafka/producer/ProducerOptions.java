package io.finflow.kafka.producer;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.internal.Durations;
import io.finflow.kafka.schema.SchemaRegistry;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Options of an {@link io.finflow.kafka.EventProducer}: immutable, validated, built with
 * {@link #builder(ClientConfig, String)}. Every setting, its default and its limits are documented once,
 * on its {@link Builder} method; the accessors return the built values.
 *
 * <pre>{@code
 * ProducerOptions options = ProducerOptions.builder(ClientConfig.fromEnvironment(), "/finflow/payments")
 *         .compression(Compression.ZSTD)
 *         .deliveryTimeout(Duration.ofMinutes(1))
 *         .meterRegistry(registry)
 *         .build();
 * ProducerOptions transactional = options.toBuilder().transactionalId("payments-1").build();
 * }</pre>
 *
 * <p>The defaults favour durability first, then throughput:
 * <ul>
 *   <li>{@code acks=all} and idempotence are always on: an acknowledged event is on every in-sync
 *       replica, and a retried batch is never written twice. They cannot be turned off here.</li>
 *   <li>Retries are unlimited within {@link #deliveryTimeout()}: Kafka retries with exponential
 *       backoff from {@link #retryBackoff()} up to {@link #retryBackoffMax()}, with 20% random jitter
 *       (KIP-580), so a leader election or a broker restart is ridden out without a storm of requests.
 *       When the deadline passes the send's future fails with a {@link DeliveryTimeoutException}.</li>
 *   <li>Batching: {@link #linger()} 5 ms and {@link #batchSize()} 64 KiB: a few milliseconds of
 *       latency buy large batches under load (Kafka's own default linger is 5 ms since 4.0).</li>
 *   <li>Compression {@link Compression#LZ4} (see {@link Compression} for the measured trade-offs).</li>
 *   <li>Broker unreachable at start-up: the producer starts without a connection; a send waits at
 *       most {@link #maxBlock()} for the topic's metadata (or for buffer space), then its future
 *       fails with a {@link DeliveryTimeoutException}. Sends made once the broker is back succeed: no
 *       restart is needed.</li>
 * </ul>
 */
public final class ProducerOptions {

    /** Upper bound from send to acknowledgement, retries included. */
    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(30);
    /** How long one produce request may wait for the broker. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** First backoff between retries (Kafka's {@code retry.backoff.ms}). */
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(100);
    /** Largest backoff between retries (Kafka's {@code retry.backoff.max.ms}). */
    public static final Duration DEFAULT_RETRY_BACKOFF_MAX = Duration.ofSeconds(1);
    /** How long {@code send} may wait for metadata or buffer space. */
    public static final Duration DEFAULT_MAX_BLOCK = Duration.ofSeconds(10);
    /** Time a batch waits for more records. */
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(5);
    /** Bytes per partition batch: 64 KiB. */
    public static final int DEFAULT_BATCH_SIZE = 64 * 1024;
    /** lz4: cheap to compress, the fastest to decompress (see {@link Compression}). */
    public static final Compression DEFAULT_COMPRESSION = Compression.LZ4;
    /** Just under the broker's default {@code message.max.bytes} (1 MiB), leaving room for headers. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 1_000_000;
    /** No metrics unless a registry is given ({@link Builder#meterRegistry}). */
    public static final MeterRegistry DEFAULT_METER_REGISTRY = null;
    /** Kafka producer settings FinFlow fixes: {@code acks=all} with idempotence, always. */
    public static final List<String> FIXED_KAFKA_SETTINGS = List.of("acks", "enable.idempotence");

    private final ClientConfig clientConfig;
    private final String source;
    private final TopicCatalog catalog;
    private final SchemaRegistry schemas;
    private final Duration deliveryTimeout;
    private final Duration requestTimeout;
    private final Duration retryBackoff;
    private final Duration retryBackoffMax;
    private final Duration maxBlock;
    private final Duration linger;
    private final int batchSize;
    private final Compression compression;
    private final int maxEventBytes;
    private final String transactionalId;
    private final Map<String, Object> kafkaOverrides;
    private final MeterRegistry meterRegistry;
    /** Whether the request timeout was set, or follows the delivery timeout (see {@link Builder#requestTimeout}). */
    private final boolean requestTimeoutSet;

    private ProducerOptions(Builder b, TopicCatalog catalog, SchemaRegistry schemas, Duration requestTimeout) {
        this.clientConfig = b.clientConfig;
        this.source = b.source;
        this.catalog = catalog;
        this.schemas = schemas;
        this.deliveryTimeout = b.deliveryTimeout;
        this.requestTimeout = requestTimeout;
        this.requestTimeoutSet = b.requestTimeout != null;
        this.retryBackoff = b.retryBackoff;
        this.retryBackoffMax = b.retryBackoffMax;
        this.maxBlock = b.maxBlock;
        this.linger = b.linger;
        this.batchSize = b.batchSize;
        this.compression = b.compression;
        this.maxEventBytes = b.maxEventBytes;
        this.transactionalId = b.transactionalId;
        this.kafkaOverrides = Map.copyOf(b.kafkaOverrides);
        this.meterRegistry = b.meterRegistry;
    }

    /**
     * A builder with every default, for a producer reaching the cluster through {@code clientConfig} and
     * sending events from {@code source}.
     *
     * @param clientConfig how to reach the cluster (bootstrap, security)
     * @param source       CloudEvents {@code ce_source} of every event: the producing service, e.g.
     *                     {@code /finflow/accounting-service}; a URI reference (no spaces)
     */
    public static Builder builder(ClientConfig clientConfig, String source) {
        return new Builder(clientConfig, source);
    }

    /**
     * The defaults, built: the bundled catalog (profile from {@code FINFLOW_PROFILE}, else
     * {@value TopicCatalog#DEFAULT_PROFILE}) and schemas. Short for {@code builder(clientConfig, source).build()}.
     */
    public static ProducerOptions defaults(ClientConfig clientConfig, String source) {
        return builder(clientConfig, source).build();
    }

    /** A builder holding these options, to derive others: {@code options.toBuilder().linger(...).build()}. */
    public Builder toBuilder() {
        Builder b = new Builder(clientConfig, source);
        b.catalog = catalog;
        b.schemas = schemas;
        b.deliveryTimeout = deliveryTimeout;
        b.requestTimeout = requestTimeoutSet ? requestTimeout : null;
        b.retryBackoff = retryBackoff;
        b.retryBackoffMax = retryBackoffMax;
        b.maxBlock = maxBlock;
        b.linger = linger;
        b.batchSize = batchSize;
        b.compression = compression;
        b.maxEventBytes = maxEventBytes;
        b.transactionalId = transactionalId;
        b.kafkaOverrides.putAll(kafkaOverrides);
        b.meterRegistry = meterRegistry;
        return b;
    }

    /** How to reach the cluster; see {@link #builder(ClientConfig, String)}. */
    public ClientConfig clientConfig() {
        return clientConfig;
    }

    /** CloudEvents {@code ce_source} of every event; see {@link #builder(ClientConfig, String)}. */
    public String source() {
        return source;
    }

    /** The topic catalog; see {@link Builder#catalog}. */
    public TopicCatalog catalog() {
        return catalog;
    }

    /** The schemas events are validated against; see {@link Builder#schemas}. */
    public SchemaRegistry schemas() {
        return schemas;
    }

    /** Upper bound from send to acknowledgement; see {@link Builder#deliveryTimeout}. */
    public Duration deliveryTimeout() {
        return deliveryTimeout;
    }

    /** How long one produce request may wait; see {@link Builder#requestTimeout}. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** First backoff between retries; see {@link Builder#retryBackoff}. */
    public Duration retryBackoff() {
        return retryBackoff;
    }

    /** Largest backoff between retries; see {@link Builder#retryBackoffMax}. */
    public Duration retryBackoffMax() {
        return retryBackoffMax;
    }

    /** How long {@code send} may wait for metadata or buffer space; see {@link Builder#maxBlock}. */
    public Duration maxBlock() {
        return maxBlock;
    }

    /** Time a batch waits for more records; see {@link Builder#linger}. */
    public Duration linger() {
        return linger;
    }

    /** Bytes per partition batch; see {@link Builder#batchSize}. */
    public int batchSize() {
        return batchSize;
    }

    /** Batch compression; see {@link Builder#compression}. */
    public Compression compression() {
        return compression;
    }

    /** Largest serialized event accepted; see {@link Builder#maxEventBytes}. */
    public int maxEventBytes() {
        return maxEventBytes;
    }

    /** The transactional id, or null when the producer is not transactional; see {@link Builder#transactionalId}. */
    public String transactionalId() {
        return transactionalId;
    }

    /** Other Kafka producer properties, applied last (immutable); see {@link Builder#kafkaOverrides}. */
    public Map<String, Object> kafkaOverrides() {
        return kafkaOverrides;
    }

    /** Where the producer registers its metrics, or null; see {@link Builder#meterRegistry}. */
    public MeterRegistry meterRegistry() {
        return meterRegistry;
    }

    /** The complete Kafka producer configuration these options stand for. */
    public Map<String, Object> toKafkaProperties() {
        Map<String, Object> p = clientConfig.toMap();
        p.put("acks", "all");
        p.put("enable.idempotence", true);
        p.put("max.in.flight.requests.per.connection", 5);
        p.put("retries", Integer.MAX_VALUE);
        p.put("delivery.timeout.ms", (int) deliveryTimeout.toMillis());
        p.put("request.timeout.ms", (int) requestTimeout.toMillis());
        p.put("retry.backoff.ms", retryBackoff.toMillis());
        p.put("retry.backoff.max.ms", retryBackoffMax.toMillis());
        p.put("max.block.ms", maxBlock.toMillis());
        p.put("linger.ms", (int) linger.toMillis());
        p.put("batch.size", batchSize);
        p.put("compression.type", compression.kafkaName());
        p.put("max.request.size", Math.max(maxEventBytes + 64 * 1024, 1_048_576));
        if (transactionalId != null) {
            p.put("transactional.id", transactionalId);
        }
        p.putAll(kafkaOverrides);
        return p;
    }

    @Override
    public String toString() {
        return "ProducerOptions[bootstrap=" + clientConfig.bootstrapServers() + ", source=" + source
                + ", catalog=" + catalog.profile() + ", deliveryTimeout=" + deliveryTimeout + ", requestTimeout="
                + requestTimeout + ", retryBackoff=" + retryBackoff + ".." + retryBackoffMax + ", maxBlock=" + maxBlock
                + ", linger=" + linger + ", batchSize=" + batchSize + ", compression=" + compression
                + ", maxEventBytes=" + maxEventBytes + ", transactionalId=" + transactionalId
                + ", kafkaOverrides=" + kafkaOverrides.keySet() + ", metrics=" + (meterRegistry != null) + "]";
    }

    /**
     * Builds {@link ProducerOptions}. Each method sets one setting and documents its default and limits;
     * {@link #build()} checks them together and names the first bad value. Not thread-safe; reusable.
     */
    public static final class Builder {
        private final ClientConfig clientConfig;
        private final String source;
        private TopicCatalog catalog;
        private SchemaRegistry schemas;
        private Duration deliveryTimeout = DEFAULT_DELIVERY_TIMEOUT;
        private Duration requestTimeout;
        private Duration retryBackoff = DEFAULT_RETRY_BACKOFF;
        private Duration retryBackoffMax = DEFAULT_RETRY_BACKOFF_MAX;
        private Duration maxBlock = DEFAULT_MAX_BLOCK;
        private Duration linger = DEFAULT_LINGER;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Compression compression = DEFAULT_COMPRESSION;
        private int maxEventBytes = DEFAULT_MAX_EVENT_BYTES;
        private String transactionalId;
        private final Map<String, Object> kafkaOverrides = new HashMap<>();
        private MeterRegistry meterRegistry = DEFAULT_METER_REGISTRY;

        private Builder(ClientConfig clientConfig, String source) {
            this.clientConfig = clientConfig;
            this.source = source;
        }

        /**
         * The topic catalog: which topics exist, their event type and key field. Default: the bundled
         * catalog, profile from the environment variable {@code FINFLOW_PROFILE}, else
         * {@value TopicCatalog#DEFAULT_PROFILE} ({@link TopicCatalog#fromClasspathForEnvironment}).
         */
        public Builder catalog(TopicCatalog topicCatalog) {
            this.catalog = Objects.requireNonNull(topicCatalog, "catalog");
            return this;
        }

        /**
         * Schemas events are validated against before sending. Default: the bundled ones
         * ({@link SchemaRegistry#fromClasspath}).
         */
        public Builder schemas(SchemaRegistry schemaRegistry) {
            this.schemas = Objects.requireNonNull(schemaRegistry, "schemas");
            return this;
        }

        /**
         * Upper bound from send to acknowledgement, retries included; then the send's future fails with a
         * {@link DeliveryTimeoutException}. Default {@link #DEFAULT_DELIVERY_TIMEOUT} (30 s); positive, at
         * least {@code requestTimeout + linger}. While the request timeout is not set, it shrinks to
         * {@code deliveryTimeout - linger} when needed.
         */
        public Builder deliveryTimeout(Duration timeout) {
            this.deliveryTimeout = timeout;
            return this;
        }

        /**
         * How long one produce request may wait for the broker. Default {@link #DEFAULT_REQUEST_TIMEOUT}
         * (10 s), or less when a short delivery timeout asks for it; positive.
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /** First backoff between retries. Default {@link #DEFAULT_RETRY_BACKOFF} (100 ms); positive. */
        public Builder retryBackoff(Duration first) {
            this.retryBackoff = first;
            return this;
        }

        /**
         * Largest backoff between retries. Default {@link #DEFAULT_RETRY_BACKOFF_MAX} (1 s); at least
         * {@link #retryBackoff}.
         */
        public Builder retryBackoffMax(Duration max) {
            this.retryBackoffMax = max;
            return this;
        }

        /**
         * How long {@code send} may wait for the topic's metadata or for buffer space (the broker
         * unreachable, the buffer full); then its future fails. Default {@link #DEFAULT_MAX_BLOCK} (10 s);
         * positive.
         */
        public Builder maxBlock(Duration max) {
            this.maxBlock = max;
            return this;
        }

        /** Time a batch waits for more records. Default {@link #DEFAULT_LINGER} (5 ms); at least 0. */
        public Builder linger(Duration time) {
            this.linger = time;
            return this;
        }

        /** Bytes per partition batch. Default {@link #DEFAULT_BATCH_SIZE} (64 KiB); at least 0 (0: no batching). */
        public Builder batchSize(int bytes) {
            this.batchSize = bytes;
            return this;
        }

        /** Batch compression. Default {@link #DEFAULT_COMPRESSION} (lz4); see {@link Compression}. */
        public Builder compression(Compression codec) {
            this.compression = Objects.requireNonNull(codec, "compression");
            return this;
        }

        /**
         * Largest serialized event accepted; a larger one is refused before sending (its future fails with
         * an {@link InvalidEventException}). Default {@link #DEFAULT_MAX_EVENT_BYTES}; at least 1.
         */
        public Builder maxEventBytes(int bytes) {
            this.maxEventBytes = bytes;
            return this;
        }

        /**
         * Enables Kafka transactions (exactly-once consume-transform-produce) with this id, unique per
         * producing instance; a new producer with the same id fences the older one. Default: none
         * ({@code null}); not blank.
         */
        public Builder transactionalId(String id) {
            this.transactionalId = id;
            return this;
        }

        /**
         * Adds one Kafka producer property, applied after FinFlow's settings ({@link #FIXED_KAFKA_SETTINGS}
         * excepted). None by default.
         */
        public Builder kafkaOverride(String key, Object value) {
            kafkaOverrides.put(Objects.requireNonNull(key, "key"), value);
            return this;
        }

        /** Adds Kafka producer properties, as {@link #kafkaOverride} does for each. */
        public Builder kafkaOverrides(Map<String, ?> overrides) {
            overrides.forEach(this::kafkaOverride);
            return this;
        }

        /**
         * Where the producer registers its metrics: Kafka's producer metrics and FinFlow's
         * {@code finflow.producer.*} with the tags {@code client.id} and {@code topic} (docs/metrics.md).
         * The producer removes its meters on close; the registry stays the caller's. Default
         * {@link #DEFAULT_METER_REGISTRY} ({@code null}: no metrics).
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = registry;
            return this;
        }

        /**
         * The options. Loads the bundled catalog and schemas when none was given.
         *
         * @throws IllegalArgumentException a setting is out of its limits, or contradicts another (the message
         *                                  names it and its value)
         * @throws NullPointerException     a required value is null
         */
        public ProducerOptions build() {
            Objects.requireNonNull(clientConfig, "clientConfig");
            if (source == null || source.isBlank()) {
                throw new IllegalArgumentException("source must name the producing service, e.g."
                        + " /finflow/accounting-service");
            }
            requireUriReference(source);
            Durations.requirePositive("deliveryTimeout", deliveryTimeout);
            Durations.requirePositive("retryBackoff", retryBackoff);
            Durations.requirePositive("retryBackoffMax", retryBackoffMax);
            Durations.requirePositive("maxBlock", maxBlock);
            Objects.requireNonNull(linger, "linger");
            if (linger.isNegative()) {
                throw new IllegalArgumentException("linger must be >= 0, was " + linger);
            }
            if (retryBackoffMax.compareTo(retryBackoff) < 0) {
                throw new IllegalArgumentException("retryBackoffMax (" + retryBackoffMax
                        + ") must be >= retryBackoff (" + retryBackoff + ")");
            }
            Duration request = requestTimeout;
            if (request == null) {
                if (deliveryTimeout.compareTo(linger) <= 0) {
                    throw new IllegalArgumentException("deliveryTimeout must be longer than linger (" + linger
                            + "), was " + deliveryTimeout);
                }
                request = DEFAULT_REQUEST_TIMEOUT.plus(linger).compareTo(deliveryTimeout) > 0
                        ? deliveryTimeout.minus(linger) : DEFAULT_REQUEST_TIMEOUT;
            }
            Durations.requirePositive("requestTimeout", request);
            if (deliveryTimeout.compareTo(request.plus(linger)) < 0) {
                throw new IllegalArgumentException("deliveryTimeout (" + deliveryTimeout
                        + ") must be >= requestTimeout + linger (" + request.plus(linger) + ")");
            }
            if (batchSize < 0) {
                throw new IllegalArgumentException("batchSize must be >= 0, was " + batchSize);
            }
            if (maxEventBytes < 1) {
                throw new IllegalArgumentException("maxEventBytes must be >= 1, was " + maxEventBytes);
            }
            if (transactionalId != null && transactionalId.isBlank()) {
                throw new IllegalArgumentException("transactionalId must not be blank");
            }
            for (String fixed : FIXED_KAFKA_SETTINGS) {
                if (kafkaOverrides.containsKey(fixed)) {
                    throw new IllegalArgumentException(fixed + " cannot be overridden: FinFlow producers always use"
                            + " acks=all with idempotence");
                }
            }
            return new ProducerOptions(this, catalog != null ? catalog : TopicCatalog.fromClasspathForEnvironment(),
                    schemas != null ? schemas : SchemaRegistry.fromClasspath(), request);
        }

        /** CloudEvents requires {@code ce_source} to be a URI-reference: a path such as /finflow/payments, or a URI. */
        private static void requireUriReference(String source) {
            try {
                new URI(source);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("source must be a URI reference such as /finflow/accounting-service"
                        + " (the CloudEvents ce_source), was '" + source + "': " + e.getReason());
            }
        }
    }
}
