package io.finflow.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import io.finflow.kafka.catalog.TopicSpec;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.consumer.ConsumerOptions;
import io.finflow.kafka.consumer.ConsumerStats;
import io.finflow.kafka.consumer.EventHandler;
import io.finflow.kafka.consumer.OrderingMode;
import io.finflow.kafka.event.EventTypes;
import io.finflow.kafka.event.FinFlowEvent;
import io.finflow.kafka.internal.ConsumerCounters;
import io.finflow.kafka.internal.DeadLetterPublisher;
import io.finflow.kafka.internal.OrderedDispatcher;
import io.finflow.kafka.internal.PollLoop;
import io.finflow.kafka.internal.RecordDecoder;
import io.finflow.kafka.internal.RecordProcessor;
import io.finflow.kafka.internal.Subscription;
import io.finflow.kafka.internal.TransactionalCommitter;
import io.finflow.kafka.metrics.ConsumerMetrics;
import io.finflow.kafka.metrics.MeterNames;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Consumes FinFlow events as a member of a consumer group, at least once, committing an offset
 * only after its record was handled.
 *
 * <pre>{@code
 * EventConsumer consumer = EventConsumer.create(ConsumerOptions.defaults(config, "accounting-service-group")
 *         .withConcurrency(8));
 * consumer.subscribe("transaction-events", TransactionEvent.class, (tx, meta) -> ledger.apply(tx))
 *         .start();
 * ...
 * consumer.close();   // finishes in-flight handlers, commits, leaves the group
 * }</pre>
 *
 * <p><b>Delivery:</b> at least once. An offset is committed only when the handler returned normally
 * for that record and for every earlier record of its partition, or when the record was written
 * to the dead letter topic. After a crash, a restart resumes from the last committed position;
 * duplicates are bounded by the records in flight, and {@code metadata.eventId()} ({@code ce_id})
 * lets a handler drop them.
 *
 * <p><b>Failures:</b> a throwing handler is retried with exponential backoff and jitter
 * ({@link io.finflow.kafka.consumer.RetryPolicy}); the partition is paused meanwhile, so the member
 * stays in its group and other partitions keep flowing. After the last attempt, or at once for a
 * {@link io.finflow.kafka.consumer.NonRetryableException}, a record that breaks its schema or bytes
 * that are not JSON, the record goes to {@code <topic>.dlq} with {@code dlq.*} headers and the
 * partition moves on. If that write fails, the partition stops there, uncommitted: nothing is lost.
 *
 * <p><b>Order:</b> with one worker (the default) each partition is processed in offset order. With
 * {@code withConcurrency(n)} records of one key are still processed one at a time in offset order,
 * while different keys run in parallel ({@link io.finflow.kafka.consumer.OrderingMode}).
 *
 * <p><b>Rebalances:</b> the KIP-848 consumer group protocol by default; before a partition moves to
 * another member, its in-flight handlers finish (bounded by {@code revokeTimeout}) and its offset is
 * committed.
 *
 * <p><b>Metrics:</b> with {@link ConsumerOptions#withMeterRegistry} the consumer registers, when it starts,
 * Kafka's consumer metrics and {@code finflow.consumer.*}: records by topic and outcome, handler duration,
 * validation failures, dead letter writes, paused and stopped partitions, and its state (running, failed,
 * stopped). A consumer stopped by a failure keeps its meters, state {@code failed}, until {@link #close()},
 * which removes them (docs/metrics.md).
 *
 * <p><b>Threading:</b> one thread polls; handlers run on {@code concurrency} worker threads. Subscribe
 * before {@link #start()}; all methods are thread-safe.
 */
public final class EventConsumer implements AutoCloseable {

    private final ConsumerOptions options;
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private final ConsumerCounters counters = new ConsumerCounters();
    private PollLoop loop;
    private ConsumerMetrics metrics = ConsumerMetrics.NONE;
    private Thread shutdownHook;
    private EventProducer transactionalProducer;

    private EventConsumer(ConsumerOptions options) {
        this.options = options;
    }

    /**
     * A consumer for a group with the default options, reaching Kafka at {@code $FINFLOW_BOOTSTRAP}
     * (else 127.0.0.1:9092).
     */
    public EventConsumer(String groupId) {
        this(ConsumerOptions.defaults(ClientConfig.fromEnvironment(), groupId));
    }

    /** A consumer with the given options. Nothing connects before {@link #start()}. */
    public static EventConsumer create(ConsumerOptions options) {
        return new EventConsumer(options);
    }

    /** The options this consumer runs with. */
    public ConsumerOptions options() {
        return options;
    }

    /**
     * Handles a catalog topic's events as their Java type.
     *
     * @throws IllegalArgumentException the topic is not in the catalog or carries another event type
     * @throws IllegalStateException    already started, or the topic is already subscribed
     */
    @SuppressWarnings("unchecked")
    public synchronized <E extends FinFlowEvent> EventConsumer subscribe(String topic, Class<E> type,
                                                                         EventHandler<? super E> handler) {
        TopicSpec spec = options.catalog().require(topic);
        Objects.requireNonNull(type, "event type of " + topic);
        Class<? extends FinFlowEvent> expected = EventTypes.classOf(spec.eventType());
        if (!expected.equals(type)) {
            throw new IllegalArgumentException(topic + " carries " + expected.getSimpleName() + " events, not "
                    + type.getSimpleName());
        }
        return add(new Subscription(spec, type, (EventHandler<Object>) (EventHandler<?>) handler));
    }

    /** Handles a catalog topic's events as the Java type the catalog gives for it. */
    @SuppressWarnings("unchecked")
    public synchronized EventConsumer subscribe(String topic, EventHandler<? super FinFlowEvent> handler) {
        TopicSpec spec = options.catalog().require(topic);
        return add(new Subscription(spec, EventTypes.classOf(spec.eventType()),
                (EventHandler<Object>) (EventHandler<?>) handler));
    }

    /** Handles a catalog topic's events as JSON trees (validated against their schema all the same). */
    @SuppressWarnings("unchecked")
    public synchronized EventConsumer subscribeJson(String topic, EventHandler<JsonNode> handler) {
        TopicSpec spec = options.catalog().require(topic);
        return add(new Subscription(spec, JsonNode.class, (EventHandler<Object>) (EventHandler<?>) handler));
    }

    /**
     * Exactly-once consume-transform-produce: each record is processed inside a transaction of
     * {@code producer} (created with a transactional id), and its offset commits in the same
     * transaction, so the events the handler sends with that producer and the consumed position
     * become visible together or not at all (to {@code read_committed} readers). Records are
     * processed one at a time per consumer (concurrency 1), each partition strictly in offset order
     * (a transaction commits "this offset + 1", which must never move back). The producer stays
     * owned by the caller.
     *
     * @throws IllegalArgumentException the producer is not transactional
     * @throws IllegalStateException    already started
     */
    public synchronized EventConsumer exactlyOnce(EventProducer producer) {
        if (loop != null) {
            throw new IllegalStateException("call exactlyOnce before start()");
        }
        if (!producer.isTransactional()) {
            throw new IllegalArgumentException("exactly-once needs a transactional producer:"
                    + " create it with ProducerOptions.withTransactionalId");
        }
        if (options.concurrency() != 1) {
            throw new IllegalStateException("exactly-once processes one record at a time: concurrency must be 1, was "
                    + options.concurrency());
        }
        this.transactionalProducer = producer;
        return this;
    }

    private EventConsumer add(Subscription subscription) {
        // A null handler would fail on every record and dead-letter healthy events: refuse it here.
        Objects.requireNonNull(subscription.handler(), "handler of " + subscription.spec().name());
        if (loop != null) {
            throw new IllegalStateException("subscribe before start(): the consumer of group "
                    + options.groupId() + " is already running");
        }
        String topic = subscription.spec().name();
        if (subscriptions.containsKey(topic)) {
            throw new IllegalStateException(topic + " is already subscribed by this consumer");
        }
        subscriptions.put(topic, subscription);
        return this;
    }

    /**
     * Joins the group and starts consuming on a background thread. Returns at once.
     *
     * @throws IllegalStateException when nothing is subscribed or the consumer was started before
     */
    public synchronized EventConsumer start() {
        if (loop != null) {
            throw new IllegalStateException("the consumer of group " + options.groupId() + " was already started");
        }
        if (subscriptions.isEmpty()) {
            throw new IllegalStateException("subscribe to at least one topic before start()");
        }
        String group = options.groupId();
        ExecutorService workers = Executors.newFixedThreadPool(options.concurrency(),
                threads("finflow-worker-" + group, true));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                threads("finflow-retry-" + group, true));
        Map<String, Object> props = options.toKafkaProperties();
        DeadLetterPublisher deadLetters = DeadLetterPublisher.create(props, group, options.deadLetterMaxBlock());
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        ConsumerMetrics consumerMetrics = ConsumerMetrics.bind(options.meterRegistry(), consumer, group,
                subscriptions.values().stream().map(Subscription::spec).toList(), counters, this::metricsState,
                () -> stoppedPartitions().size());
        metrics = consumerMetrics;
        AtomicReference<ConsumerGroupMetadata> groupMetadata = new AtomicReference<>();
        TransactionalCommitter transactions = transactionalProducer == null ? null
                : new TransactionalCommitter(transactionalProducer, groupMetadata::get);
        RecordProcessor processor = new RecordProcessor(new RecordDecoder(options.schemas()), options.retry(),
                deadLetters, workers, scheduler, counters, transactions);
        // In exactly-once mode each transaction commits "offset + 1" of its record, which is only right
        // when every earlier record of the partition is done: records of a partition run strictly in order.
        ConsumerOptions loopOptions = transactions == null ? options : options.withOrdering(OrderingMode.PARTITION);
        loop = new PollLoop(consumer, loopOptions, consumerMetrics.timed(subscriptions),
                new OrderedDispatcher(workers), processor,
                workers, scheduler, counters, groupMetadata, transactions == null);
        Thread thread = new Thread(() -> {
            try {
                loop.run();
            } finally {
                deadLetters.close();
                consumerMetrics.closeClientMetrics();
            }
        }, "finflow-consumer-" + group);
        thread.start();
        if (options.shutdownHook()) {
            shutdownHook = new Thread(() -> close(options.shutdownTimeout()), "finflow-shutdown-" + group);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        return this;
    }

    /** True between {@link #start()} and the end of {@link #close()} or a fatal error. */
    public synchronized boolean isRunning() {
        return loop != null && !loop.isTerminated();
    }

    /** The error that stopped the consumer (e.g. authorization), if any. */
    public synchronized Optional<Throwable> failure() {
        return loop == null ? Optional.empty() : Optional.ofNullable(loop.failure());
    }

    /** Partitions stopped because a dead letter write failed, with a reason naming the record. */
    public synchronized Map<TopicPartition, String> stoppedPartitions() {
        return loop == null ? Map.of() : loop.stoppedPartitions();
    }

    /** Partitions assigned to this member right now. */
    public synchronized Set<TopicPartition> assignment() {
        return loop == null ? Set.of() : loop.assignment();
    }

    /** The state the {@code finflow.consumer.state} gauge shows; one of {@link MeterNames#CONSUMER_STATES}. */
    private String metricsState() {
        if (failure().isPresent()) {
            return MeterNames.STATE_FAILED;
        }
        return isRunning() ? MeterNames.RUNNING : MeterNames.STOPPED;
    }

    /** Counters since start. */
    public ConsumerStats stats() {
        return counters.snapshot();
    }

    /** Closes with the options' {@code shutdownTimeout}. */
    @Override
    public void close() {
        close(options.shutdownTimeout());
    }

    /**
     * Graceful shutdown: stops fetching, lets in-flight handlers finish (at most {@code timeout}),
     * commits what finished, leaves the group. Records not finished in time are not committed, so
     * they are redelivered, never lost. Idempotent; blocks until done.
     */
    public void close(Duration timeout) {
        PollLoop current;
        ConsumerMetrics currentMetrics;
        synchronized (this) {
            current = loop;
            currentMetrics = metrics;
            if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException e) {
                    // The JVM is already shutting down; the hook is running this close.
                }
                shutdownHook = null;
            }
        }
        if (current == null) {
            return;
        }
        current.requestClose(timeout);
        try {
            current.awaitTermination(timeout.plus(Duration.ofSeconds(30)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            currentMetrics.close();
        }
    }

    private static ThreadFactory threads(String prefix, boolean daemon) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(daemon);
            return t;
        };
    }

}
