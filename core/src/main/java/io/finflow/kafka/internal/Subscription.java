package io.finflow.kafka.internal;

import io.finflow.kafka.catalog.TopicSpec;
import io.finflow.kafka.consumer.EventHandler;
import io.finflow.kafka.consumer.TombstoneHandler;

/**
 * One topic a consumer reads: its catalog entry, the type handed to the handler, and the handlers.
 *
 * @param spec       catalog entry of the topic
 * @param type       event class, or {@code JsonNode.class} for untyped handlers
 * @param handler    the user's event handler
 * @param tombstones the user's deletion handler for a compacted topic ({@link TombstoneHandler#SKIP} to
 *                   skip them), or null when none was chosen
 */
public record Subscription(TopicSpec spec, Class<?> type, EventHandler<Object> handler, TombstoneHandler tombstones) {

    /** The same subscription with a deletion handler. */
    public Subscription withTombstones(TombstoneHandler deletions) {
        return new Subscription(spec, type, handler, deletions);
    }
}
