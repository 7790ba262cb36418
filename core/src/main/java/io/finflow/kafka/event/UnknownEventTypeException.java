package io.finflow.kafka.event;

import java.util.Collection;

import io.finflow.kafka.FinFlowException;

/** An event type name or event class that {@link EventTypes} does not know; the message lists the known ones. */
public class UnknownEventTypeException extends FinFlowException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param what  the unknown type or class, as the caller gave it
     * @param known the known event types
     */
    public UnknownEventTypeException(String what, Collection<String> known) {
        super(what + " is not a FinFlow event type; known event types: " + String.join(", ", known));
    }
}
