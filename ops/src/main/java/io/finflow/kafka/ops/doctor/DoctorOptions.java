package io.finflow.kafka.ops.doctor;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link DoctorService} checks.
 *
 * @param timeout        time allowed to each call to Kafka, the connectivity check included
 * @param sampleInterval time between the two lag samples that show a group's lag growing or its offsets not
 *                       moving; {@link Duration#ZERO} takes one sample (only groups with lag and no members
 *                       are then reported)
 */
public record DoctorOptions(Duration timeout, Duration sampleInterval) {

    /** Default time allowed to each call to Kafka. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** Default time between the two lag samples. */
    public static final Duration DEFAULT_SAMPLE_INTERVAL = Duration.ofSeconds(5);

    /** Validates the durations. */
    public DoctorOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(sampleInterval, "sampleInterval");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (sampleInterval.isNegative()) {
            throw new IllegalArgumentException("sample interval must be >= 0, was " + sampleInterval);
        }
    }

    /** {@link #DEFAULT_TIMEOUT} and {@link #DEFAULT_SAMPLE_INTERVAL}. */
    public static DoctorOptions defaults() {
        return new DoctorOptions(DEFAULT_TIMEOUT, DEFAULT_SAMPLE_INTERVAL);
    }
}
