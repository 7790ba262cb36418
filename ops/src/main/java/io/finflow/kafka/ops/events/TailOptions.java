package io.finflow.kafka.ops.events;

/**
 * How {@link TailService#tail} reads.
 *
 * @param fromBeginning start at the first record still in the log instead of the end (only new records);
 *                      with a group, applies only where the group has no committed offset
 * @param group         consumer group to read in (subscribe, commit after printing); {@code null} to read
 *                      without a group ({@code assign}, nothing committed)
 * @param limit         stop after this many records; 0 to read until stopped
 */
public record TailOptions(boolean fromBeginning, String group, long limit) {

    /** Validates the values. */
    public TailOptions {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0 (0 for no limit), was " + limit);
        }
        if (group != null && group.isBlank()) {
            throw new IllegalArgumentException("group must not be blank");
        }
    }
}
