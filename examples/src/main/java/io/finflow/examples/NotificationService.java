package io.finflow.examples;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.finflow.kafka.EventConsumer;
import io.finflow.kafka.EventProducer;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.consumer.ConsumerOptions;
import io.finflow.kafka.consumer.EventMetadata;
import io.finflow.kafka.consumer.RetryPolicy;
import io.finflow.kafka.consumer.RetryableException;
import io.finflow.kafka.event.NotificationEvent;
import io.finflow.kafka.event.SystemEvent;
import io.finflow.kafka.producer.ProducerOptions;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notification service: consumes {@code notification-events} (group
 * {@code notification-service-group}) and "delivers" them to email, push and in-app channels
 * (logged). Two channels misbehave on purpose, to show retries and dead letters:
 * <ul>
 *   <li>every twentieth push notification fails on every attempt (an expired device token):
 *       retried, then dead-lettered with the reason;</li>
 *   <li>in-app fails on the first attempt of every third notification (a flaky backend): the retry succeeds.</li>
 * </ul>
 */
public final class NotificationService implements AutoCloseable {

    /** The service's consumer group. */
    public static final String GROUP = "notification-service-group";

    private static final Logger log = LoggerFactory.getLogger(NotificationService.class);
    private static final String SERVICE = "notification-service";

    private final Map<NotificationEvent.Channel, AtomicLong> delivered = new ConcurrentHashMap<>();
    private final AtomicLong pushSeen = new AtomicLong();
    private final java.util.Set<String> expiredPushTokens = ConcurrentHashMap.newKeySet();
    private final EventProducer producer;
    private final EventConsumer consumer;
    private final String system;

    public NotificationService(ClientConfig config, TopicCatalog catalog) {
        this(config, catalog, null);
    }

    /** @param metrics where the service's producer and consumer register their metrics; null for none */
    public NotificationService(ClientConfig config, TopicCatalog catalog, MeterRegistry metrics) {
        this.system = catalog.topicForEventType("system").name();
        this.producer = EventProducer.create(ProducerOptions.defaults(config, "/finflow/" + SERVICE).withCatalog(catalog)
                .withMeterRegistry(metrics));
        this.consumer = EventConsumer.create(ConsumerOptions.defaults(config, GROUP).withCatalog(catalog)
                .withMeterRegistry(metrics)
                .withConcurrency(4)
                .withRetry(RetryPolicy.defaults().withMaxAttempts(3).withBackoff(Duration.ofMillis(50), Duration.ofMillis(200))));
        consumer.subscribe(catalog.topicForEventType("notification").name(), NotificationEvent.class, this::deliver);
    }

    /** Publishes the startup event and joins the group. */
    public NotificationService start() {
        producer.send(system, SystemEvent.startup(SERVICE, "1.0.0", AccountingService.host())).join();
        consumer.start();
        return this;
    }

    private void deliver(NotificationEvent n, EventMetadata meta) {
        switch (n.channel()) {
            case PUSH -> {
                if (meta.attempt() == 1 && pushSeen.incrementAndGet() % 20 == 0) {
                    expiredPushTokens.add(n.notificationId());
                }
                if (expiredPushTokens.contains(n.notificationId())) {
                    throw new RetryableException("push token of " + n.userId() + " expired (device unregistered)");
                }
            }
            case IN_APP -> {
                if (meta.attempt() == 1 && Math.floorMod(n.notificationId().hashCode(), 3) == 0) {
                    throw new RetryableException("in-app inbox service returned 503");
                }
            }
            default -> {
                // email always works in the demo
            }
        }
        delivered.computeIfAbsent(n.channel(), c -> new AtomicLong()).incrementAndGet();
        log.debug("delivered {} '{}' to {} via {}", n.notificationId(), n.template(), n.userId(), n.channel());
    }

    /** Notifications delivered per channel. */
    public Map<NotificationEvent.Channel, Long> deliveredByChannel() {
        Map<NotificationEvent.Channel, Long> out = new java.util.EnumMap<>(NotificationEvent.Channel.class);
        delivered.forEach((c, n) -> out.put(c, n.get()));
        return out;
    }

    /** The underlying consumer, for its counters. */
    public EventConsumer consumer() {
        return consumer;
    }

    /** Leaves the group gracefully and publishes the shutdown event. */
    @Override
    public void close() {
        consumer.close();
        producer.send(system, SystemEvent.shutdown(SERVICE, AccountingService.host())).join();
        producer.close();
    }
}
