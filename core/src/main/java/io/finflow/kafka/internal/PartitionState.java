package io.finflow.kafka.internal;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.TopicPartition;

/**
 * What the consumer knows about one assigned partition: unfinished offsets, handlers running now,
 * records waiting for a retry, and whether it was revoked or stopped. Shared between the poll
 * thread and the workers.
 */
public final class PartitionState {

    private final TopicPartition partition;
    private final OffsetTracker tracker = new OffsetTracker();
    private final AtomicInteger executing = new AtomicInteger();
    private final AtomicInteger waitingForRetry = new AtomicInteger();
    private volatile boolean revoked;
    private volatile String stoppedReason;
    private long lastCommitted = -1;

    public PartitionState(TopicPartition partition) {
        this.partition = partition;
    }

    public TopicPartition partition() {
        return partition;
    }

    public OffsetTracker tracker() {
        return tracker;
    }

    public AtomicInteger executing() {
        return executing;
    }

    public AtomicInteger waitingForRetry() {
        return waitingForRetry;
    }

    /** True once the partition was revoked or the consumer is closing: queued records are skipped. */
    public boolean isRevoked() {
        return revoked;
    }

    public void markRevoked() {
        revoked = true;
    }

    /** Why the partition was stopped (a dead letter write failed), or null while it runs. */
    public String stoppedReason() {
        return stoppedReason;
    }

    public void stop(String reason) {
        if (stoppedReason == null) {
            stoppedReason = reason;
        }
    }

    /** Last committed offset, only touched by the poll thread. */
    long lastCommitted() {
        return lastCommitted;
    }

    void lastCommitted(long offset) {
        lastCommitted = offset;
    }
}
