package io.finflow.kafka.ops.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ResetArgumentsTest {

    @Test
    void datetimesWithAZoneOrOffsetAreAccepted() {
        assertThat(ResetArguments.parseDatetime("2026-01-01T10:00:00Z")).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(ResetArguments.parseDatetime("2026-01-01T10:00:00+01:00"))
                .isEqualTo(Instant.parse("2026-01-01T09:00:00Z"));
        assertThat(ResetArguments.parseDatetime(" 2026-07-01T10:00:00.250+02:00[Europe/Paris] "))
                .isEqualTo(Instant.parse("2026-07-01T08:00:00.250Z"));
    }

    @Test
    void aDatetimeWithoutZoneIsRejectedInsteadOfReadInTheMachinesZone() {
        assertThatThrownBy(() -> ResetArguments.parseDatetime("2026-01-01T10:00:00"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("2026-01-01T10:00:00 has no time zone; add Z or +01:00");
        assertThatThrownBy(() -> ResetArguments.parseDatetime("2026-01-01"))
                .hasMessageContaining("2026-01-01 has no time and no time zone")
                .hasMessageContaining("2026-01-01T00:00:00Z");
        assertThatThrownBy(() -> ResetArguments.parseDatetime("yesterday"))
                .hasMessageContaining("'yesterday' is not an ISO-8601 date-time");
        assertThatThrownBy(() -> ResetArguments.parseDatetime(" ")).hasMessageContaining("required");
    }

    @Test
    void durationsAreIsoAndPositive() {
        assertThat(ResetArguments.parseDuration("P1DT2H")).isEqualTo(Duration.ofHours(26));
        assertThat(ResetArguments.parseDuration("pt30m")).isEqualTo(Duration.ofMinutes(30));
        assertThatThrownBy(() -> ResetArguments.parseDuration("1d"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'1d' is not an ISO-8601 duration");
        assertThatThrownBy(() -> ResetArguments.parseDuration("PT0S")).hasMessageContaining("must be positive, was PT0S");
        assertThatThrownBy(() -> ResetArguments.parseDuration("-PT1H")).hasMessageContaining("must be positive");
    }

    @Test
    void topicPartitionsAcceptAllPartitionsAListAndRanges() {
        assertThat(ResetArguments.parseTopicPartitions("transaction-events"))
                .isEqualTo(new TopicPartitions("transaction-events", List.of()));
        assertThat(ResetArguments.parseTopicPartitions("transaction-events:2,0,1,1"))
                .isEqualTo(new TopicPartitions("transaction-events", List.of(0, 1, 2)));
        assertThat(ResetArguments.parseTopicPartitions("t:0-2, 7").partitions()).containsExactly(0, 1, 2, 7);
    }

    @Test
    void badTopicPartitionsNameTheBadPart() {
        assertThatThrownBy(() -> ResetArguments.parseTopicPartitions("t:0,x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'x' in 't:0,x' is not a partition number (0 or more)");
        assertThatThrownBy(() -> ResetArguments.parseTopicPartitions("t:"))
                .hasMessageContaining("has no partitions after ':'");
        assertThatThrownBy(() -> ResetArguments.parseTopicPartitions(":1"))
                .hasMessageContaining("is not a topic name");
        assertThatThrownBy(() -> ResetArguments.parseTopicPartitions("t:3-1"))
                .hasMessageContaining("'3-1' in 't:3-1' is not a partition range");
        assertThatThrownBy(() -> ResetArguments.parseTopicPartitions("t:0,,1"))
                .hasMessageContaining("'' in 't:0,,1' is not a partition number");
    }
}
