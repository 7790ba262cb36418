package io.finflow.kafka.ops.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class ResetRequestTest {

    @Test
    void partitionsAreSortedAndOnlyFromFileMayOmitTheTopic() {
        ResetRequest request = ResetRequest.of("g", "t", ResetTarget.toEarliest()).withPartitions(List.of(2, 0, 2));
        assertThat(request.partitions()).containsExactly(0, 2);
        assertThat(request.allowClamp()).isFalse();
        assertThat(request.withAllowClamp(true).allowClamp()).isTrue();
        assertThat(ResetRequest.of("g", null, ResetTarget.fromFile(Path.of("b.csv"))).topic()).isNull();

        assertThatThrownBy(() -> ResetRequest.of("g", null, ResetTarget.toLatest()))
                .hasMessage("a topic is required to reset to-latest (only from-file may omit it)");
        assertThatThrownBy(() -> ResetRequest.of(" ", "t", ResetTarget.toLatest()))
                .hasMessageContaining("group must not be blank");
        assertThatThrownBy(() -> ResetRequest.of("g", "t", ResetTarget.toLatest()).withPartitions(List.of(-1)))
                .hasMessageContaining("partition numbers must be >= 0, was -1");
    }

    @Test
    void targetsValidateTheirValueAndDescribeThemselves() {
        assertThatThrownBy(() -> ResetTarget.toOffset(-3)).hasMessage("to-offset must be >= 0, was -3");
        assertThatThrownBy(() -> ResetTarget.byDuration(Duration.ZERO)).hasMessageContaining("must be positive");
        assertThat(ResetTarget.shiftBy(-100).describe()).isEqualTo("shift-by -100");
        assertThat(ResetTarget.byDuration(Duration.ofHours(2)).describe()).isEqualTo("by-duration PT2H");
    }
}
