package io.finflow.kafka.ops.lag;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Options of a {@link LagExporter}: immutable, built with {@link #builder()}; each setting is documented on
 * its {@link Builder} method.
 *
 * <pre>{@code
 * LagExporterOptions options = LagExporterOptions.builder().interval(Duration.ofSeconds(5))
 *         .groups(Pattern.compile("accounting-.*")).build();
 * }</pre>
 */
public final class LagExporterOptions {

    /** Sampling interval: frequent enough for a first status within a minute, cheap on the brokers. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    /** Samples per status window: 6 samples 10 s apart span 50 s, so a first status comes within a minute. */
    public static final int DEFAULT_WINDOW = 6;
    /** An hour of log end offsets at the default interval (flat runs take two points). */
    public static final int DEFAULT_TIMELINE_POINTS = 360;
    /** The cluster label when none is given. */
    public static final String DEFAULT_CLUSTER_NAME = "finflow";
    /** Per Admin round trip. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Shortest interval accepted: sampling faster only loads the group coordinators. */
    public static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    /** Largest window accepted. */
    public static final int MAX_WINDOW = 1_000;

    private final Duration interval;
    private final int window;
    private final int timelinePoints;
    private final Pattern groups;
    private final String clusterName;
    private final Duration timeout;

    private LagExporterOptions(Builder b) {
        this.interval = b.interval;
        this.window = b.window;
        this.timelinePoints = b.timelinePoints;
        this.groups = b.groups;
        this.clusterName = b.clusterName;
        this.timeout = b.timeout;
    }

    /** A builder holding the defaults (every group). */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults, every group. */
    public static LagExporterOptions defaults() {
        return builder().build();
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        return builder().interval(interval).window(window).timelinePoints(timelinePoints).groups(groups)
                .clusterName(clusterName).timeout(timeout);
    }

    /** See {@link Builder#interval}. */
    public Duration interval() {
        return interval;
    }

    /** See {@link Builder#window}. */
    public int window() {
        return window;
    }

    /** See {@link Builder#timelinePoints}. */
    public int timelinePoints() {
        return timelinePoints;
    }

    /** The groups exported, or null for every group; see {@link Builder#groups}. */
    public Pattern groups() {
        return groups;
    }

    /** See {@link Builder#clusterName}. */
    public String clusterName() {
        return clusterName;
    }

    /** See {@link Builder#timeout}. */
    public Duration timeout() {
        return timeout;
    }

    /** True when {@code groupId} is exported. */
    public boolean selects(String groupId) {
        return groups == null || groups.matcher(groupId).matches();
    }

    /** Builds {@link LagExporterOptions}; {@link #build()} checks the values. */
    public static final class Builder {
        private Duration interval = DEFAULT_INTERVAL;
        private int window = DEFAULT_WINDOW;
        private int timelinePoints = DEFAULT_TIMELINE_POINTS;
        private Pattern groups;
        private String clusterName = DEFAULT_CLUSTER_NAME;
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder() {
        }

        /**
         * Time between two samples of the committed and log end offsets. Default {@link #DEFAULT_INTERVAL};
         * at least {@link #MIN_INTERVAL}.
         */
        public Builder interval(Duration every) {
            this.interval = every;
            return this;
        }

        /**
         * Samples a Burrow-style status is evaluated over; the first status other than OK can come once a
         * partition has {@code window} samples, {@code (window - 1) * interval} after the exporter (or the group)
         * started. Default {@link #DEFAULT_WINDOW}; between 2 and {@link #MAX_WINDOW}.
         */
        public Builder window(int samples) {
            this.window = samples;
            return this;
        }

        /**
         * Log end offsets kept per partition to estimate time lag; older records are estimated by extrapolation
         * and by the points seeded from {@code listOffsets} by timestamp. Default {@link #DEFAULT_TIMELINE_POINTS};
         * at least 2.
         */
        public Builder timelinePoints(int points) {
            this.timelinePoints = points;
            return this;
        }

        /** Exports only the groups whose whole id matches {@code regex}. Default null: every group. */
        public Builder groups(Pattern regex) {
            this.groups = regex;
            return this;
        }

        /**
         * Value of the {@code cluster_name} label, as kafka-lag-exporter sets it. Default
         * {@link #DEFAULT_CLUSTER_NAME}; not blank.
         */
        public Builder clusterName(String name) {
            this.clusterName = name;
            return this;
        }

        /** Time allowed to each Admin round trip. Default {@link #DEFAULT_TIMEOUT}; positive. */
        public Builder timeout(Duration perCall) {
            this.timeout = perCall;
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException a value is out of its limits, named with the value
         */
        public LagExporterOptions build() {
            Objects.requireNonNull(interval, "interval");
            if (interval.compareTo(MIN_INTERVAL) < 0) {
                throw new IllegalArgumentException("interval must be >= " + MIN_INTERVAL.toMillis() + " ms, was "
                        + interval.toMillis() + " ms");
            }
            if (window < 2 || window > MAX_WINDOW) {
                throw new IllegalArgumentException("window must be between 2 and " + MAX_WINDOW + " samples, was "
                        + window);
            }
            if (timelinePoints < 2) {
                throw new IllegalArgumentException("timelinePoints must be >= 2, was " + timelinePoints);
            }
            if (clusterName == null || clusterName.isBlank()) {
                throw new IllegalArgumentException("clusterName must not be blank");
            }
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            return new LagExporterOptions(this);
        }
    }
}
