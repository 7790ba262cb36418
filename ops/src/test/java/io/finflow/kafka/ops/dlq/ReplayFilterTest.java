package io.finflow.kafka.ops.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReplayFilterTest {

    private static DlqRecord record(String key, String exceptionClass, String message, Instant failedAt) {
        return new DlqRecord("t.dlq", 0, 5, Instant.parse("2026-01-01T09:00:00Z"), key, "{}", "id", "t", 1, 7L,
                "g", exceptionClass, message, 3, failedAt, 0);
    }

    @Test
    void exceptionMatchesClassOrMessageIgnoringCase() {
        ReplayFilter filter = ReplayFilter.parse("exception=timeout");
        assertThat(filter.matches(record("k", "org.apache.kafka.common.errors.TimeoutException", "x", null))).isTrue();
        assertThat(filter.matches(record("k", "java.lang.IllegalStateException", "ledger TIMEOUT", null))).isTrue();
        assertThat(filter.matches(record("k", "java.lang.IllegalStateException", "other", null))).isFalse();
        assertThat(filter.matches(record("k", null, null, null))).isFalse();
    }

    @Test
    void keyMatchesExactly() {
        ReplayFilter filter = ReplayFilter.parse("key=acc-1");
        assertThat(filter.matches(record("acc-1", null, null, null))).isTrue();
        assertThat(filter.matches(record("acc-10", null, null, null))).isFalse();
        assertThat(filter.matches(record(null, null, null, null))).isFalse();
    }

    @Test
    void sinceUsesFailedAtElseTheRecordTimestamp() {
        ReplayFilter filter = ReplayFilter.parse("since=2026-01-01T10:00:00+01:00");
        assertThat(filter.since()).isEqualTo(Instant.parse("2026-01-01T09:00:00Z"));
        assertThat(filter.matches(record("k", null, null, Instant.parse("2026-01-01T09:00:00Z")))).isTrue();
        assertThat(filter.matches(record("k", null, null, Instant.parse("2026-01-01T08:59:59Z")))).isFalse();
        assertThat(filter.matches(record("k", null, null, null))).as("record timestamp 09:00 counts").isTrue();
        assertThat(filter).hasToString("since=2026-01-01T09:00:00Z");
    }

    @Test
    void allFiltersMustMatch() {
        List<ReplayFilter> filters = List.of(ReplayFilter.parse("key=a"), ReplayFilter.parse("exception=x"));
        assertThat(ReplayFilter.allMatch(filters, record("a", "X", null, null))).isTrue();
        assertThat(ReplayFilter.allMatch(filters, record("a", "Y", null, null))).isFalse();
        assertThat(ReplayFilter.allMatch(List.of(), record(null, null, null, null))).isTrue();
    }

    @Test
    void badFiltersAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> ReplayFilter.parse("since=2026-01-01T10:00:00"))
                .hasMessage("filter 'since=2026-01-01T10:00:00': 2026-01-01T10:00:00 has no time zone; add Z or +01:00");
        assertThatThrownBy(() -> ReplayFilter.parse("topic=x")).hasMessageContaining("unknown filter 'topic'");
        assertThatThrownBy(() -> ReplayFilter.parse("key=")).hasMessage("filter 'key=' has no value after '='");
        assertThatThrownBy(() -> ReplayFilter.parse("timeout")).hasMessageContaining("must be exception=TEXT");
    }
}
