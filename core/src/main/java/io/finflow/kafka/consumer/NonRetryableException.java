package io.finflow.kafka.consumer;

/**
 * Thrown by a handler to say "this record can never be processed" (a business rule rejects it).
 * The record goes to the dead letter topic at once, without retries.
 */
public class NonRetryableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NonRetryableException(String message) {
        super(message);
    }

    public NonRetryableException(String message, Throwable cause) {
        super(message, cause);
    }
}
