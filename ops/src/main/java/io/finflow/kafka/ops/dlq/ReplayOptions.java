package io.finflow.kafka.ops.dlq;

import java.util.List;

/**
 * How {@link DlqService#replay} runs: immutable, built with {@link #builder()}; each setting is documented on
 * its {@link Builder} method.
 *
 * <pre>{@code
 * ReplayOptions options = ReplayOptions.builder()
 *         .filters(List.of(ReplayFilter.parse("exception=Timeout")))
 *         .ratePerSecond(5000)
 *         .execute(true)
 *         .build();
 * }</pre>
 */
public final class ReplayOptions {

    /** Replays allowed per record before it is parked. */
    public static final int DEFAULT_MAX_REPLAYS = 3;

    private final List<ReplayFilter> filters;
    private final long limit;
    private final double ratePerSecond;
    private final int maxReplays;
    private final boolean execute;

    private ReplayOptions(Builder b) {
        this.filters = List.copyOf(b.filters);
        this.limit = b.limit;
        this.ratePerSecond = b.ratePerSecond;
        this.maxReplays = b.maxReplays;
        this.execute = b.execute;
    }

    /** A builder holding the defaults: every record, no limit, no rate limit, {@link #DEFAULT_MAX_REPLAYS}, dry run. */
    public static Builder builder() {
        return new Builder();
    }

    /** Every record, no limit, no rate limit, {@link #DEFAULT_MAX_REPLAYS}, dry run. */
    public static ReplayOptions dryRun() {
        return builder().build();
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        return builder().filters(filters).limit(limit).ratePerSecond(ratePerSecond).maxReplays(maxReplays)
                .execute(execute);
    }

    /** See {@link Builder#filters}. */
    public List<ReplayFilter> filters() {
        return filters;
    }

    /** See {@link Builder#limit}. */
    public long limit() {
        return limit;
    }

    /** See {@link Builder#ratePerSecond}. */
    public double ratePerSecond() {
        return ratePerSecond;
    }

    /** See {@link Builder#maxReplays}. */
    public int maxReplays() {
        return maxReplays;
    }

    /** See {@link Builder#execute}. */
    public boolean execute() {
        return execute;
    }

    /** Builds {@link ReplayOptions}; {@link #build()} checks the values. */
    public static final class Builder {
        private List<ReplayFilter> filters = List.of();
        private long limit;
        private double ratePerSecond;
        private int maxReplays = DEFAULT_MAX_REPLAYS;
        private boolean execute;

        private Builder() {
        }

        /**
         * Records must match all of them to be replayed; the others are passed over (see {@link DlqService#replay}).
         * Default none: every record.
         */
        public Builder filters(List<ReplayFilter> all) {
            this.filters = all == null ? List.of() : List.copyOf(all);
            return this;
        }

        /** Most records to republish (replayed or parked) in this run. Default 0: no limit; at least 0. */
        public Builder limit(long most) {
            this.limit = most;
            return this;
        }

        /** Most records republished per second. Default 0: no limit; a finite number, at least 0. */
        public Builder ratePerSecond(double rate) {
            this.ratePerSecond = rate;
            return this;
        }

        /**
         * A record already replayed this many times ({@value ReplayHeaders#REPLAY_COUNT}) goes to
         * {@code <original-topic>.parking} instead of its topic. Default {@link #DEFAULT_MAX_REPLAYS}; at least 1.
         */
        public Builder maxReplays(int most) {
            this.maxReplays = most;
            return this;
        }

        /** True republishes and records progress; false (the default) only reads and reports what would be done. */
        public Builder execute(boolean run) {
            this.execute = run;
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException a value is out of its limits, named with the value
         */
        public ReplayOptions build() {
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
            return new ReplayOptions(this);
        }
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
