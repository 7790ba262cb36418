package io.finflow.kafka.consumer;

/**
 * Thrown by a handler to say "this may work later" (a downstream service is down, a lock is held).
 * The record is retried with backoff, then dead-lettered after the last attempt.
 */
public class RetryableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RetryableException(String message) {
        super(message);
    }

    public RetryableException(String message, Throwable cause) {
        super(message, cause);
    }
}
