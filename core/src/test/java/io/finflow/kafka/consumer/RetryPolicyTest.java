package io.finflow.kafka.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void backoffGrowsExponentiallyUpToTheCapWithoutJitter() {
        RetryPolicy p = RetryPolicy.defaults().withBackoff(Duration.ofMillis(100), Duration.ofMillis(1000)).withJitter(0);
        assertThat(p.backoffAfter(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(p.backoffAfter(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(p.backoffAfter(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(p.backoffAfter(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(p.backoffAfter(5)).isEqualTo(Duration.ofMillis(1000));
        assertThat(p.backoffAfter(30)).isEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void jitterStaysWithinItsBoundsAndVaries() {
        RetryPolicy p = RetryPolicy.defaults().withBackoff(Duration.ofMillis(1000), Duration.ofMillis(1000)).withJitter(0.2);
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            long ms = p.backoffAfter(1).toMillis();
            assertThat(ms).isBetween(800L, 1200L);
            seen.add(ms);
        }
        assertThat(seen.size()).as("jitter spreads retries").isGreaterThan(10);
    }

    @Test
    void failuresAreClassifiedByType() {
        RetryPolicy p = RetryPolicy.defaults().withNonRetryable(IllegalArgumentException.class);
        assertThat(p.isRetryable(new RetryableException("downstream 503"))).isTrue();
        assertThat(p.isRetryable(new TimeoutException("kafka timeout"))).isTrue();
        assertThat(p.isRetryable(new RuntimeException("unknown"))).isTrue();
        assertThat(p.isRetryable(new NonRetryableException("business rule"))).isFalse();
        assertThat(p.isRetryable(new PoisonRecordException("not json", null))).isFalse();
        assertThat(p.isRetryable(new ClassCastException())).isFalse();
        assertThat(p.isRetryable(new IllegalArgumentException("configured"))).isFalse();
        assertThat(p.isRetryable(new NumberFormatException("subclass of configured"))).isFalse();
    }

    @Test
    void attemptsAreBounded() {
        RetryPolicy p = RetryPolicy.defaults().withMaxAttempts(3);
        RuntimeException e = new RuntimeException();
        assertThat(p.shouldRetry(e, 1)).isTrue();
        assertThat(p.shouldRetry(e, 2)).isTrue();
        assertThat(p.shouldRetry(e, 3)).isFalse();
        assertThat(RetryPolicy.noRetries().shouldRetry(e, 1)).isFalse();
    }

    @Test
    void invalidValuesAreNamed() {
        assertThatThrownBy(() -> RetryPolicy.defaults().withMaxAttempts(0))
                .hasMessage("maxAttempts must be >= 1, was 0");
        assertThatThrownBy(() -> RetryPolicy.defaults().withJitter(1.5))
                .hasMessage("jitter must be between 0 and 1, was 1.5");
        assertThatThrownBy(() -> RetryPolicy.defaults().withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("maxBackoff (PT1S) must be >= initialBackoff (PT2S)");
    }
}
