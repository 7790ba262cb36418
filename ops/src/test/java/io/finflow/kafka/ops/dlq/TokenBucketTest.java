package io.finflow.kafka.ops.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void startsFullThenRefillsAtTheRate() {
        TokenBucket bucket = new TokenBucket(100, 5, now::get);
        for (int i = 0; i < 5; i++) {
            assertThat(bucket.tryAcquire()).as("burst token " + i).isTrue();
        }
        assertThat(bucket.tryAcquire()).isFalse();
        assertThat(bucket.nanosUntilNextToken()).isEqualTo(10_000_000L);
        now.addAndGet(10_000_000L);
        assertThat(bucket.tryAcquire()).isTrue();
        assertThat(bucket.tryAcquire()).isFalse();
    }

    @Test
    void neverHoldsMoreThanTheBurst() {
        TokenBucket bucket = new TokenBucket(1000, 3, now::get);
        now.addAndGet(60_000_000_000L);
        int taken = 0;
        while (bucket.tryAcquire()) {
            taken++;
        }
        assertThat(taken).isEqualTo(3);
    }

    @Test
    void overALongRunTheAverageIsTheRate() {
        TokenBucket bucket = new TokenBucket(5000, 500, now::get);
        long granted = 0;
        for (int step = 0; step < 10_000; step++) {
            now.addAndGet(100_000L);                       // 1 s in 0.1 ms steps
            while (bucket.tryAcquire()) {
                granted++;
            }
        }
        assertThat(granted).isBetween(5000L, 5500L);      // 1 s of rate plus at most the initial burst
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, now::get)).hasMessage("rate must be > 0 per second, was 0.0");
        assertThatThrownBy(() -> new TokenBucket(1, 0.5, now::get)).hasMessage("burst must be >= 1, was 0.5");
    }
}
