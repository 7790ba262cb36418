package io.finflow.kafka.producer;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.schema.SchemaRegistry;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Options of an {@link io.finflow.kafka.EventProducer}. Immutable; every {@code withX} returns a copy.
 *
 * <p>The defaults favour durability first, then throughput:
 * <ul>
 *   <li>{@code acks=all} and idempotence are always on: an acknowledged event is on every in-sync
 *       replica, and a retried batch is never written twice. They cannot be turned off here.</li>
 *   <li>Retries are unlimited within {@link #deliveryTimeout()}: Kafka retries with exponential
 *       backoff from {@link #retryBackoff()} up to {@link #retryBackoffMax()}, with 20% random jitter
 *       (KIP-580), so a leader election or a broker restart is ridden out without a storm of requests.
 *       When the deadline passes the send's future fails with a
 *       {@link DeliveryTimeoutException}.</li>
 *   <li>Batching: {@link #linger()} 5 ms and {@link #batchSize()} 64 KiB: a few milliseconds of
 *       latency buy large batches under load (Kafka's own default linger is 5 ms since 4.0).</li>
 *   <li>Compression {@code lz4}: measured in docs/benchmarks.md on FinFlow transaction JSON, it stores
 *       28% of the raw size for about 1 &micro;s per record and decompresses fastest (every consumer pays
 *       that); {@code zstd} stores 42% fewer bytes than lz4 for about 1-3 &micro;s more per record, worth
 *       it where bytes are kept long ({@link #withCompression}); gzip is 10x slower for no gain.</li>
 *   <li>Broker unreachable at start-up: the producer starts without a connection; a send waits at
 *       most {@link #maxBlock()} for the topic's metadata (or for buffer space), then its future
 *       fails with a {@link DeliveryTimeoutException}. Sends made once the broker is back succeed: no
 *       restart is needed.</li>
 * </ul>
 *
 * @param clientConfig      how to reach the cluster (bootstrap, security)
 * @param source            CloudEvents {@code ce_source} of every event: the producing service, e.g.
 *                          {@code /finflow/accounting-service}; a URI reference (no spaces)
 * @param catalog           topic catalog: which topics exist, their event type and key field
 * @param schemas           schemas to validate events against before sending
 * @param deliveryTimeout   upper bound from send to acknowledgement, retries included
 * @param requestTimeout    how long one produce request may wait for the broker
 * @param retryBackoff      first backoff between retries
 * @param retryBackoffMax   largest backoff between retries
 * @param maxBlock          how long {@code send} may block for metadata or buffer space
 * @param linger            time a batch waits for more records
 * @param batchSize         bytes per partition batch
 * @param compression       {@code none}, {@code gzip}, {@code snappy}, {@code lz4} or {@code zstd}
 * @param maxEventBytes     largest serialized event accepted; larger ones are refused before sending
 * @param transactionalId   enables Kafka transactions (exactly-once consume-transform-produce) when not null
 * @param kafkaOverrides    any other Kafka producer property, applied last (acks and idempotence excepted)
 * @param meterRegistry     where the producer registers its metrics (Kafka's producer metrics and FinFlow's
 *                          {@code finflow.producer.*}, see docs/metrics.md); {@code null}, the default, for none.
 *                          The producer removes its meters on close; the registry stays the caller's
 */
public record ProducerOptions(
        ClientConfig clientConfig,
        String source,
        TopicCatalog catalog,
        SchemaRegistry schemas,
        Duration deliveryTimeout,
        Duration requestTimeout,
        Duration retryBackoff,
        Duration retryBackoffMax,
        Duration maxBlock,
        Duration linger,
        int batchSize,
        String compression,
        int maxEventBytes,
        String transactionalId,
        Map<String, Object> kafkaOverrides,
        MeterRegistry meterRegistry) {

    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(100);
    public static final Duration DEFAULT_RETRY_BACKOFF_MAX = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_BLOCK = Duration.ofSeconds(10);
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(5);
    public static final int DEFAULT_BATCH_SIZE = 64 * 1024;
    public static final String DEFAULT_COMPRESSION = "lz4";
    /** Just under the broker's default {@code message.max.bytes} (1 MiB), leaving room for headers. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 1_000_000;
    /** No metrics unless a registry is given ({@link #withMeterRegistry}). */
    public static final MeterRegistry DEFAULT_METER_REGISTRY = null;

    public ProducerOptions {
        Objects.requireNonNull(clientConfig, "clientConfig");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(schemas, "schemas");
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("source must name the producing service, e.g. /finflow/accounting-service");
        }
        requireUriReference(source);
        requirePositive("deliveryTimeout", deliveryTimeout);
        requirePositive("requestTimeout", requestTimeout);
        requirePositive("retryBackoff", retryBackoff);
        requirePositive("retryBackoffMax", retryBackoffMax);
        requirePositive("maxBlock", maxBlock);
        Objects.requireNonNull(linger, "linger");
        if (linger.isNegative()) {
            throw new IllegalArgumentException("linger must be >= 0, was " + linger);
        }
        if (retryBackoffMax.compareTo(retryBackoff) < 0) {
            throw new IllegalArgumentException("retryBackoffMax (" + retryBackoffMax
                    + ") must be >= retryBackoff (" + retryBackoff + ")");
        }
        if (deliveryTimeout.compareTo(requestTimeout.plus(linger)) < 0) {
            throw new IllegalArgumentException("deliveryTimeout (" + deliveryTimeout
                    + ") must be >= requestTimeout + linger (" + requestTimeout.plus(linger) + ")");
        }
        if (batchSize < 0) {
            throw new IllegalArgumentException("batchSize must be >= 0, was " + batchSize);
        }
        if (!java.util.Set.of("none", "gzip", "snappy", "lz4", "zstd").contains(compression)) {
            throw new IllegalArgumentException("compression must be none, gzip, snappy, lz4 or zstd, was '"
                    + compression + "'");
        }
        if (maxEventBytes < 1) {
            throw new IllegalArgumentException("maxEventBytes must be >= 1, was " + maxEventBytes);
        }
        if (transactionalId != null && transactionalId.isBlank()) {
            throw new IllegalArgumentException("transactionalId must not be blank");
        }
        kafkaOverrides = kafkaOverrides == null ? Map.of() : Map.copyOf(kafkaOverrides);
        for (String fixed : java.util.List.of("acks", "enable.idempotence")) {
            if (kafkaOverrides.containsKey(fixed)) {
                throw new IllegalArgumentException(fixed + " cannot be overridden: FinFlow producers always use"
                        + " acks=all with idempotence");
            }
        }
    }

    /**
     * Defaults for a service: the bundled catalog (profile {@code dev} unless {@code FINFLOW_PROFILE}
     * says otherwise) and schemas.
     */
    public static ProducerOptions defaults(ClientConfig clientConfig, String source) {
        String profile = System.getenv().getOrDefault("FINFLOW_PROFILE", TopicCatalog.DEFAULT_PROFILE);
        return new ProducerOptions(clientConfig, source, TopicCatalog.fromClasspath(profile),
                SchemaRegistry.fromClasspath(), DEFAULT_DELIVERY_TIMEOUT, DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_RETRY_BACKOFF, DEFAULT_RETRY_BACKOFF_MAX, DEFAULT_MAX_BLOCK, DEFAULT_LINGER,
                DEFAULT_BATCH_SIZE, DEFAULT_COMPRESSION, DEFAULT_MAX_EVENT_BYTES, null, Map.of(),
                DEFAULT_METER_REGISTRY);
    }

    public ProducerOptions withCatalog(TopicCatalog newCatalog) {
        return new ProducerOptions(clientConfig, source, newCatalog, schemas, deliveryTimeout, requestTimeout,
                retryBackoff, retryBackoffMax, maxBlock, linger, batchSize, compression, maxEventBytes,
                transactionalId, kafkaOverrides, meterRegistry);
    }

    public ProducerOptions withSchemas(SchemaRegistry newSchemas) {
        return new ProducerOptions(clientConfig, source, catalog, newSchemas, deliveryTimeout, requestTimeout,
                retryBackoff, retryBackoffMax, maxBlock, linger, batchSize, compression, maxEventBytes,
                transactionalId, kafkaOverrides, meterRegistry);
    }

    /** Sets the delivery deadline; the request timeout shrinks with it when needed. */
    public ProducerOptions withDeliveryTimeout(Duration newTimeout) {
        requirePositive("deliveryTimeout", newTimeout);
        if (newTimeout.compareTo(linger) <= 0) {
            throw new IllegalArgumentException("deliveryTimeout must be longer than linger (" + linger + "), was "
                    + newTimeout);
        }
        Duration request = requestTimeout.plus(linger).compareTo(newTimeout) > 0
                ? newTimeout.minus(linger) : requestTimeout;
        return new ProducerOptions(clientConfig, source, catalog, schemas, newTimeout, request,
                retryBackoff, retryBackoffMax, maxBlock, linger, batchSize, compression, maxEventBytes,
                transactionalId, kafkaOverrides, meterRegistry);
    }

    public ProducerOptions withMaxBlock(Duration newMaxBlock) {
        return new ProducerOptions(clientConfig, source, catalog, schemas, deliveryTimeout, requestTimeout,
                retryBackoff, retryBackoffMax, newMaxBlock, linger, batchSize, compression, maxEventBytes,
                transactionalId, kafkaOverrides, meterRegistry);
    }

    public ProducerOptions withRetryBackoff(Duration first, Duration max) {
        return new ProducerOptions(clientConfig, source, catalog, schemas, deliveryTimeout, requestTimeout,
                first, max, maxBlock, linger, batchSize, compression, maxEventBytes,
                transactionalId, kafkaOverrides, meterRegistry);
    }

    public ProducerOptions withBatching(Duration newLinger, int newBatchSize) {
        return new ProducerOptions(clientConfig, source, catalog, schemas, deliveryTimeout, requestTimeout,
                retryBackoff, retryBackoffMax, maxBlock, newLinger, newBatchSize, compression, maxEventBytes,
                transactionalId, kafkaOverrides, meterRegistry);
    }

    public ProducerOptions withCompression(String newCompression) {
        return new ProducerOptions(clientConfig, source, catalog, schemas, deliveryTimeout, requestTimeout,
                retryBackoff, retryBackoffMax, maxBlock, linger, batchSize, newCompression, maxEventBytes,
                transactionalId, kafkaOverrides, meterRegistry);
    }

    public ProducerOptions withMaxEventBytes(int newMax) {
        return new ProducerOptions(clientConfig, source, catalog, schemas, deliveryTimeout, requestTimeout,
                retryBackoff, retryBackoffMax, maxBlock, linger, batchSize, compression, newMax,
                transactionalId, kafkaOverrides, meterRegistry);
    }

    /** Enables transactions with this id (unique per producing instance). */
    public ProducerOptions withTransactionalId(String id) {
        return new ProducerOptions(clientConfig, source, catalog, schemas, deliveryTimeout, requestTimeout,
                retryBackoff, retryBackoffMax, maxBlock, linger, batchSize, compression, maxEventBytes,
                id, kafkaOverrides, meterRegistry);
    }

    /** Adds Kafka producer properties, applied after the FinFlow defaults. */
    public ProducerOptions withKafkaOverrides(Map<String, Object> overrides) {
        Map<String, Object> merged = new java.util.HashMap<>(kafkaOverrides);
        merged.putAll(overrides);
        return new ProducerOptions(clientConfig, source, catalog, schemas, deliveryTimeout, requestTimeout,
                retryBackoff, retryBackoffMax, maxBlock, linger, batchSize, compression, maxEventBytes,
                transactionalId, merged, meterRegistry);
    }

    /**
     * Registers the producer's metrics in {@code registry} (null: none, the default). Meters carry the tags
     * {@code client.id} and {@code topic}; see docs/metrics.md.
     */
    public ProducerOptions withMeterRegistry(MeterRegistry registry) {
        return new ProducerOptions(clientConfig, source, catalog, schemas, deliveryTimeout, requestTimeout,
                retryBackoff, retryBackoffMax, maxBlock, linger, batchSize, compression, maxEventBytes,
                transactionalId, kafkaOverrides, registry);
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
        p.put("compression.type", compression);
        p.put("max.request.size", Math.max(maxEventBytes + 64 * 1024, 1_048_576));
        if (transactionalId != null) {
            p.put("transactional.id", transactionalId);
        }
        p.putAll(kafkaOverrides);
        return p;
    }

    /** CloudEvents requires {@code ce_source} to be a URI-reference: a path such as /finflow/payments, or a URI. */
    private static void requireUriReference(String source) {
        try {
            new java.net.URI(source);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("source must be a URI reference such as /finflow/accounting-service"
                    + " (the CloudEvents ce_source), was '" + source + "': " + e.getReason());
        }
    }

    private static void requirePositive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
