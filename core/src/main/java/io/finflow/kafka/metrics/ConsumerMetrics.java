package io.finflow.kafka.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import io.finflow.kafka.catalog.TopicSpec;
import io.finflow.kafka.consumer.EventHandler;
import io.finflow.kafka.internal.ConsumerCounters;
import io.finflow.kafka.internal.Subscription;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * The meters of one running {@link io.finflow.kafka.EventConsumer}: Kafka's consumer metrics through
 * Micrometer's {@link KafkaClientMetrics}, and FinFlow's consumer meters (see {@link MeterNames}), read
 * from the consumer's own counters at scrape time ({@link FunctionCounter}s and {@link Gauge}s: nothing is
 * counted twice on the record path), plus one timer around the handler. Created by the consumer when it
 * starts; without a registry ({@link #NONE}) nothing is registered.
 *
 * <p>Lifecycle: {@link #closeClientMetrics()} when the Kafka consumer closes (Kafka's metrics die with the
 * client), {@link #close()} when the {@code EventConsumer} closes: it removes every meter this instance
 * registered. Between the two, a consumer stopped by a failure keeps reporting its
 * {@value MeterNames#CONSUMER_STATE} as {@code failed}, which is what an alert looks for. Thread-safe.
 */
public final class ConsumerMetrics implements AutoCloseable {

    /** No registry: registers nothing, times nothing. */
    public static final ConsumerMetrics NONE = new ConsumerMetrics(null, null, null);

    /**
     * Histogram buckets of the handler timer: from a map lookup to a slow remote call, so that dashboards
     * can compute quantiles across instances ({@code histogram_quantile}).
     */
    public static final List<Duration> HANDLER_DURATION_BUCKETS = List.of(Duration.ofMillis(1), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30));

    private final MeterRegistry registry;
    private final Tags tags;
    private KafkaClientMetrics clientMetrics;
    private final List<Meter> registered = new ArrayList<>();
    private final Map<String, Timer> handlerTimers = new LinkedHashMap<>();
    private boolean clientMetricsClosed;
    private boolean closed;

    private ConsumerMetrics(MeterRegistry registry, Tags tags, KafkaClientMetrics clientMetrics) {
        this.registry = registry;
        this.tags = tags;
        this.clientMetrics = clientMetrics;
    }

    /**
     * Registers the meters of a consumer that is starting; {@link #NONE} when {@code registry} is null.
     *
     * @param consumer the Kafka consumer (its client metrics are bound, its {@code client.id} tags every meter)
     * @param topics   the subscribed topics: their counters are registered now, at zero
     * @param counters the consumer's counters, read at scrape time
     * @param state    the consumer's state, one of {@link MeterNames#CONSUMER_STATES}, read at scrape time
     * @param stopped  the number of partitions waiting at a failing dead letter write or stopped at the
     *                 record that failed the consumer, read at scrape time
     */
    public static ConsumerMetrics bind(MeterRegistry registry, Consumer<?, ?> consumer, String group,
                                       Collection<TopicSpec> topics, ConsumerCounters counters,
                                       Supplier<String> state, IntSupplier stopped) {
        if (registry == null) {
            return NONE;
        }
        Tags tags = Tags.of(MeterNames.TAG_GROUP, group,
                MeterNames.TAG_CLIENT_ID, ClientIds.of(consumer.metrics(), "finflow-consumer-" + group));
        KafkaClientMetrics clientMetrics = new KafkaClientMetrics(consumer);
        clientMetrics.bindTo(registry);
        ConsumerMetrics metrics = new ConsumerMetrics(registry, tags, clientMetrics);
        metrics.register(topics, counters, state, stopped);
        return metrics;
    }

    private synchronized void register(Collection<TopicSpec> topics, ConsumerCounters counters,
                                       Supplier<String> state, IntSupplier stopped) {
        for (TopicSpec spec : topics) {
            String topic = spec.name();
            ConsumerCounters.TopicCounts counts = counters.topic(topic);
            Tags topicTags = tags.and(MeterNames.TAG_TOPIC, topic);
            records(topicTags, counts, MeterNames.SUCCESS, ConsumerCounters.TopicCounts::processed);
            records(topicTags, counts, MeterNames.RETRIED, ConsumerCounters.TopicCounts::retried);
            records(topicTags, counts, MeterNames.DEAD_LETTERED, ConsumerCounters.TopicCounts::deadLettered);
            records(topicTags, counts, MeterNames.FAILED, ConsumerCounters.TopicCounts::failed);
            registered.add(FunctionCounter.builder(MeterNames.CONSUMER_VALIDATION_FAILURES, counts,
                            ConsumerCounters.TopicCounts::invalid).tags(topicTags)
                    .description("Records that were not JSON or broke their schema (dead-lettered without retries)")
                    .register(registry));
            Tags dlqTags = topicTags.and(MeterNames.TAG_DLQ_TOPIC, spec.dlqTopic());
            registered.add(FunctionCounter.builder(MeterNames.CONSUMER_DLQ_WRITES, counts,
                            ConsumerCounters.TopicCounts::deadLettered).tags(dlqTags)
                    .tag(MeterNames.TAG_OUTCOME, MeterNames.ACKNOWLEDGED)
                    .description("Dead letter writes; a failed one is retried while its partition waits, uncommitted")
                    .register(registry));
            registered.add(FunctionCounter.builder(MeterNames.CONSUMER_DLQ_WRITES, counts,
                            ConsumerCounters.TopicCounts::dlqWriteFailures).tags(dlqTags)
                    .tag(MeterNames.TAG_OUTCOME, MeterNames.FAILED)
                    .description("Dead letter writes; a failed one is retried while its partition waits, uncommitted")
                    .register(registry));
            Timer timer = Timer.builder(MeterNames.CONSUMER_HANDLER_DURATION).tags(topicTags)
                    .serviceLevelObjectives(HANDLER_DURATION_BUCKETS.toArray(Duration[]::new))
                    .description("Time spent in the event handler per call, every attempt, failed ones included")
                    .register(registry);
            registered.add(timer);
            handlerTimers.put(topic, timer);
        }
        registered.add(Gauge.builder(MeterNames.CONSUMER_PAUSED_PARTITIONS, counters,
                        ConsumerCounters::pausedPartitions).tags(tags)
                .description("Partitions paused right now: waiting for a retry, stopped, or too much unfinished work")
                .register(registry));
        registered.add(Gauge.builder(MeterNames.CONSUMER_STOPPED_PARTITIONS, stopped, IntSupplier::getAsInt)
                .tags(tags).strongReference(true)
                .description("Partitions waiting at a record whose dead letter write fails (retried), or stopped at"
                        + " the record that failed the consumer: nothing after it is committed")
                .register(registry));
        for (String s : MeterNames.CONSUMER_STATES) {
            registered.add(Gauge.builder(MeterNames.CONSUMER_STATE, state, current -> s.equals(current.get()) ? 1 : 0)
                    .tags(tags).tag(MeterNames.TAG_STATE, s).strongReference(true)
                    .description("1 for the consumer's current state (created, running, closing, closed, failed), 0 for"
                            + " the others")
                    .register(registry));
        }
    }

    private void records(Tags topicTags, ConsumerCounters.TopicCounts counts, String outcome,
                         ToDoubleFunction<ConsumerCounters.TopicCounts> count) {
        registered.add(FunctionCounter.builder(MeterNames.CONSUMER_RECORDS, counts, count).tags(topicTags)
                .tag(MeterNames.TAG_OUTCOME, outcome)
                .description("Records handled by EventConsumer, by outcome: success, retried (an attempt failed and"
                        + " is retried), dead_lettered, failed (the record stopped the consumer)")
                .register(registry));
    }

    /**
     * The subscriptions with each handler timed ({@value MeterNames#CONSUMER_HANDLER_DURATION}): the single
     * timing hook. Unchanged without a registry.
     */
    public Map<String, Subscription> timed(Map<String, Subscription> subscriptions) {
        if (registry == null) {
            return subscriptions;
        }
        Map<String, Subscription> timed = new LinkedHashMap<>();
        subscriptions.forEach((topic, sub) -> {
            Timer timer = handlerTimers.get(topic);
            EventHandler<Object> handler = sub.handler();
            timed.put(topic, new Subscription(sub.spec(), sub.type(), (event, metadata) -> {
                long start = System.nanoTime();
                try {
                    handler.handle(event, metadata);
                } finally {
                    timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                }
            }, sub.tombstones()));
        });
        return timed;
    }

    /**
     * Binds the client metrics of a Kafka consumer that replaces the first one (the consumer falls back to
     * the classic group protocol), unbinding the previous one's. The FinFlow meters keep their tags.
     */
    public synchronized void bindClient(Consumer<?, ?> consumer) {
        if (registry == null || closed) {
            return;
        }
        if (!clientMetricsClosed) {
            clientMetrics.close();
        }
        clientMetrics = new KafkaClientMetrics(consumer);
        clientMetrics.bindTo(registry);
        clientMetricsClosed = false;
    }

    /** Unbinds Kafka's client metrics: call when the Kafka consumer closes. Idempotent. */
    public synchronized void closeClientMetrics() {
        if (registry == null || clientMetricsClosed) {
            return;
        }
        clientMetricsClosed = true;
        clientMetrics.close();
    }

    /** Removes every meter this instance registered, Kafka's client metrics included. Idempotent. */
    @Override
    public synchronized void close() {
        if (registry == null || closed) {
            return;
        }
        closed = true;
        closeClientMetrics();
        registered.forEach(registry::remove);
        registered.clear();
    }
}
