package io.finflow.kafka.ops.lag;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Options of a {@link LagExporter}.
 *
 * @param interval       time between two samples of the committed and log end offsets
 * @param window         samples a Burrow-style status is evaluated over; the first status other than OK can
 *                       come once a partition has {@code window} samples, {@code (window - 1) * interval} after
 *                       the exporter (or the group) started
 * @param timelinePoints log end offsets kept per partition to estimate time lag; older records are estimated
 *                       by extrapolation and by the points seeded from {@code listOffsets} by timestamp
 * @param groups         group ids to export (whole-id match); {@code null} for every group
 * @param clusterName    value of the {@code cluster_name} label, as kafka-lag-exporter sets it
 * @param timeout        time allowed to each Admin round trip
 */
public record LagExporterOptions(Duration interval, int window, int timelinePoints, Pattern groups,
                                 String clusterName, Duration timeout) {

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

    public LagExporterOptions {
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
    }

    /** The defaults, every group. */
    public static LagExporterOptions defaults() {
        return new LagExporterOptions(DEFAULT_INTERVAL, DEFAULT_WINDOW, DEFAULT_TIMELINE_POINTS, null,
                DEFAULT_CLUSTER_NAME, DEFAULT_TIMEOUT);
    }

    public LagExporterOptions withInterval(Duration newInterval) {
        return new LagExporterOptions(newInterval, window, timelinePoints, groups, clusterName, timeout);
    }

    public LagExporterOptions withWindow(int samples) {
        return new LagExporterOptions(interval, samples, timelinePoints, groups, clusterName, timeout);
    }

    /** Exports only the groups whose whole id matches {@code regex}; null for every group. */
    public LagExporterOptions withGroups(Pattern regex) {
        return new LagExporterOptions(interval, window, timelinePoints, regex, clusterName, timeout);
    }

    public LagExporterOptions withClusterName(String name) {
        return new LagExporterOptions(interval, window, timelinePoints, groups, name, timeout);
    }

    public LagExporterOptions withTimeout(Duration newTimeout) {
        return new LagExporterOptions(interval, window, timelinePoints, groups, clusterName, newTimeout);
    }

    /** True when {@code groupId} is exported. */
    public boolean selects(String groupId) {
        return groups == null || groups.matcher(groupId).matches();
    }
}
