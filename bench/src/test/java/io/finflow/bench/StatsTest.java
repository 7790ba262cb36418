package io.finflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(Stats.median(3, 1, 2)).isEqualTo(2);
        assertThat(Stats.median(4, 1, 3, 2)).isEqualTo(2.5);
        assertThat(Stats.median(7)).isEqualTo(7);
    }

    @Test
    void nearestRankPercentiles() {
        long[] values = new long[100];
        for (int i = 0; i < 100; i++) {
            values[i] = i + 1;
        }
        assertThat(Stats.percentile(values, 50)).isEqualTo(50);
        assertThat(Stats.percentile(values, 99)).isEqualTo(99);
        assertThat(Stats.percentile(values, 99.9)).isEqualTo(100);
        assertThat(Stats.percentile(values, 100)).isEqualTo(100);
        assertThat(Stats.percentile(new long[] {5}, 50)).isEqualTo(5);
    }

    @Test
    void refusesEmptyInputAndPercentilesOutOfRange() {
        assertThatThrownBy(Stats::median).hasMessage("median of no values");
        assertThatThrownBy(() -> Stats.percentile(new long[] {1}, 0)).hasMessage("percentile must be in (0, 100], was 0.0");
    }
}
