package io.finflow.kafka.producer;

import io.finflow.kafka.FinFlowException;

/**
 * A send made within a transaction failed (refused by validation, or not acknowledged by Kafka), so
 * {@link io.finflow.kafka.EventProducer#commitTransaction()} aborted the transaction instead of
 * committing it: a transaction never commits with part of its output missing. The cause is the
 * first failed send's exception; nothing of the transaction is visible to {@code read_committed}
 * readers.
 */
public class TransactionSendException extends FinFlowException {

    private static final long serialVersionUID = 1L;

    private final int failedSends;

    /**
     * @param message     names the failed send
     * @param failedSends how many sends of the transaction failed
     * @param cause       the first failure
     */
    public TransactionSendException(String message, int failedSends, Throwable cause) {
        super(message, cause);
        this.failedSends = failedSends;
    }

    /** How many sends of the aborted transaction failed, at least 1. */
    public int failedSends() {
        return failedSends;
    }
}
