package io.finflow.kafka.producer;

import io.finflow.kafka.FinFlowException;

/**
 * An event refused before sending for a reason other than its schema: null, wrong event type for
 * the topic, missing key field, too large. Nothing was sent.
 */
public class InvalidEventException extends FinFlowException {

    private static final long serialVersionUID = 1L;

    public InvalidEventException(String message) {
        super(message);
    }
}
