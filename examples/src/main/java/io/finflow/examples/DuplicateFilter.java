package io.finflow.examples;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The accounting service's bounded memory of recent transactions, one per partition of
 * {@code transaction-events}: the state of the last {@code capacity} transactions and transfer legs it
 * saw, so that a redelivered or republished event moves money only once ({@link TransactionRule}).
 * When full, the entry used least recently is forgotten; a forgotten transaction reads as
 * {@link TransactionRule.State#UNKNOWN}. Not thread-safe: the owner of the partition uses it from one
 * thread at a time.
 */
public final class DuplicateFilter {

    /** Entries kept per partition by default. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final int capacity;
    private final Map<String, TransactionRule.State> entries;

    /**
     * A filter remembering at most {@code capacity} entries.
     *
     * @param capacity entries kept, at least 1
     */
    public DuplicateFilter(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TransactionRule.State> eldest) {
                return size() > DuplicateFilter.this.capacity;
            }
        };
    }

    /** What is remembered of {@code key}: its state, or {@link TransactionRule.State#UNKNOWN}. */
    public TransactionRule.State state(String key) {
        return entries.getOrDefault(key, TransactionRule.State.UNKNOWN);
    }

    /** Remembers the state of {@code key}; the least recently used entry goes when the filter is full. */
    public void remember(String key, TransactionRule.State state) {
        entries.put(key, state);
    }

    /** Puts back what {@link #state} returned earlier: used to undo an attempt that did not commit. */
    public void restore(String key, TransactionRule.State previous) {
        if (previous == TransactionRule.State.UNKNOWN) {
            entries.remove(key);
        } else {
            entries.put(key, previous);
        }
    }

    /** Entries remembered now, at most {@link #capacity()}. */
    public int size() {
        return entries.size();
    }

    /** The most entries remembered. */
    public int capacity() {
        return capacity;
    }
}
