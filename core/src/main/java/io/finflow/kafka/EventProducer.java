package io.finflow.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.FinFlowEvent;
import io.finflow.kafka.internal.metrics.ProducerMetrics;
import io.finflow.kafka.producer.DeliveryException;
import io.finflow.kafka.producer.DeliveryTimeoutException;
import io.finflow.kafka.producer.EncodedEvent;
import io.finflow.kafka.producer.EventEncoder;
import io.finflow.kafka.producer.ProducerOptions;
import io.finflow.kafka.producer.SendResult;
import io.finflow.kafka.producer.TransactionSendException;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends FinFlow events to Kafka: validated against their schema, keyed by the catalog's key field,
 * with CloudEvents headers, idempotent and acknowledged by every in-sync replica.
 *
 * <pre>{@code
 * try (EventProducer producer = EventProducer.create(
 *         ProducerOptions.defaults(ClientConfig.of("127.0.0.1:9092"), "/finflow/payments"))) {
 *     producer.send("transaction-events", TransactionEvent.debit("acc-1", new BigDecimal("100.50"), "EUR"))
 *             .thenAccept(r -> log.info("stored at {}-{}@{}", r.topic(), r.partition(), r.offset()));
 * }
 * }</pre>
 *
 * <p><b>One error channel:</b> {@code send} never throws; every failure completes the returned
 * future exceptionally: {@link io.finflow.kafka.catalog.UnknownTopicException},
 * {@link io.finflow.kafka.schema.SchemaValidationException} (every violation with its JSON pointer),
 * {@link io.finflow.kafka.producer.InvalidEventException} (nothing was sent in these three cases),
 * {@link DeliveryTimeoutException} and {@link DeliveryException} (Kafka did not acknowledge).
 *
 * <p><b>Ordering:</b> events with the same key go to the same partition and keep their send order,
 * retries included (idempotence with at most 5 requests in flight).
 *
 * <p><b>Threading:</b> thread-safe; share one instance per service. Futures complete on Kafka's I/O
 * thread: do not block in their callbacks, hand long work to your own executor.
 *
 * <p><b>Close:</b> {@link #close(Duration)} sends what was accepted; an event that cannot be sent in
 * time has its future failed, never silently dropped.
 *
 * <p><b>Metrics:</b> with {@link ProducerOptions.Builder#meterRegistry} the producer registers Kafka's producer
 * metrics and {@code finflow.producer.events} (by topic and outcome: acknowledged, refused, failed) and
 * {@code finflow.producer.validation.failures}; {@link #close()} removes them (docs/metrics.md).
 */
public final class EventProducer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventProducer.class);

    /** Time {@link #close()} waits for outstanding events. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final ProducerOptions options;
    private final Producer<String, byte[]> producer;
    private final EventEncoder encoder;
    private final ProducerMetrics metrics;
    private volatile boolean closed;
    private final Object transactionLock = new Object();
    /** Futures of the sends made while a transaction is open; null outside a transaction. */
    private List<CompletableFuture<SendResult>> transactionSends;

    EventProducer(ProducerOptions options, Producer<String, byte[]> producer) {
        this.options = options;
        this.producer = producer;
        this.encoder = new EventEncoder(options.catalog(), options.schemas(), options.source(),
                options.maxEventBytes());
        this.metrics = ProducerMetrics.bind(options.meterRegistry(), producer, options.catalog());
    }

    /**
     * Creates a producer. It does not connect yet: the first send does. With a transactional id the
     * producer registers it with the cluster now (and fences older instances with the same id).
     */
    public static EventProducer create(ProducerOptions options) {
        KafkaProducer<String, byte[]> kafka = new KafkaProducer<>(options.toKafkaProperties(),
                new StringSerializer(), new ByteArraySerializer());
        if (options.transactionalId() != null) {
            try {
                kafka.initTransactions();
            } catch (RuntimeException e) {
                kafka.close(Duration.ZERO);
                throw e;
            }
        }
        return new EventProducer(options, kafka);
    }

    /** The options this producer runs with. */
    public ProducerOptions options() {
        return options;
    }

    /** Sends a typed event to a catalog topic. See the class documentation for the guarantees. */
    public CompletableFuture<SendResult> send(String topic, FinFlowEvent event) {
        return send(topic, event, Map.of());
    }

    /**
     * Sends a typed event with extra headers (e.g. {@code traceparent}); {@code ce_*},
     * {@code content-type} and {@code dlq.*} are reserved.
     */
    public CompletableFuture<SendResult> send(String topic, FinFlowEvent event, Map<String, String> headers) {
        try {
            return track(write(encoder.encode(topic, event, headers)));
        } catch (RuntimeException e) {
            return track(refused(topic, e));
        }
    }

    /** Sends an untyped event (a JSON object), validated exactly like a typed one. */
    public CompletableFuture<SendResult> sendJson(String topic, JsonNode event) {
        return sendJson(topic, event, Map.of());
    }

    /** Sends an untyped event with extra headers. */
    public CompletableFuture<SendResult> sendJson(String topic, JsonNode event, Map<String, String> headers) {
        try {
            return track(write(encoder.encode(topic, event, headers)));
        } catch (RuntimeException e) {
            return track(refused(topic, e));
        }
    }

    /** Sends an untyped event given as a map (e.g. parsed from another format). */
    public CompletableFuture<SendResult> sendJson(String topic, Map<String, ?> event) {
        JsonNode json;
        try {
            json = event == null ? null : EventJson.mapper().valueToTree(event);
        } catch (RuntimeException e) {
            return track(refused(topic, e));
        }
        return sendJson(topic, json, Map.of());
    }

    /**
     * Sends an event that an {@link EventEncoder} validated and encoded (only an encoder makes
     * {@link EncodedEvent}s, and they cannot be changed), e.g. a batch checked as a whole before any
     * of it is sent. The event should be encoded with this producer's catalog and schemas.
     */
    public CompletableFuture<SendResult> send(EncodedEvent event) {
        try {
            return track(write(event));
        } catch (RuntimeException e) {
            return track(CompletableFuture.failedFuture(e));
        }
    }

    /** Sends and, inside a transaction, remembers the send so that a failure aborts the transaction. */
    private CompletableFuture<SendResult> track(CompletableFuture<SendResult> send) {
        synchronized (transactionLock) {
            if (transactionSends != null) {
                transactionSends.add(send);
            }
        }
        return send;
    }

    /** An event refused before sending: counted, and its failure returned. */
    private CompletableFuture<SendResult> refused(String topic, RuntimeException e) {
        metrics.refused(topic, e);
        return CompletableFuture.failedFuture(e);
    }

    private CompletableFuture<SendResult> write(EncodedEvent event) {
        if (closed) {
            metrics.failed(event.topic());
            return CompletableFuture.failedFuture(new IllegalStateException("the producer is closed"));
        }
        CompletableFuture<SendResult> result = new CompletableFuture<>();
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(event.topic(), null, null, event.key(), event.value(), event.headers());
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    metrics.failed(event.topic());
                    result.completeExceptionally(deliveryFailure(event, error));
                } else {
                    metrics.acknowledged(event.topic());
                    result.complete(new SendResult(metadata.topic(), metadata.partition(), metadata.offset(),
                            Instant.ofEpochMilli(metadata.timestamp()), event.eventId()));
                }
            });
        } catch (RuntimeException e) {
            metrics.failed(event.topic());
            result.completeExceptionally(deliveryFailure(event, e));
        }
        return result;
    }

    private Exception deliveryFailure(EncodedEvent event, Exception error) {
        if (error instanceof TimeoutException) {
            // Kafka retries NOT_ENOUGH_REPLICAS until the deadline and then reports only the timeout: a reachable
            // cluster with too few in-sync replicas looks like an unreachable one unless the message says so.
            return new DeliveryTimeoutException("event " + event.eventId() + " to " + event.topic()
                    + " was not acknowledged within the deadline (deliveryTimeout " + options.deliveryTimeout().toSeconds()
                    + " s, maxBlock " + options.maxBlock().toSeconds() + " s): " + error.getMessage()
                    + "; are the brokers at " + options.clientConfig().bootstrapServers() + " reachable? If they are,"
                    + " the partition has no leader or fewer in-sync replicas than its min.insync.replicas"
                    + " (NOT_ENOUGH_REPLICAS: with acks=all each event needs that many copies; Kafka's producer logs"
                    + " the error of every retry at WARN)", event.topic(), event.eventId(), error);
        }
        if (error instanceof IllegalStateException) {
            return error;
        }
        return new DeliveryException("event " + event.eventId() + " to " + event.topic() + " failed: "
                + error.getMessage(), event.topic(), event.eventId(), error);
    }

    /** Blocks until every event sent so far is acknowledged or failed. */
    public void flush() {
        producer.flush();
    }

    /** True when created with a transactional id. */
    public boolean isTransactional() {
        return options.transactionalId() != null;
    }

    /**
     * Starts a transaction; only in transactional mode. Every send until the transaction ends belongs
     * to it, and {@link #commitTransaction()} commits it only if all of them succeeded.
     */
    public void beginTransaction() {
        requireTransactional();
        producer.beginTransaction();
        synchronized (transactionLock) {
            transactionSends = new ArrayList<>();
        }
    }

    /**
     * Adds consumed offsets to the current transaction, so they commit atomically with the events
     * sent in it (exactly-once consume-transform-produce).
     */
    public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        requireTransactional();
        producer.sendOffsetsToTransaction(offsets, group);
    }

    /**
     * Commits the current transaction: its events become visible to read_committed consumers, together.
     * First waits until every send made in the transaction completed; when one of them failed (refused
     * by validation, or not acknowledged by Kafka, whether or not its future was looked at), the
     * transaction is aborted instead, and a {@link TransactionSendException} naming the failure is
     * thrown: a transaction never commits with part of its output missing.
     *
     * <p>Kafka's own errors pass through: on {@link org.apache.kafka.common.errors.ProducerFencedException}
     * (another instance took over the transactional id) the producer can only be closed; on a
     * {@link TimeoutException} the commit may be called again.
     *
     * @throws TransactionSendException a send failed; the transaction was aborted
     */
    public void commitTransaction() {
        requireTransactional();
        List<CompletableFuture<SendResult>> sends;
        synchronized (transactionLock) {
            sends = transactionSends == null ? List.of() : List.copyOf(transactionSends);
        }
        if (!sends.isEmpty()) {
            producer.flush(); // every send is now acknowledged or failed
            List<Throwable> failures = failures(sends);
            if (!failures.isEmpty()) {
                abortTransaction();
                Throwable first = failures.get(0);
                throw new TransactionSendException("transaction aborted: " + failures.size() + " of " + sends.size()
                        + " send(s) in it failed, first: " + first.getMessage(), failures.size(), first);
            }
        }
        producer.commitTransaction();
        synchronized (transactionLock) {
            transactionSends = null;
        }
    }

    private List<Throwable> failures(List<CompletableFuture<SendResult>> sends) {
        List<Throwable> failures = new ArrayList<>();
        for (CompletableFuture<SendResult> send : sends) {
            try {
                send.get(options.deliveryTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                failures.add(e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                failures.add(new DeliveryTimeoutException("a send of the transaction was not completed within "
                        + options.deliveryTimeout().toSeconds() + " s", null, null, e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new org.apache.kafka.common.errors.InterruptException(e);
            }
        }
        return failures;
    }

    /** Aborts the current transaction: its events are never visible to read_committed consumers. */
    public void abortTransaction() {
        requireTransactional();
        synchronized (transactionLock) {
            transactionSends = null;
        }
        producer.abortTransaction();
    }

    private void requireTransactional() {
        if (!isTransactional()) {
            throw new IllegalStateException("this producer is not transactional: set"
                    + " ProducerOptions.Builder.transactionalId");
        }
    }

    /** Closes with {@link #DEFAULT_CLOSE_TIMEOUT}. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    /**
     * Stops accepting events, sends what was accepted and releases the connection. Events still
     * unsent after the timeout have their futures failed. Idempotent.
     */
    public void close(Duration timeout) {
        if (closed) {
            return;
        }
        closed = true;
        log.debug("closing producer, waiting up to {}", timeout);
        try {
            producer.close(timeout);
        } finally {
            metrics.close();
        }
    }
}
