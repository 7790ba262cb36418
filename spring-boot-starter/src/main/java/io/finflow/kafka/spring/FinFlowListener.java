package io.finflow.kafka.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that handles the events of one catalog topic as a member of a consumer group. The starter
 * runs one {@link io.finflow.kafka.EventConsumer} per annotated method: started once the application context is
 * refreshed, closed (in-flight handlers finish, their offsets are committed, the group is left) when it closes.
 *
 * <pre>{@code
 * @Component
 * class Ledger {
 *     @FinFlowListener(topic = "transaction-events", group = "accounting-service-group", concurrency = 8)
 *     void apply(TransactionEvent tx, EventMetadata metadata) { ... }
 * }
 * }</pre>
 *
 * <p><b>Method:</b> its first parameter is the event: the topic's event class (e.g. {@code TransactionEvent}),
 * {@link io.finflow.kafka.event.FinFlowEvent}, or {@link com.fasterxml.jackson.databind.JsonNode} for the JSON
 * tree; an optional second parameter of type {@link io.finflow.kafka.consumer.EventMetadata} receives where the
 * record came from. Its return value is ignored. Any other shape fails the application's start, naming the method.
 *
 * <p><b>Delivery</b> is the {@code EventConsumer}'s: at least once, the offset committed after the method returned;
 * a method that throws is retried with backoff and then dead-lettered ({@code RetryableException},
 * {@code NonRetryableException} classify as usual). With {@code concurrency > 1} the method is called from several
 * threads at once (events of one key still one at a time, in order): it must be thread-safe.
 *
 * <p>{@link #topic()} and {@link #group()} accept {@code ${...}} placeholders; {@code finflow.kafka.topic-catalog.prefix}
 * is put in front of the topic name.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface FinFlowListener {

    /** The catalog topic, e.g. {@code transaction-events}; placeholders are resolved. */
    String topic();

    /** The consumer group id, e.g. {@code accounting-service-group}; placeholders are resolved. */
    String group();

    /**
     * Worker threads calling the method, 1 to {@value io.finflow.kafka.consumer.ConsumerOptions#MAX_CONCURRENCY};
     * records of one key stay in order. Default 1: each partition in offset order.
     */
    int concurrency() default 1;
}
