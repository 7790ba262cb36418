package io.finflow.kafka.internal;

import java.util.List;
import java.util.OptionalLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Tracks which fetched offsets of one partition are finished, to commit only up to the highest
 * contiguous finished record: with parallel processing, offset 7 may finish before offset 5, and
 * committing 8 then would lose 5 on a crash. Thread-safe.
 *
 * <p>The offsets from the lowest unfinished one to the highest fetched one are kept in a ring, in
 * the order they were added (increasing), each with a finished flag: adding and finishing allocate
 * nothing, and a finish finds its offset by binary search.
 */
public final class OffsetTracker {

    private static final int INITIAL_CAPACITY = 1024;

    private long[] offsets = new long[INITIAL_CAPACITY];
    private boolean[] finished = new boolean[INITIAL_CAPACITY];
    /** Ring position of the lowest tracked offset. */
    private int head;
    /** Offsets tracked, finished or not, from {@link #head} on. */
    private int size;
    private int unfinished;
    private long highestAdded = -1;

    /** Registers a fetched record; offsets must be added in increasing order. */
    public synchronized void add(long offset) {
        append(offset);
    }

    /** Registers fetched records of this partition, in their (increasing) offset order. */
    public synchronized void addAll(List<? extends ConsumerRecord<?, ?>> records) {
        for (ConsumerRecord<?, ?> record : records) {
            append(record.offset());
        }
    }

    /** Marks a record finished (processed, or written to the DLQ); an unknown offset is ignored. */
    public synchronized void finish(long offset) {
        int i = indexOf(offset);
        if (i < 0 || finished[slot(i)]) {
            return;
        }
        finished[slot(i)] = true;
        unfinished--;
        while (size > 0 && finished[head]) {
            head = (head + 1) % offsets.length;
            size--;
        }
    }

    /**
     * The offset to commit (the next record to read after a restart): the lowest unfinished offset,
     * or one past the highest record when everything is finished; empty before any record.
     */
    public synchronized OptionalLong committable() {
        if (size > 0) {
            return OptionalLong.of(offsets[head]);
        }
        return highestAdded < 0 ? OptionalLong.empty() : OptionalLong.of(highestAdded + 1);
    }

    /** Records fetched and not finished. */
    public synchronized int unfinishedCount() {
        return unfinished;
    }

    private void append(long offset) {
        if (offset <= highestAdded) {
            throw new IllegalArgumentException("offset " + offset + " added after " + highestAdded);
        }
        if (size == offsets.length) {
            grow();
        }
        int s = slot(size);
        offsets[s] = offset;
        finished[s] = false;
        size++;
        unfinished++;
        highestAdded = offset;
    }

    /** Position (0 = head) of an offset in the ring, or -1. */
    private int indexOf(long offset) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long value = offsets[slot(mid)];
            if (value < offset) {
                lo = mid + 1;
            } else if (value > offset) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private int slot(int index) {
        return (head + index) % offsets.length;
    }

    private void grow() {
        long[] newOffsets = new long[offsets.length * 2];
        boolean[] newFinished = new boolean[offsets.length * 2];
        for (int i = 0; i < size; i++) {
            newOffsets[i] = offsets[slot(i)];
            newFinished[i] = finished[slot(i)];
        }
        offsets = newOffsets;
        finished = newFinished;
        head = 0;
    }
}
