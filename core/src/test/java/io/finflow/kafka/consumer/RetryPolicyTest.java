package io.finflow.kafka.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void backoffGrowsExponentiallyUpToTheCapWithoutJitter() {
        RetryPolicy p = RetryPolicy.builder().initialBackoff(Duration.ofMillis(100))
                .maxBackoff(Duration.ofMillis(1000)).jitter(0).build();
        assertThat(p.backoffAfter(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(p.backoffAfter(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(p.backoffAfter(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(p.backoffAfter(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(p.backoffAfter(5)).isEqualTo(Duration.ofMillis(1000));
        assertThat(p.backoffAfter(30)).isEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void jitterStaysWithinItsBoundsAndVaries() {
        RetryPolicy p = RetryPolicy.builder().initialBackoff(Duration.ofMillis(1000))
                .maxBackoff(Duration.ofMillis(1000)).jitter(0.2).build();
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
        RetryPolicy p = RetryPolicy.builder().nonRetryable(IllegalArgumentException.class).build();
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
        RetryPolicy p = RetryPolicy.builder().maxAttempts(3).build();
        RuntimeException e = new RuntimeException();
        assertThat(p.shouldRetry(e, 1)).isTrue();
        assertThat(p.shouldRetry(e, 2)).isTrue();
        assertThat(p.shouldRetry(e, 3)).isFalse();
        assertThat(RetryPolicy.noRetries().shouldRetry(e, 1)).isFalse();
    }

    /** The defaults must ride out an outage of minutes: the budget a record gets before its dead letter. */
    @Test
    void theDefaultsRetryForFiveMinutesWithABackoffGrowingToThirtySeconds() {
        RetryPolicy d = RetryPolicy.defaults();
        assertThat(d.maxRetryTime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(d.maxAttempts()).isEqualTo(RetryPolicy.UNLIMITED_ATTEMPTS);
        RetryPolicy exact = d.toBuilder().jitter(0).build();
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7).stream().map(exact::backoffAfter).map(Duration::toSeconds).toList())
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
        // Walk the schedule as the consumer does: retry while the next attempt starts within the budget.
        Duration at = Duration.ZERO;
        int attempts = 1;
        RuntimeException outage = new RetryableException("ledger service unavailable");
        while (exact.shouldRetry(outage, attempts, at.plus(exact.backoffAfter(attempts)))) {
            at = at.plus(exact.backoffAfter(attempts));
            attempts++;
        }
        assertThat(at).as("the last attempt starts within 5 min, more than 4.5 min after the first failure")
                .isBetween(Duration.ofSeconds(270), Duration.ofMinutes(5));
        assertThat(attempts).isBetween(12, 16);
        assertThat(exact.shouldRetry(outage, 6, Duration.ofSeconds(30))).as("a 30 s outage is ridden out").isTrue();
        assertThat(exact.shouldRetry(outage, 14, Duration.ofSeconds(301))).isFalse();
        // With jitter the delays stay within +-20% of the exact ones.
        for (int i = 0; i < 100; i++) {
            assertThat(d.backoffAfter(7).toMillis()).isBetween(24_000L, 36_000L);
        }
    }

    @Test
    void refusedEventsAndWrappedFailuresAreClassifiedByTheirCause() {
        RetryPolicy p = RetryPolicy.defaults();
        var refused = new io.finflow.kafka.producer.InvalidEventException("no key");
        assertThat(p.isRetryable(refused)).isFalse();
        assertThat(p.isRetryable(new java.util.concurrent.CompletionException(refused))).isFalse();
        assertThat(p.isRetryable(new io.finflow.kafka.producer.TransactionSendException("aborted", 1, refused)))
                .isFalse();
        assertThat(p.isRetryable(new io.finflow.kafka.producer.TransactionSendException("aborted", 1,
                new TimeoutException("not acknowledged")))).isTrue();
        assertThat(p.shouldRetry(new RuntimeException(), 1, p.maxRetryTime().plusMillis(1))).isFalse();
    }

    @Test
    void invalidValuesAreNamed() {
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0).build())
                .hasMessage("maxAttempts must be >= 1, was 0");
        assertThatThrownBy(() -> RetryPolicy.builder().jitter(1.5).build())
                .hasMessage("jitter must be between 0 and 1, was 1.5");
        assertThatThrownBy(() -> RetryPolicy.builder().initialBackoff(Duration.ofSeconds(2))
                .maxBackoff(Duration.ofSeconds(1)).build())
                .hasMessageContaining("maxBackoff (PT1S) must be >= initialBackoff (PT2S)");
        assertThatThrownBy(() -> RetryPolicy.builder().maxRetryTime(Duration.ofDays(2)).build())
                .hasMessage("maxRetryTime must be between 0 and PT24H, was PT48H");
    }
}
