package io.finflow.kafka.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.TopicPartition;

/**
 * What the consumer knows about one assigned partition: unfinished offsets, work running now,
 * records waiting for a retry, whether it was revoked or stopped, and its commit marks. Shared
 * between the poll thread and the workers.
 *
 * <p><b>The work gate:</b> a handler (or a dead letter write) runs only between a successful
 * {@link #tryStartWork()} and {@link #endWork()}. {@link #markRevoked()} closes the gate atomically
 * with respect to {@code tryStartWork}, so once it returned and {@link #awaitIdle} saw no work, no
 * handler of this partition starts again: the revocation may commit and let the partition go.
 */
public final class PartitionState {

    private final TopicPartition partition;
    private final OffsetTracker tracker = new OffsetTracker();
    private final AtomicInteger waitingForRetry = new AtomicInteger();
    private int working;
    private boolean revoked;
    private volatile String stoppedReason;
    private volatile String blockedReason;
    // Commit marks, touched by the poll thread only (commit callbacks run on it too).
    private long committed = -1;
    private long commitInFlight = -1;

    public PartitionState(TopicPartition partition) {
        this.partition = partition;
    }

    public TopicPartition partition() {
        return partition;
    }

    public OffsetTracker tracker() {
        return tracker;
    }

    /** Records of this partition waiting for a retry (handler or dead letter write); the partition is paused. */
    public AtomicInteger waitingForRetry() {
        return waitingForRetry;
    }

    /** Opens a unit of work if the partition is neither revoked nor stopped; false means skip the record. */
    public synchronized boolean tryStartWork() {
        if (revoked || stoppedReason != null) {
            return false;
        }
        working++;
        return true;
    }

    /** Ends a unit of work opened by {@link #tryStartWork()}. */
    public synchronized void endWork() {
        working--;
        if (working == 0) {
            notifyAll();
        }
    }

    /** Handlers and dead letter writes of this partition running now. */
    public synchronized int working() {
        return working;
    }

    /** True once the partition was revoked or the consumer is closing: no work starts any more. */
    public synchronized boolean isRevoked() {
        return revoked;
    }

    /** Closes the work gate for good; running work finishes (see {@link #awaitIdle}). */
    public synchronized void markRevoked() {
        revoked = true;
    }

    /** Waits until no work runs, at most until {@code deadlineNanos} ({@link System#nanoTime()}). */
    public synchronized boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        while (working > 0) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Waits until no work runs in any of these partitions, at most until {@code deadlineNanos}; false on timeout. */
    public static boolean awaitIdle(java.util.Collection<PartitionState> partitions, long deadlineNanos) {
        try {
            for (PartitionState s : partitions) {
                if (!s.awaitIdle(deadlineNanos)) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Units of work running now in these partitions. */
    public static int working(java.util.Collection<PartitionState> partitions) {
        return partitions.stream().mapToInt(PartitionState::working).sum();
    }

    /** Why the partition was stopped for good (the consumer failed at one of its records), or null. */
    public String stoppedReason() {
        return stoppedReason;
    }

    /** Stops the partition: no record of it starts any more; the first reason is kept. */
    public synchronized void stop(String reason) {
        if (stoppedReason == null) {
            stoppedReason = reason;
        }
    }

    /** Why the partition waits at a record (a dead letter write being retried), or null. */
    public String blockedReason() {
        return blockedReason;
    }

    public void blocked(String reason) {
        blockedReason = reason;
    }

    /** The highest offset the broker confirmed as committed in this assignment, or -1. */
    long committed() {
        return committed;
    }

    /** The offset of the commit sent and not yet answered, or -1. */
    long commitInFlight() {
        return commitInFlight;
    }

    void commitSent(long offset) {
        commitInFlight = offset;
    }

    void commitConfirmed(long offset) {
        committed = Math.max(committed, offset);
        if (commitInFlight == offset) {
            commitInFlight = -1;
        }
    }

    void commitFailed(long offset) {
        if (commitInFlight == offset) {
            commitInFlight = -1;
        }
    }
}
