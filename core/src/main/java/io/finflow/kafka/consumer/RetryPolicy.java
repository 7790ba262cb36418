package io.finflow.kafka.consumer;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;

import io.finflow.kafka.catalog.UnknownTopicException;
import io.finflow.kafka.producer.InvalidEventException;
import io.finflow.kafka.producer.TransactionSendException;
import io.finflow.kafka.schema.SchemaValidationException;

/**
 * How a failing handler is retried: exponential backoff with random jitter, for up to
 * {@link #maxRetryTime()} after the record's first failure (and at most {@link #maxAttempts()} calls),
 * after which the record goes to the dead letter topic.
 *
 * <p><b>Defaults: ride out minutes, not seconds.</b> A record whose handler fails is retried after
 * 1 s, 2 s, 4 s, 8 s, 16 s, then every 30 s ({@link #DEFAULT_MAX_BACKOFF}), each delay &plusmn;20%, for
 * {@link #DEFAULT_MAX_RETRY_TIME} (5 min, about 14 attempts): a downstream service restarting, a
 * database failover or a network blip of a few minutes costs a delay, not a dead letter per record.
 * Meanwhile the record's partition is paused and the consumer keeps polling, so the member stays in
 * its group however long the outage; other partitions keep flowing. A record that can never succeed
 * should fail fast: throw {@link NonRetryableException} (a business rule rejects it), or list its
 * exception type with {@link #withNonRetryable}.
 *
 * <p>The delay before attempt {@code n+1} is {@code min(maxBackoff, initialBackoff * multiplier^(n-1))},
 * then multiplied by a random factor in {@code [1 - jitter, 1 + jitter]} so that many consumers
 * failing together do not retry in lockstep.
 *
 * <p>Failures are classified: a {@link NonRetryableException} (or one of {@link #nonRetryable()}),
 * an event refused by validation ({@link SchemaValidationException}, {@link InvalidEventException},
 * {@link UnknownTopicException}: it would be refused again), a schema-invalid or undeserializable
 * record go to the DLQ at once; a {@link RetryableException} and any other exception are retried.
 * Wrappers ({@link CompletionException}, {@link ExecutionException}, {@link TransactionSendException})
 * are classified by their cause.
 *
 * <p>The same backoff and {@link #maxRetryTime()} apply when a dead letter write fails: the record
 * waits, its partition paused, and the write is retried; when the time is up the consumer stops.
 *
 * @param maxAttempts    handler calls per record, the first included; 1 disables retries;
 *                       {@link #UNLIMITED_ATTEMPTS} leaves the limit to {@code maxRetryTime}
 * @param initialBackoff delay before the second attempt
 * @param maxBackoff     largest delay between attempts
 * @param multiplier     growth factor of the delay, at least 1
 * @param jitter         relative randomness of each delay, between 0 and 1
 * @param nonRetryable   exception types that skip retries and go straight to the DLQ
 * @param maxRetryTime   how long after a record's first failure another attempt may still start
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier,
                          double jitter, List<Class<? extends Throwable>> nonRetryable, Duration maxRetryTime) {

    /** No limit on the number of attempts: {@link #maxRetryTime()} decides. */
    public static final int UNLIMITED_ATTEMPTS = Integer.MAX_VALUE;
    /** Attempts are limited by time, not by count. */
    public static final int DEFAULT_MAX_ATTEMPTS = UNLIMITED_ATTEMPTS;
    /** First delay: long enough for a lock or a connection to come back, short for a blip. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
    /** Largest delay: a recovered service is noticed within 30 s. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    public static final double DEFAULT_MULTIPLIER = 2.0;
    public static final double DEFAULT_JITTER = 0.2;
    /** How long a failing record is retried before it is dead-lettered. */
    public static final Duration DEFAULT_MAX_RETRY_TIME = Duration.ofMinutes(5);
    /** Upper limit of {@link #maxRetryTime()}: a day. */
    public static final Duration MAX_RETRY_TIME_LIMIT = Duration.ofDays(1);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryTime, "maxRetryTime");
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
        if (maxRetryTime.isNegative() || maxRetryTime.compareTo(MAX_RETRY_TIME_LIMIT) > 0) {
            throw new IllegalArgumentException("maxRetryTime must be between 0 and " + MAX_RETRY_TIME_LIMIT + ", was "
                    + maxRetryTime);
        }
        nonRetryable = nonRetryable == null ? List.of() : List.copyOf(nonRetryable);
    }

    /** Retries for 5 minutes: 1 s doubling up to 30 s, 20% jitter, no attempt limit. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF,
                DEFAULT_MULTIPLIER, DEFAULT_JITTER, List.of(), DEFAULT_MAX_RETRY_TIME);
    }

    /** No retries: the first failure goes to the DLQ. */
    public static RetryPolicy noRetries() {
        return defaults().withMaxAttempts(1);
    }

    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, initialBackoff, maxBackoff, multiplier, jitter, nonRetryable, maxRetryTime);
    }

    public RetryPolicy withBackoff(Duration initial, Duration max) {
        return new RetryPolicy(maxAttempts, initial, max, multiplier, jitter, nonRetryable, maxRetryTime);
    }

    public RetryPolicy withMultiplier(double newMultiplier) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, newMultiplier, jitter, nonRetryable,
                maxRetryTime);
    }

    public RetryPolicy withJitter(double newJitter) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, multiplier, newJitter, nonRetryable,
                maxRetryTime);
    }

    /** How long after a record's first failure another attempt may still start. */
    public RetryPolicy withMaxRetryTime(Duration time) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, multiplier, jitter, nonRetryable, time);
    }

    /** Adds exception types that go straight to the DLQ. */
    @SafeVarargs
    public final RetryPolicy withNonRetryable(Class<? extends Throwable>... types) {
        List<Class<? extends Throwable>> all = new java.util.ArrayList<>(nonRetryable);
        for (Class<? extends Throwable> type : types) {
            all.add(Objects.requireNonNull(type, "type"));
        }
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, multiplier, jitter, all, maxRetryTime);
    }

    /** The delay before the next attempt, after {@code failedAttempts} failed ones (1-based), jitter included. */
    public Duration backoffAfter(int failedAttempts) {
        double base = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, Math.min(failedAttempts, 64) - 1));
        double capped = Math.min(base, maxBackoff.toMillis());
        double factor = jitter == 0 ? 1.0 : 1.0 + ThreadLocalRandom.current().nextDouble(-jitter, jitter);
        return Duration.ofMillis(Math.round(capped * factor));
    }

    /**
     * True when another attempt is allowed after this failure, counting attempts only (the time limit
     * is checked by {@link #shouldRetry(Throwable, int, Duration)}).
     */
    public boolean shouldRetry(Throwable failure, int failedAttempts) {
        return failedAttempts < maxAttempts && isRetryable(failure);
    }

    /**
     * True when another attempt is allowed: the failure is retryable, fewer than {@code maxAttempts}
     * calls were made, and the next attempt would start within {@code maxRetryTime} of the first failure.
     *
     * @param nextAttemptAt when the next attempt would start, counted from the record's first failure
     */
    public boolean shouldRetry(Throwable failure, int failedAttempts, Duration nextAttemptAt) {
        return shouldRetry(failure, failedAttempts) && nextAttemptAt.compareTo(maxRetryTime) <= 0;
    }

    /** Whether this failure may succeed on retry, by type. */
    public boolean isRetryable(Throwable failure) {
        Throwable f = unwrap(failure);
        if (f instanceof RetryableException) {
            return true;
        }
        if (f instanceof NonRetryableException || f instanceof PoisonRecordException
                || f instanceof ClassCastException || f instanceof SchemaValidationException
                || f instanceof InvalidEventException || f instanceof UnknownTopicException) {
            return false;
        }
        for (Class<? extends Throwable> type : nonRetryable) {
            if (type.isInstance(f) || type.isInstance(failure)) {
                return false;
            }
        }
        return true;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable f = failure;
        for (int depth = 0; depth < 8 && f.getCause() != null && isWrapper(f); depth++) {
            f = f.getCause();
        }
        return f;
    }

    private static boolean isWrapper(Throwable t) {
        return t instanceof CompletionException || t instanceof ExecutionException
                || t instanceof TransactionSendException;
    }
}
