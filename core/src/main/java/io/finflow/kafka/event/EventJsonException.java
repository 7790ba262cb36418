package io.finflow.kafka.event;

import io.finflow.kafka.FinFlowException;

/**
 * An event could not be turned into JSON, or bytes could not be read as an event. Reading failures are permanent
 * for the record at hand (retrying reads the same bytes): consumers treat them as fatal and dead-letter the record.
 */
public class EventJsonException extends FinFlowException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what could not be read or written, naming the target class
     * @param cause   the Jackson exception
     */
    public EventJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
