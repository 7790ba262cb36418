package io.finflow.kafka.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.schema.SchemaValidationException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.producer.Producer;

/**
 * The meters of one {@link io.finflow.kafka.EventProducer}: Kafka's producer metrics through Micrometer's
 * {@link KafkaClientMetrics}, and FinFlow's {@value MeterNames#PRODUCER_EVENTS} (by topic and outcome) and
 * {@value MeterNames#PRODUCER_VALIDATION_FAILURES}. Created and closed by the producer; without a registry
 * ({@link #NONE}) every method does nothing.
 *
 * <p>Per-topic counters are registered on a topic's first event. {@link #close()} removes every meter this
 * instance registered and closes the Kafka binder (whose scheduler thread it owns); the registry itself
 * stays open, it belongs to the caller. Thread-safe.
 */
public final class ProducerMetrics implements AutoCloseable {

    /** No registry: counts nothing, registers nothing. */
    public static final ProducerMetrics NONE = new ProducerMetrics(null, null, null, null);

    private final MeterRegistry registry;
    private final TopicCatalog catalog;
    private final Tags tags;
    private final KafkaClientMetrics clientMetrics;
    private final Map<String, TopicCounters> topics = new ConcurrentHashMap<>();
    private final List<Meter> registered = new ArrayList<>();
    private boolean closed;

    private ProducerMetrics(MeterRegistry registry, TopicCatalog catalog, Tags tags, KafkaClientMetrics clientMetrics) {
        this.registry = registry;
        this.catalog = catalog;
        this.tags = tags;
        this.clientMetrics = clientMetrics;
    }

    /**
     * Binds the producer's metrics to {@code registry}; {@link #NONE} when {@code registry} is null.
     *
     * @param catalog topics outside it are counted under the topic {@value MeterNames#UNKNOWN_TOPIC}
     */
    public static ProducerMetrics bind(MeterRegistry registry, Producer<?, ?> producer, TopicCatalog catalog) {
        if (registry == null) {
            return NONE;
        }
        String clientId = ClientIds.of(producer.metrics(), "finflow-producer");
        KafkaClientMetrics clientMetrics = new KafkaClientMetrics(producer);
        clientMetrics.bindTo(registry);
        return new ProducerMetrics(registry, catalog, Tags.of(MeterNames.TAG_CLIENT_ID, clientId), clientMetrics);
    }

    /** Kafka acknowledged an event sent to {@code topic}. */
    public void acknowledged(String topic) {
        if (registry != null) {
            counters(topic).acknowledged.increment();
        }
    }

    /** An event for {@code topic} was refused before sending; schema violations also count as validation failures. */
    public void refused(String topic, Throwable cause) {
        if (registry != null) {
            TopicCounters c = counters(topic);
            c.refused.increment();
            if (cause instanceof SchemaValidationException) {
                c.invalid.increment();
            }
        }
    }

    /** Kafka did not acknowledge an event sent to {@code topic}. */
    public void failed(String topic) {
        if (registry != null) {
            counters(topic).failed.increment();
        }
    }

    private TopicCounters counters(String topic) {
        TopicCounters c = topic == null ? null : topics.get(topic); // the hot path: a catalog topic seen before
        if (c != null) {
            return c;
        }
        String name = topic != null && catalog.find(topic).isPresent() ? topic : MeterNames.UNKNOWN_TOPIC;
        return topics.computeIfAbsent(name, this::register);
    }

    private synchronized TopicCounters register(String topic) {
        Tags topicTags = tags.and(MeterNames.TAG_TOPIC, topic);
        TopicCounters c = new TopicCounters(
                events(topicTags, MeterNames.ACKNOWLEDGED, "Events Kafka acknowledged (on every in-sync replica)"),
                events(topicTags, MeterNames.REFUSED, "Events refused before sending: schema violation, unknown topic,"
                        + " no key or too large"),
                events(topicTags, MeterNames.FAILED, "Events Kafka did not acknowledge within the delivery deadline"),
                keep(Counter.builder(MeterNames.PRODUCER_VALIDATION_FAILURES).tags(topicTags)
                        .description("Events refused because they break their JSON Schema").register(registry)));
        return c;
    }

    private Counter events(Tags topicTags, String outcome, String description) {
        return keep(Counter.builder(MeterNames.PRODUCER_EVENTS).tags(topicTags).tag(MeterNames.TAG_OUTCOME, outcome)
                .description("Events sent through EventProducer, by outcome: " + description).register(registry));
    }

    private <M extends Meter> M keep(M meter) {
        if (closed) {
            registry.remove(meter);
        } else {
            registered.add(meter);
        }
        return meter;
    }

    /** Removes every meter this instance registered and unbinds Kafka's client metrics. Idempotent. */
    @Override
    public synchronized void close() {
        if (registry == null || closed) {
            return;
        }
        closed = true;
        registered.forEach(registry::remove);
        registered.clear();
        clientMetrics.close();
    }

    private record TopicCounters(Counter acknowledged, Counter refused, Counter failed, Counter invalid) {
    }
}
