package io.finflow.kafka.internal;

import java.time.Duration;
import java.util.Objects;

/** Checks of the durations the options take; one wording for every option. Not API. */
public final class Durations {

    private Durations() {
    }

    /**
     * Refuses a null, zero or negative duration.
     *
     * @throws NullPointerException     {@code d} is null (the message is {@code name})
     * @throws IllegalArgumentException {@code d} is zero or negative: "{@code name} must be positive, was ..."
     */
    public static void requirePositive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
