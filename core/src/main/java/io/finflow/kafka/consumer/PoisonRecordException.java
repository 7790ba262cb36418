package io.finflow.kafka.consumer;

import io.finflow.kafka.FinFlowException;

/**
 * A record that cannot become an event: its bytes are not JSON, it breaks the schema it declares,
 * or it does not map to the event type. Never retried; it goes to the dead letter topic with this
 * exception's message as the reason.
 */
public class PoisonRecordException extends FinFlowException {

    private static final long serialVersionUID = 1L;

    public PoisonRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
