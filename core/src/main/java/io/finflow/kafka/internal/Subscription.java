package io.finflow.kafka.internal;

import io.finflow.kafka.catalog.TopicSpec;
import io.finflow.kafka.consumer.EventHandler;

/**
 * One topic a consumer reads: its catalog entry, the type handed to the handler, and the handler.
 *
 * @param spec    catalog entry of the topic
 * @param type    event class, or {@code JsonNode.class} for untyped handlers
 * @param handler the user's handler
 */
public record Subscription(TopicSpec spec, Class<?> type, EventHandler<Object> handler) {
}
