package io.finflow.kafka.schema;

import java.util.Objects;

/**
 * One version of one event type's schema, e.g. {@code transaction v2} ({@code schemas/transaction/v2.json}).
 *
 * @param eventType the event type name, e.g. {@code "transaction"}
 * @param version   the schema version, 1 or more
 */
public record SchemaRef(String eventType, int version) {

    /** Checks the name is present and the version positive. */
    public SchemaRef {
        Objects.requireNonNull(eventType, "eventType");
        if (version < 1) {
            throw new IllegalArgumentException("schema version must be >= 1 for event type '" + eventType + "', was "
                    + version);
        }
    }

    /**
     * Reads as {@code "transaction v2"}.
     *
     * @return event type and version
     */
    @Override
    public String toString() {
        return eventType + " v" + version;
    }
}
