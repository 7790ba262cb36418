package io.finflow.kafka.schema;

import io.finflow.kafka.FinFlowException;

/**
 * A schema was asked for by an event type or version that the {@link SchemaRegistry} does not hold, for example an
 * event written with {@code transaction v3} read by a service whose library only knows v1 and v2. The message lists
 * what is known.
 */
public class UnknownSchemaException extends FinFlowException {

    private static final long serialVersionUID = 1L;

    private final String eventType;
    private final int version;

    /**
     * Creates the exception.
     *
     * @param message   what was asked for and what is known
     * @param eventType the event type asked for
     * @param version   the version asked for, 0 when any version of an unknown event type was asked for
     */
    public UnknownSchemaException(String message, String eventType, int version) {
        super(message);
        this.eventType = eventType;
        this.version = version;
    }

    /**
     * The event type that was asked for.
     *
     * @return the event type name
     */
    public String eventType() {
        return eventType;
    }

    /**
     * The version that was asked for.
     *
     * @return the version, 0 when the event type itself is unknown and no version was asked for
     */
    public int version() {
        return version;
    }
}
