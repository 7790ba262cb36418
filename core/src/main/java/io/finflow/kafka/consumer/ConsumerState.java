package io.finflow.kafka.consumer;

/**
 * Where an {@link io.finflow.kafka.EventConsumer} is in its life. It only moves forward:
 * {@code CREATED -> RUNNING -> CLOSING -> CLOSED}, or to {@code FAILED} from {@code RUNNING} or
 * {@code CLOSING}.
 */
public enum ConsumerState {
    /** Created, not started: subscribe, register listeners, then {@code start()}. */
    CREATED,
    /** Started: member of its group, consuming (also while a partition waits for a retry). */
    RUNNING,
    /** {@code close()} was called: in-flight handlers finish, offsets are committed, the group is left. */
    CLOSING,
    /** Closed cleanly; every resource is released. */
    CLOSED,
    /**
     * Stopped by a fatal failure ({@code failure()} says which): no record starts any more, in-flight
     * handlers of other partitions finish within {@code shutdownTimeout}, what finished is committed
     * (never past an unfinished record), the group is left, then the failure listeners are called.
     */
    FAILED
}
