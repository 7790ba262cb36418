package io.finflow.kafka.consumer;

/**
 * Processes one event. Returning normally means "done": the record's offset may be committed.
 * Throwing means "failed": the record is retried or dead-lettered according to the
 * {@link RetryPolicy}. Called from a worker thread; a handler must be thread-safe when the consumer
 * runs more than one worker.
 *
 * @param <E> the event type: a FinFlow event record, or {@link com.fasterxml.jackson.databind.JsonNode}
 */
@FunctionalInterface
public interface EventHandler<E> {

    void handle(E event, EventMetadata metadata) throws Exception;
}
