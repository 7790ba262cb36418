package io.finflow.kafka;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
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
import io.finflow.kafka.consumer.ConsumerState;
import io.finflow.kafka.consumer.ConsumerStats;
import io.finflow.kafka.consumer.EventHandler;
import io.finflow.kafka.consumer.FailureListener;
import io.finflow.kafka.consumer.OrderingMode;
import io.finflow.kafka.consumer.PartitionListener;
import io.finflow.kafka.consumer.TombstoneHandler;
import io.finflow.kafka.event.EventTypes;
import io.finflow.kafka.event.FinFlowEvent;
import io.finflow.kafka.internal.ConsumerCounters;
import io.finflow.kafka.internal.ConsumerFactory;
import io.finflow.kafka.internal.ConsumerLifecycle;
import io.finflow.kafka.internal.DeadLetterPublisher;
import io.finflow.kafka.internal.OrderedDispatcher;
import io.finflow.kafka.internal.PollLoop;
import io.finflow.kafka.internal.RecordDecoder;
import io.finflow.kafka.internal.RecordProcessor;
import io.finflow.kafka.internal.Subscription;
import io.finflow.kafka.internal.TransactionalCommitter;
import io.finflow.kafka.internal.metrics.ConsumerMetrics;
import io.finflow.kafka.metrics.MeterNames;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Consumes FinFlow events as a member of a consumer group, at least once, committing an offset
 * only after its record was handled.
 *
 * <pre>{@code
 * EventConsumer consumer = EventConsumer.create(ConsumerOptions.builder(config, "accounting-service-group")
 *         .concurrency(8)
 *         .build());
 * consumer.subscribe("transaction-events", TransactionEvent.class, (tx, meta) -> ledger.apply(tx))
 *         .onFailure(cause -> System.exit(1))   // a fatal failure stopped the consumer
 *         .start();
 * ...
 * consumer.close();   // finishes in-flight handlers, commits, leaves the group
 * }</pre>
 *
 * <p><b>Delivery:</b> at least once. An offset is committed only when the handler returned normally
 * for that record and for every earlier record of its partition, or when the record was written
 * to the dead letter topic, and a commit counts only once the broker confirmed it (a failed commit
 * is sent again). When a partition has nothing unfinished its position is committed, which is past
 * the markers of transactional producers, so the lag reaches 0. After a crash, a restart resumes from
 * the last committed position; duplicates are bounded by the records in flight, and
 * {@code metadata.eventId()} ({@code ce_id}) lets a handler drop them.
 *
 * <p><b>Failures:</b> a throwing handler is retried with exponential backoff and jitter for up to
 * 5 minutes by default ({@link io.finflow.kafka.consumer.RetryPolicy}); the partition is paused
 * meanwhile, so the member stays in its group and other partitions keep flowing. After that, or at
 * once for a {@link io.finflow.kafka.consumer.NonRetryableException}, a record that breaks its schema or
 * bytes that are not JSON, the record goes to {@code <topic>.dlq} with {@code dlq.*} headers and the
 * partition moves on. A failed dead letter write is retried the same way while the partition waits
 * at the record ({@link #stoppedPartitions()} says why); if it keeps failing, the consumer stops.
 * Tombstones of a compacted topic are deletions ({@link #onTombstone}), never dead letters.
 *
 * <p><b>Lifecycle:</b> {@link #state()} moves only forward, {@code CREATED -> RUNNING -> CLOSING -> CLOSED},
 * or to {@code FAILED} ({@link ConsumerState}). Subscribe and register listeners while {@code CREATED};
 * {@link #start()} makes it {@code RUNNING}; {@link #close()} drains and commits, then {@code CLOSED}. A fatal
 * failure needs no polling: {@link #onFailure} listeners are called once with the cause.
 *
 * <p><b>Fatal failures</b> stop the consumer: an {@link Error} from a handler, a fenced transactional
 * producer, a dead letter write that keeps failing, a group protocol the cluster refuses, an
 * authorization error. The record at fault stays uncommitted; other partitions' in-flight handlers
 * finish (within {@code shutdownTimeout}) and are committed; the group is left. Then {@link #state()}
 * is {@link ConsumerState#FAILED}, {@link #failure()} gives the cause, and the {@link #onFailure}
 * listeners are told once.
 *
 * <p><b>Order:</b> with one worker (the default) each partition is processed in offset order. With
 * {@code concurrency(n)} records of one key are still processed one at a time in offset order,
 * while different keys run in parallel ({@link io.finflow.kafka.consumer.OrderingMode}).
 *
 * <p><b>Rebalances:</b> the KIP-848 consumer group protocol by default, falling back to the classic
 * protocol (with one WARN) on a cluster without it. Before a partition moves to another member no new
 * handler of it starts, its running handlers finish (the rebalance waits for them as long as Kafka
 * keeps the member, {@code max.poll.interval.ms}), and its offset is committed: a record is never
 * handled by two members at once.
 *
 * <p><b>Metrics:</b> with {@link ConsumerOptions.Builder#meterRegistry} the consumer registers, when it starts,
 * Kafka's consumer metrics and {@code finflow.consumer.*}: records by topic and outcome, handler duration,
 * validation failures, dead letter writes, paused and stopped partitions, and its {@link #state()}. A consumer
 * stopped by a failure keeps its meters, state {@code failed}, until {@link #close()}, which removes them
 * (docs/metrics.md).
 *
 * <p><b>Threading:</b> one thread polls; handlers run on {@code concurrency} worker threads. Subscribe
 * before {@link #start()}; all methods are thread-safe.
 */
public final class EventConsumer implements AutoCloseable {

    private final ConsumerOptions options;
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private final ConsumerCounters counters = new ConsumerCounters();
    private final ConsumerLifecycle lifecycle = new ConsumerLifecycle();
    private ConsumerMetrics metrics = ConsumerMetrics.NONE;
    private PollLoop loop;
    private Thread shutdownHook;
    private EventProducer transactionalProducer;
    private PartitionListener partitionListener = PartitionListener.NONE;

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
        return add(new Subscription(spec, type, (EventHandler<Object>) (EventHandler<?>) handler, null));
    }

    /** Handles a catalog topic's events as the Java type the catalog gives for it. */
    @SuppressWarnings("unchecked")
    public synchronized EventConsumer subscribe(String topic, EventHandler<? super FinFlowEvent> handler) {
        TopicSpec spec = options.catalog().require(topic);
        return add(new Subscription(spec, EventTypes.classOf(spec.eventType()),
                (EventHandler<Object>) (EventHandler<?>) handler, null));
    }

    /** Handles a catalog topic's events as JSON trees (validated against their schema all the same). */
    @SuppressWarnings("unchecked")
    public synchronized EventConsumer subscribeJson(String topic, EventHandler<JsonNode> handler) {
        TopicSpec spec = options.catalog().require(topic);
        return add(new Subscription(spec, JsonNode.class, (EventHandler<Object>) (EventHandler<?>) handler, null));
    }

    /**
     * Handles the tombstones (records with a key and no value: deletions) of a subscribed compacted
     * topic, such as {@code account-balances}; {@link TombstoneHandler#SKIP} skips them. A compacted
     * topic must have one of the two before {@link #start()}: its deletions are data, never poison.
     * Tombstones follow the rules of events (commit after the handler returned, retries, DLQ, order).
     *
     * <pre>{@code
     * consumer.subscribe("account-balances", BalanceEvent.class, (balance, meta) -> cache.put(meta.key(), balance))
     *         .onTombstone("account-balances", deletion -> cache.remove(deletion.key()));
     * }</pre>
     *
     * @throws IllegalArgumentException the topic is not subscribed, or not compacted (on other topics a
     *                                  record without a value is poison and goes to the DLQ)
     * @throws IllegalStateException    already started
     */
    public synchronized EventConsumer onTombstone(String topic, TombstoneHandler handler) {
        Objects.requireNonNull(handler, "handler (TombstoneHandler.SKIP to skip tombstones)");
        if (lifecycle.state() != ConsumerState.CREATED) {
            throw new IllegalStateException("call onTombstone before start()");
        }
        Subscription sub = subscriptions.get(topic);
        if (sub == null) {
            throw new IllegalArgumentException("subscribe to " + topic + " before choosing how its tombstones are handled");
        }
        if (!sub.spec().isCompacted()) {
            throw new IllegalArgumentException(topic + " is not compacted (cleanup.policy " + sub.spec().cleanupPolicy()
                    + "): a record without a value there is poison, not a deletion");
        }
        subscriptions.put(topic, sub.withTombstones(handler));
        return this;
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
        if (lifecycle.state() != ConsumerState.CREATED) {
            throw new IllegalStateException("call exactlyOnce before start()");
        }
        if (!producer.isTransactional()) {
            throw new IllegalArgumentException("exactly-once needs a transactional producer:"
                    + " create it with ProducerOptions.Builder.transactionalId");
        }
        if (options.concurrency() != 1) {
            throw new IllegalStateException("exactly-once processes one record at a time: concurrency must be 1, was "
                    + options.concurrency());
        }
        this.transactionalProducer = producer;
        return this;
    }

    /**
     * Tells {@code listener} which partitions this member processes, for handlers that keep state
     * per partition: {@link PartitionListener#onAssigned} runs before the first record of a newly
     * assigned partition, {@link PartitionListener#onRevoked} after the handlers of a revoked or
     * lost partition finished. See {@link PartitionListener} for threading and failures.
     *
     * @throws IllegalStateException already started
     */
    public synchronized EventConsumer partitionListener(PartitionListener listener) {
        if (lifecycle.state() != ConsumerState.CREATED) {
            throw new IllegalStateException("set the partition listener before start()");
        }
        this.partitionListener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    private EventConsumer add(Subscription subscription) {
        // A null handler would fail on every record and dead-letter healthy events: refuse it here.
        Objects.requireNonNull(subscription.handler(), "handler of " + subscription.spec().name());
        if (lifecycle.state() != ConsumerState.CREATED) {
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
     * Joins the group and starts consuming on a background thread. Returns at once; a failure
     * after that (e.g. the cluster refuses the chosen group protocol) is reported through
     * {@link #state()}, {@link #failure()} and the {@link #onFailure} listeners.
     *
     * @throws IllegalStateException    when nothing is subscribed, a compacted topic has no
     *                                  {@link #onTombstone} choice, or the consumer was started before
     * @throws IllegalArgumentException when the Kafka overrides contradict the group protocol (e.g.
     *                                  {@code session.timeout.ms} under the consumer protocol); nothing
     *                                  was created, the state is FAILED
     * @throws org.apache.kafka.common.KafkaException when Kafka refuses the configuration; everything
     *                                  created so far was released, the state is FAILED
     */
    public synchronized EventConsumer start() {
        if (lifecycle.state() != ConsumerState.CREATED) {
            throw new IllegalStateException("the consumer of group " + options.groupId() + " was already started");
        }
        if (subscriptions.isEmpty()) {
            throw new IllegalStateException("subscribe to at least one topic before start()");
        }
        for (Subscription sub : subscriptions.values()) {
            if (sub.spec().isCompacted() && sub.tombstones() == null) {
                String topic = sub.spec().name();
                throw new IllegalStateException(topic + " is compacted: its tombstones (records without a value)"
                        + " are deletions; handle them with onTombstone(\"" + topic + "\", handler) or skip them"
                        + " with onTombstone(\"" + topic + "\", TombstoneHandler.SKIP) before start()");
            }
        }
        try {
            loop = launch();
        } catch (RuntimeException | Error e) {
            lifecycle.startFailed(e);
            throw e;
        }
        if (options.shutdownHook()) {
            shutdownHook = new Thread(() -> close(options.shutdownTimeout()), "finflow-shutdown-" + options.groupId());
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        return this;
    }

    /** Creates the clients and threads and starts the poll thread; on failure releases what it created. */
    private PollLoop launch() {
        String group = options.groupId();
        // Refuses settings that contradict the group protocol before anything is created.
        Map<String, Object> props = options.toKafkaProperties();
        AtomicReference<ConsumerMetrics> metered = new AtomicReference<>(ConsumerMetrics.NONE);
        ConsumerFactory consumers = protocol -> {
            KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(
                    protocol == options.groupProtocol() ? props : options.toKafkaProperties(protocol),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            metered.get().bindClient(kafka); // a consumer made for a protocol fallback replaces the first one's
            return kafka;
        };
        Deque<AutoCloseable> created = new ArrayDeque<>();
        try {
            org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer = consumers.create(options.groupProtocol());
            created.push(() -> consumer.close(CloseOptions.timeout(Duration.ZERO)));
            ConsumerMetrics consumerMetrics = ConsumerMetrics.bind(options.meterRegistry(), consumer, group,
                    subscriptions.values().stream().map(Subscription::spec).toList(), counters, this::metricsState,
                    () -> stoppedPartitions().size());
            created.push(consumerMetrics::close);
            metered.set(consumerMetrics);
            DeadLetterPublisher deadLetters = DeadLetterPublisher.create(props, group, options.deadLetterMaxBlock());
            created.push(deadLetters);
            ExecutorService workers = Executors.newFixedThreadPool(options.concurrency(),
                    threads("finflow-worker-" + group, true));
            created.push(workers::shutdownNow);
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                    threads("finflow-retry-" + group, true));
            created.push(scheduler::shutdownNow);
            AtomicReference<ConsumerGroupMetadata> groupMetadata = new AtomicReference<>();
            TransactionalCommitter transactions = transactionalProducer == null ? null
                    : new TransactionalCommitter(transactionalProducer, groupMetadata::get);
            RecordProcessor processor = new RecordProcessor(group, new RecordDecoder(options.schemas()),
                    options.retry(), deadLetters, workers, scheduler, counters, transactions, lifecycle);
            // In exactly-once mode each transaction commits "offset + 1" of its record, which is only right
            // when every earlier record of the partition is done: records of a partition run strictly in order.
            ConsumerOptions loopOptions = transactions == null ? options : options.toBuilder()
                    .ordering(OrderingMode.PARTITION).build();
            PollLoop newLoop = new PollLoop(consumers, consumer, loopOptions, consumerMetrics.timed(subscriptions),
                    new OrderedDispatcher(workers, options.concurrency()), processor, workers, scheduler, counters,
                    groupMetadata, transactions != null, lifecycle, deadLetters, partitionListener);
            Thread thread = new Thread(() -> {
                try {
                    newLoop.run();
                } finally {
                    consumerMetrics.closeClientMetrics(); // Kafka's metrics end with the Kafka consumer
                }
            }, "finflow-consumer-" + group);
            metrics = consumerMetrics;
            lifecycle.started();
            thread.start();
            return newLoop;
        } catch (RuntimeException | Error e) {
            while (!created.isEmpty()) {
                try {
                    created.pop().close();
                } catch (Exception closeFailure) {
                    e.addSuppressed(closeFailure);
                }
            }
            throw e;
        }
    }

    /**
     * Registers a listener told once, with the cause, when a fatal failure stops this consumer: on the
     * consumer's thread, after its resources were released and its state became {@link ConsumerState#FAILED}
     * (see {@link FailureListener}). Not called for a clean {@link #close()}, nor when {@link #start()} throws.
     * Register before {@link #start()}; several listeners are called in registration order.
     *
     * @throws IllegalStateException when the consumer was already started
     */
    public synchronized EventConsumer onFailure(FailureListener listener) {
        lifecycle.addListener(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Where this consumer is in its life; see {@link ConsumerState}. */
    public ConsumerState state() {
        return lifecycle.state();
    }

    /** True while {@link #state()} is RUNNING or CLOSING: started, not yet closed, not failed. */
    public boolean isRunning() {
        ConsumerState s = lifecycle.state();
        return s == ConsumerState.RUNNING || s == ConsumerState.CLOSING;
    }

    /** The fatal failure that stopped the consumer (state FAILED), if any. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(lifecycle.failure());
    }

    /**
     * Partitions waiting at a record whose dead letter write fails (it is being retried), or stopped at
     * the record that failed the consumer, with a reason naming the record and what happens.
     */
    public synchronized Map<TopicPartition, String> stoppedPartitions() {
        return loop == null ? Map.of() : loop.stoppedPartitions();
    }

    /** Partitions assigned to this member right now. */
    public synchronized Set<TopicPartition> assignment() {
        return loop == null ? Set.of() : loop.assignment();
    }

    /**
     * The state the {@code finflow.consumer.state} gauge shows: {@link #state()} in lower case, one of
     * {@link MeterNames#CONSUMER_STATES}.
     */
    private String metricsState() {
        return state().name().toLowerCase(java.util.Locale.ROOT);
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
