package io.finflow.kafka.consumer;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a failing handler is retried: exponential backoff with random jitter, up to a number of
 * attempts, after which the record goes to the dead letter topic.
 *
 * <p>The delay before attempt {@code n+1} is {@code min(maxBackoff, initialBackoff * multiplier^(n-1))},
 * then multiplied by a random factor in {@code [1 - jitter, 1 + jitter]} so that many consumers
 * failing together do not retry in lockstep.
 *
 * <p>Failures are classified: a {@link NonRetryableException} (or one of {@link #nonRetryable()}),
 * a schema-invalid or undeserializable record go to the DLQ at once; a {@link RetryableException}
 * and any other exception are retried.
 *
 * @param maxAttempts    handler calls per record, the first included; 1 disables retries
 * @param initialBackoff delay before the second attempt
 * @param maxBackoff     largest delay between attempts
 * @param multiplier     growth factor of the delay, at least 1
 * @param jitter         relative randomness of each delay, between 0 and 1
 * @param nonRetryable   exception types that skip retries and go straight to the DLQ
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier,
                          double jitter, List<Class<? extends Throwable>> nonRetryable) {

    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);
    public static final double DEFAULT_MULTIPLIER = 2.0;
    public static final double DEFAULT_JITTER = 0.2;

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative()) {
            throw new IllegalArgumentException("initialBackoff must be >= 0, was " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") must be >= initialBackoff ("
                    + initialBackoff + ")");
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) { // also refuses NaN
            throw new IllegalArgumentException("multiplier must be a finite number >= 1, was " + multiplier);
        }
        if (!(jitter >= 0 && jitter <= 1)) { // also refuses NaN
            throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
        }
        nonRetryable = nonRetryable == null ? List.of() : List.copyOf(nonRetryable);
    }

    /** 5 attempts, 200 ms doubling up to 10 s, 20% jitter. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF,
                DEFAULT_MULTIPLIER, DEFAULT_JITTER, List.of());
    }

    /** No retries: the first failure goes to the DLQ. */
    public static RetryPolicy noRetries() {
        return defaults().withMaxAttempts(1);
    }

    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, initialBackoff, maxBackoff, multiplier, jitter, nonRetryable);
    }

    public RetryPolicy withBackoff(Duration initial, Duration max) {
        return new RetryPolicy(maxAttempts, initial, max, multiplier, jitter, nonRetryable);
    }

    public RetryPolicy withMultiplier(double newMultiplier) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, newMultiplier, jitter, nonRetryable);
    }

    public RetryPolicy withJitter(double newJitter) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, multiplier, newJitter, nonRetryable);
    }

    /** Adds exception types that go straight to the DLQ. */
    @SafeVarargs
    public final RetryPolicy withNonRetryable(Class<? extends Throwable>... types) {
        List<Class<? extends Throwable>> all = new java.util.ArrayList<>(nonRetryable);
        all.addAll(List.of(types));
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, multiplier, jitter, all);
    }

    /** The delay before the next attempt, after {@code failedAttempts} failed ones (1-based), jitter included. */
    public Duration backoffAfter(int failedAttempts) {
        double base = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempts - 1));
        double capped = Math.min(base, maxBackoff.toMillis());
        double factor = jitter == 0 ? 1.0 : 1.0 + ThreadLocalRandom.current().nextDouble(-jitter, jitter);
        return Duration.ofMillis(Math.round(capped * factor));
    }

    /** True when another attempt is allowed after this failure. */
    public boolean shouldRetry(Throwable failure, int failedAttempts) {
        return failedAttempts < maxAttempts && isRetryable(failure);
    }

    /** Whether this failure may succeed on retry, by type. */
    public boolean isRetryable(Throwable failure) {
        if (failure instanceof RetryableException) {
            return true;
        }
        if (failure instanceof NonRetryableException || failure instanceof PoisonRecordException
                || failure instanceof ClassCastException) {
            return false;
        }
        for (Class<? extends Throwable> type : nonRetryable) {
            if (type.isInstance(failure)) {
                return false;
            }
        }
        return true;
    }
}
