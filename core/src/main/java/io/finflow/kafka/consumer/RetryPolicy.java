package io.finflow.kafka.consumer;

import java.time.Duration;
import java.util.ArrayList;
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
 * after which the record goes to the dead letter topic. Immutable and thread-safe; built with
 * {@link #builder()} (every setting, its default and its limits are documented on {@link Builder}).
 *
 * <pre>{@code
 * RetryPolicy retry = RetryPolicy.builder()
 *         .maxRetryTime(Duration.ofMinutes(1))
 *         .nonRetryable(IllegalArgumentException.class)
 *         .build();
 * }</pre>
 *
 * <p><b>Defaults: ride out minutes, not seconds.</b> A record whose handler fails is retried after
 * 1 s, 2 s, 4 s, 8 s, 16 s, then every 30 s ({@link #DEFAULT_MAX_BACKOFF}), each delay &plusmn;20%, for
 * {@link #DEFAULT_MAX_RETRY_TIME} (5 min, about 14 attempts): a downstream service restarting, a
 * database failover or a network blip of a few minutes costs a delay, not a dead letter per record.
 * Meanwhile the record's partition is paused and the consumer keeps polling, so the member stays in
 * its group however long the outage; other partitions keep flowing. A record that can never succeed
 * should fail fast: throw {@link NonRetryableException} (a business rule rejects it), or list its
 * exception type with {@link Builder#nonRetryable}.
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
 */
public final class RetryPolicy {

    /** No limit on the number of attempts: {@link #maxRetryTime()} decides. */
    public static final int UNLIMITED_ATTEMPTS = Integer.MAX_VALUE;
    /** Attempts are limited by time, not by count. */
    public static final int DEFAULT_MAX_ATTEMPTS = UNLIMITED_ATTEMPTS;
    /** First delay: long enough for a lock or a connection to come back, short for a blip. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
    /** Largest delay: a recovered service is noticed within 30 s. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    /** Each delay doubles the previous one. */
    public static final double DEFAULT_MULTIPLIER = 2.0;
    /** Each delay varies by up to &plusmn;20%. */
    public static final double DEFAULT_JITTER = 0.2;
    /** How long a failing record is retried before it is dead-lettered. */
    public static final Duration DEFAULT_MAX_RETRY_TIME = Duration.ofMinutes(5);
    /** Upper limit of {@link #maxRetryTime()}: a day. */
    public static final Duration MAX_RETRY_TIME_LIMIT = Duration.ofDays(1);

    private static final RetryPolicy DEFAULTS = builder().build();
    private static final RetryPolicy NO_RETRIES = builder().maxAttempts(1).build();

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final double multiplier;
    private final double jitter;
    private final List<Class<? extends Throwable>> nonRetryable;
    private final Duration maxRetryTime;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.multiplier = b.multiplier;
        this.jitter = b.jitter;
        this.nonRetryable = List.copyOf(b.nonRetryable);
        this.maxRetryTime = b.maxRetryTime;
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Retries for 5 minutes: 1 s doubling up to 30 s, 20% jitter, no attempt limit. */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /** No retries: the first failure goes to the DLQ. */
    public static RetryPolicy noRetries() {
        return NO_RETRIES;
    }

    /** A builder holding this policy's settings, to derive another policy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxAttempts = maxAttempts;
        b.initialBackoff = initialBackoff;
        b.maxBackoff = maxBackoff;
        b.multiplier = multiplier;
        b.jitter = jitter;
        b.nonRetryable.addAll(nonRetryable);
        b.maxRetryTime = maxRetryTime;
        return b;
    }

    /** Handler calls per record, the first included; see {@link Builder#maxAttempts}. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Delay before the second attempt; see {@link Builder#initialBackoff}. */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** Largest delay between attempts; see {@link Builder#maxBackoff}. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** Growth factor of the delay; see {@link Builder#multiplier}. */
    public double multiplier() {
        return multiplier;
    }

    /** Relative randomness of each delay; see {@link Builder#jitter}. */
    public double jitter() {
        return jitter;
    }

    /** Exception types that skip retries (immutable); see {@link Builder#nonRetryable}. */
    public List<Class<? extends Throwable>> nonRetryable() {
        return nonRetryable;
    }

    /** How long after a record's first failure another attempt may still start; see {@link Builder#maxRetryTime}. */
    public Duration maxRetryTime() {
        return maxRetryTime;
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

    @Override
    public boolean equals(Object o) {
        return o instanceof RetryPolicy p && maxAttempts == p.maxAttempts && initialBackoff.equals(p.initialBackoff)
                && maxBackoff.equals(p.maxBackoff) && Double.compare(multiplier, p.multiplier) == 0
                && Double.compare(jitter, p.jitter) == 0 && nonRetryable.equals(p.nonRetryable)
                && maxRetryTime.equals(p.maxRetryTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAttempts, initialBackoff, maxBackoff, multiplier, jitter, nonRetryable, maxRetryTime);
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + (maxAttempts == UNLIMITED_ATTEMPTS ? "unlimited" : maxAttempts)
                + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff + ", multiplier=" + multiplier
                + ", jitter=" + jitter + ", nonRetryable=" + nonRetryable.stream().map(Class::getName).toList()
                + ", maxRetryTime=" + maxRetryTime + "]";
    }

    /**
     * Builds a {@link RetryPolicy}. Each setter documents one setting with its default; {@link #build()}
     * checks them all and names the first bad value. Not thread-safe; reusable (each {@code build()}
     * returns a new policy).
     */
    public static final class Builder {
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private double multiplier = DEFAULT_MULTIPLIER;
        private double jitter = DEFAULT_JITTER;
        private final List<Class<? extends Throwable>> nonRetryable = new ArrayList<>();
        private Duration maxRetryTime = DEFAULT_MAX_RETRY_TIME;

        private Builder() {
        }

        /**
         * Handler calls per record, the first included: 1 disables retries. Default
         * {@link #DEFAULT_MAX_ATTEMPTS} ({@link #UNLIMITED_ATTEMPTS}): {@link #maxRetryTime} decides.
         * At least 1.
         */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = attempts;
            return this;
        }

        /** Delay before the second attempt. Default {@link #DEFAULT_INITIAL_BACKOFF} (1 s); at least 0. */
        public Builder initialBackoff(Duration initial) {
            this.initialBackoff = initial;
            return this;
        }

        /**
         * Largest delay between attempts. Default {@link #DEFAULT_MAX_BACKOFF} (30 s); at least
         * {@link #initialBackoff}.
         */
        public Builder maxBackoff(Duration max) {
            this.maxBackoff = max;
            return this;
        }

        /** Growth factor of the delay. Default {@link #DEFAULT_MULTIPLIER} (2); a finite number, at least 1. */
        public Builder multiplier(double factor) {
            this.multiplier = factor;
            return this;
        }

        /**
         * Relative randomness of each delay: 0.2 makes each delay 80% to 120% of the computed one.
         * Default {@link #DEFAULT_JITTER} (0.2); between 0 and 1.
         */
        public Builder jitter(double relative) {
            this.jitter = relative;
            return this;
        }

        /**
         * Adds exception types that go straight to the DLQ without retries (subclasses included; a
         * wrapper such as {@link CompletionException} is matched by its cause too). None by default:
         * {@link NonRetryableException} and validation failures never need listing.
         */
        @SafeVarargs
        public final Builder nonRetryable(Class<? extends Throwable>... types) {
            for (Class<? extends Throwable> type : types) {
                nonRetryable.add(Objects.requireNonNull(type, "nonRetryable type"));
            }
            return this;
        }

        /**
         * How long after a record's first failure another attempt may still start; then the record is
         * dead-lettered (and a failing dead letter write stops the consumer). Default
         * {@link #DEFAULT_MAX_RETRY_TIME} (5 min); between 0 and {@link #MAX_RETRY_TIME_LIMIT} (a day).
         */
        public Builder maxRetryTime(Duration time) {
            this.maxRetryTime = time;
            return this;
        }

        /**
         * The policy.
         *
         * @throws IllegalArgumentException a setting is out of its limits (the message names it and its value)
         * @throws NullPointerException     a duration is null
         */
        public RetryPolicy build() {
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
                throw new IllegalArgumentException("maxRetryTime must be between 0 and " + MAX_RETRY_TIME_LIMIT
                        + ", was " + maxRetryTime);
            }
            return new RetryPolicy(this);
        }
    }
}
