package io.finflow.kafka.ops.dlq;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * A token bucket rate limiter: {@code ratePerSecond} tokens are added per second, up to {@code burst}
 * tokens are kept. {@link #acquire()} takes one token, waiting for it when the bucket is empty. Not
 * thread-safe: one bucket per sending thread.
 *
 * <pre>{@code
 * TokenBucket bucket = TokenBucket.perSecond(5000);
 * for (Record r : records) {
 *     bucket.acquire();        // at most 5000 per second on average, bursts of at most 500
 *     send(r);
 * }
 * }</pre>
 */
public final class TokenBucket {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double ratePerNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    /**
     * A bucket that starts full.
     *
     * @param ratePerSecond tokens added per second, more than 0
     * @param burst         most tokens kept, at least 1
     * @param nanoTime      the clock, {@code System::nanoTime} outside tests
     */
    public TokenBucket(double ratePerSecond, double burst, LongSupplier nanoTime) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be > 0 per second, was " + ratePerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be >= 1, was " + burst);
        }
        this.ratePerNano = ratePerSecond / NANOS_PER_SECOND;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.last = nanoTime.getAsLong();
    }

    /** A bucket on the system clock with a burst of a tenth of a second's worth of tokens (at least 1). */
    public static TokenBucket perSecond(double ratePerSecond) {
        return new TokenBucket(ratePerSecond, Math.max(1, ratePerSecond / 10), System::nanoTime);
    }

    /** Takes a token if one is available now. */
    public boolean tryAcquire() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Nanoseconds until a token will be available, 0 when one is available now. */
    public long nanosUntilNextToken() {
        refill();
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / ratePerNano);
    }

    /**
     * Takes a token, waiting until one is available.
     *
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    public void acquire() throws InterruptedException {
        while (!tryAcquire()) {
            LockSupport.parkNanos(Math.max(1_000, nanosUntilNextToken()));
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for the replay rate limit");
            }
        }
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        long elapsed = now - last;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * ratePerNano);
            last = now;
        }
    }
}
