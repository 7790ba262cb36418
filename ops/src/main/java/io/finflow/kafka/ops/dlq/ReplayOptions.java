package io.finflow.kafka.ops.dlq;

import java.util.List;

/**
 * How {@link DlqService#replay} runs.
 *
 * <pre>{@code
 * ReplayOptions options = ReplayOptions.dryRun()
 *         .withFilters(List.of(ReplayFilter.parse("exception=Timeout")))
 *         .withRatePerSecond(5000)
 *         .withExecute(true);
 * }</pre>
 *
 * @param filters       records must match all of them to be replayed; the others are passed over (see
 *                      {@link DlqService#replay})
 * @param limit         most records to republish (replayed or parked) in this run; 0 for no limit
 * @param ratePerSecond most records republished per second; 0 for no limit
 * @param maxReplays    a record already replayed this many times ({@code finflow.replay.count}) goes to
 *                      {@code <original-topic>.parking} instead of its topic; at least 1
 * @param execute       false (the default) only reads and reports what would be done; true republishes
 *                      and records progress
 */
public record ReplayOptions(List<ReplayFilter> filters, long limit, double ratePerSecond, int maxReplays,
                            boolean execute) {

    /** Replays allowed per record before it is parked. */
    public static final int DEFAULT_MAX_REPLAYS = 3;

    /** Validates the values and copies the filters. */
    public ReplayOptions {
        filters = filters == null ? List.of() : List.copyOf(filters);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0 (0 for no limit), was " + limit);
        }
        if (ratePerSecond < 0 || Double.isNaN(ratePerSecond) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be >= 0 records per second (0 for no limit), was "
                    + ratePerSecond);
        }
        if (maxReplays < 1) {
            throw new IllegalArgumentException("max replays must be >= 1, was " + maxReplays);
        }
    }

    /** Every record, no limit, no rate limit, {@link #DEFAULT_MAX_REPLAYS}, dry run. */
    public static ReplayOptions dryRun() {
        return new ReplayOptions(List.of(), 0, 0, DEFAULT_MAX_REPLAYS, false);
    }

    /** A copy with these filters. */
    public ReplayOptions withFilters(List<ReplayFilter> newFilters) {
        return new ReplayOptions(newFilters, limit, ratePerSecond, maxReplays, execute);
    }

    /** A copy with this limit (0 for none). */
    public ReplayOptions withLimit(long newLimit) {
        return new ReplayOptions(filters, newLimit, ratePerSecond, maxReplays, execute);
    }

    /** A copy with this rate (0 for none). */
    public ReplayOptions withRatePerSecond(double newRate) {
        return new ReplayOptions(filters, limit, newRate, maxReplays, execute);
    }

    /** A copy with this maximum replay count. */
    public ReplayOptions withMaxReplays(int newMax) {
        return new ReplayOptions(filters, limit, ratePerSecond, newMax, execute);
    }

    /** A copy that executes (true) or only reports (false). */
    public ReplayOptions withExecute(boolean newExecute) {
        return new ReplayOptions(filters, limit, ratePerSecond, maxReplays, newExecute);
    }

    /**
     * Parses a rate as typed: {@code 5000/s}, {@code 5000} or {@code 300/m}.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public static double parseRate(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a rate is required, such as 5000/s");
        }
        String value = text.trim().toLowerCase(java.util.Locale.ROOT);
        double per = 1;
        if (value.endsWith("/s")) {
            value = value.substring(0, value.length() - 2);
        } else if (value.endsWith("/m")) {
            value = value.substring(0, value.length() - 2);
            per = 60;
        }
        double rate;
        try {
            rate = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rate '" + text.trim() + "' is not a number of records per second"
                    + " such as 5000/s or 300/m");
        }
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be more than 0, was " + text.trim());
        }
        return rate / per;
    }
}
