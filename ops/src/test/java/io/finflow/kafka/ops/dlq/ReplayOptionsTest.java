package io.finflow.kafka.ops.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReplayOptionsTest {

    @Test
    void ratesParsePerSecondOrPerMinute() {
        assertThat(ReplayOptions.parseRate("5000/s")).isEqualTo(5000);
        assertThat(ReplayOptions.parseRate("250")).isEqualTo(250);
        assertThat(ReplayOptions.parseRate("300/m")).isEqualTo(5);
        assertThat(ReplayOptions.parseRate(" 0.5/S ")).isEqualTo(0.5);
    }

    @Test
    void badRatesAreRefused() {
        assertThatThrownBy(() -> ReplayOptions.parseRate("fast")).hasMessageContaining("rate 'fast' is not a number");
        assertThatThrownBy(() -> ReplayOptions.parseRate("0/s")).hasMessage("rate must be more than 0, was 0/s");
        assertThatThrownBy(() -> ReplayOptions.parseRate("-5")).hasMessageContaining("more than 0");
    }

    @Test
    void defaultsAreADryRunWithThreeReplaysAndInvalidValuesAreNamed() {
        ReplayOptions options = ReplayOptions.dryRun();
        assertThat(options.execute()).isFalse();
        assertThat(options.maxReplays()).isEqualTo(3);
        assertThat(options.limit()).isZero();
        assertThatThrownBy(() -> options.toBuilder().maxReplays(0).build())
                .hasMessage("max replays must be >= 1, was 0");
        assertThatThrownBy(() -> options.toBuilder().limit(-1).build()).hasMessageContaining("limit must be >= 0");
    }
}
