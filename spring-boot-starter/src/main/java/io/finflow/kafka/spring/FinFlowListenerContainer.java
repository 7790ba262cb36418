package io.finflow.kafka.spring;

import java.util.Optional;

import io.finflow.kafka.EventConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the {@link EventConsumer} of one {@link FinFlowListener} method in the application context's lifecycle.
 *
 * <p><b>Start:</b> in the last lifecycle phase ({@link SmartLifecycle#DEFAULT_PHASE}), once every singleton is
 * created, so a listener never sees a half-built context. A consumer that cannot start (unknown topic, event type
 * not the topic's, Kafka refusing the configuration) fails the application's start with the method named.
 *
 * <p><b>Stop:</b> first among the lifecycle beans (before the web server's graceful shutdown), synchronously:
 * {@link EventConsumer#close()} stops fetching, lets handlers in flight finish (at most
 * {@code finflow.kafka.consumer.shutdown-timeout}), commits what finished and leaves the group, all before the
 * singletons (the {@code EventProducer} a handler may use included) are destroyed. A record not finished in time is
 * not committed, so it is redelivered, never lost.
 *
 * <p><b>Failure:</b> a fatal failure stops the consumer; it is logged at ERROR, and the health indicator reports
 * it (DOWN). The container stays "running" until the context stops it, so its meters and state stay visible.
 *
 * <p>Thread-safe: lifecycle calls come from the context's thread, the health indicator reads from any thread.
 */
public final class FinFlowListenerContainer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FinFlowListenerContainer.class);

    private final ListenerMethod method;
    private final String topic;
    private final String group;
    private final int concurrency;
    private final BeanFactory beanFactory;
    private volatile EventConsumer consumer;
    private volatile String topicName;
    private volatile boolean running;

    FinFlowListenerContainer(ListenerMethod method, String topic, String group, int concurrency,
                             BeanFactory beanFactory) {
        this.method = method;
        this.topic = topic;
        this.group = group;
        this.concurrency = concurrency;
        this.beanFactory = beanFactory;
    }

    /**
     * Creates, subscribes and starts the consumer.
     *
     * @throws IllegalStateException when it cannot start, naming the method, topic and group
     */
    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        ListenerConsumerFactory factory = beanFactory.getBean(ListenerConsumerFactory.class);
        String topicName = factory.topicName(topic);
        EventConsumer created = null;
        try {
            created = factory.create(group, concurrency);
            method.subscribe(created, topicName);
            // The consumer logs the cause with its stack trace; this line names the method it belongs to.
            created.onFailure(cause -> log.error("@FinFlowListener {} (topic {}, group {}) stopped: {}",
                    method.description(), topicName, group, cause.toString()));
            created.start();
        } catch (RuntimeException e) {
            if (created != null) {
                created.close();
            }
            throw new IllegalStateException("@FinFlowListener " + method.description() + " on topic '" + topicName
                    + "', group '" + group + "' cannot start: " + e.getMessage(), e);
        }
        this.topicName = topicName;
        consumer = created;
        running = true;
    }

    /** Closes the consumer gracefully (see the class documentation); blocks until it is done. */
    @Override
    public synchronized void stop() {
        EventConsumer current = consumer;
        running = false;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The listener method, e.g. {@code Ledger.apply(TransactionEvent, EventMetadata)}. */
    public String method() {
        return method.description();
    }

    /** The topic as the annotation names it (placeholders resolved, without the catalog prefix). */
    public String topic() {
        return topic;
    }

    /** The topic subscribed to, catalog prefix included; the annotation's topic before the start. */
    public String topicName() {
        return topicName != null ? topicName : topic;
    }

    /** The consumer group. */
    public String group() {
        return group;
    }

    /** Worker threads of the consumer. */
    public int concurrency() {
        return concurrency;
    }

    /** The consumer, once started (it stays after stop or failure, to read its state). */
    public Optional<EventConsumer> consumer() {
        return Optional.ofNullable(consumer);
    }
}
