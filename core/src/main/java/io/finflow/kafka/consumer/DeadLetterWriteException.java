package io.finflow.kafka.consumer;

import io.finflow.kafka.FinFlowException;

/**
 * A record could not be written to its dead letter topic, even after retries: the consumer keeps
 * it uncommitted (nothing is lost) and stops. The message names the record, the dead letter topic,
 * the last error and what to do.
 */
public class DeadLetterWriteException extends FinFlowException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the record, the dead letter topic and what to do
     * @param cause   the last write failure
     */
    public DeadLetterWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
