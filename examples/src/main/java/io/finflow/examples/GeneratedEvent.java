package io.finflow.examples;

import com.fasterxml.jackson.databind.JsonNode;
import io.finflow.kafka.event.FinFlowEvent;

/** One thing the generator wants written: a valid event, an event the producer must refuse, or poison bytes. */
public sealed interface GeneratedEvent {

    /** FinFlow topic name of the catalog, e.g. {@code transaction-events} (before any prefix). */
    String topic();

    /** A valid event. */
    record Valid(String topic, FinFlowEvent event) implements GeneratedEvent {
    }

    /** A schema-invalid event: the producer must refuse it, and nothing reaches Kafka. */
    record SchemaInvalid(String topic, JsonNode json, String defect) implements GeneratedEvent {
    }

    /** Raw bytes written past the producer (a broken foreign client): consumers must dead-letter them. */
    record Poison(String topic, String key, byte[] bytes, String defect) implements GeneratedEvent {
    }
}
