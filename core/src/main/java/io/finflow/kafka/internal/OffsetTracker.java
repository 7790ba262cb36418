package io.finflow.kafka.internal;

import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Tracks which fetched offsets of one partition are finished, to commit only up to the highest
 * contiguous finished record: with parallel processing, offset 7 may finish before offset 5, and
 * committing 8 then would lose 5 on a crash. Thread-safe.
 */
public final class OffsetTracker {

    private final TreeSet<Long> unfinished = new TreeSet<>();
    private long highestAdded = -1;

    /** Registers a fetched record; offsets must be added in increasing order. */
    public synchronized void add(long offset) {
        if (offset <= highestAdded) {
            throw new IllegalArgumentException("offset " + offset + " added after " + highestAdded);
        }
        unfinished.add(offset);
        highestAdded = offset;
    }

    /** Marks a record finished (processed, or written to the DLQ). */
    public synchronized void finish(long offset) {
        unfinished.remove(offset);
    }

    /**
     * The offset to commit (the next record to read after a restart): the lowest unfinished offset,
     * or one past the highest record when everything is finished; empty before any record.
     */
    public synchronized OptionalLong committable() {
        if (!unfinished.isEmpty()) {
            return OptionalLong.of(unfinished.first());
        }
        return highestAdded < 0 ? OptionalLong.empty() : OptionalLong.of(highestAdded + 1);
    }

    /** Records fetched and not finished. */
    public synchronized int unfinishedCount() {
        return unfinished.size();
    }
}
