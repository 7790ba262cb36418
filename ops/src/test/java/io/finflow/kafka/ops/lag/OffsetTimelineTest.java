package io.finflow.kafka.ops.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class OffsetTimelineTest {

    @Test
    void aRecordBetweenTwoSamplesIsInterpolated() {
        OffsetTimeline t = new OffsetTimeline(10);
        t.add(100, 10_000);
        t.add(200, 20_000);
        // record 149 exists once the log end passed 150: half way from 100 to 200.
        assertThat(t.writeTime(149)).isCloseTo(15_000, within(1.0));
        assertThat(t.writeTime(199)).isCloseTo(20_000, within(1.0));
    }

    @Test
    void aRecordAtOrPastTheNewestLogEndHasNoTimeLag() {
        OffsetTimeline t = new OffsetTimeline(10);
        t.add(100, 10_000);
        assertThat(t.writeTime(100)).isInfinite();
        assertThat(t.writeTime(99)).as("one point: no estimate yet").isNaN();
    }

    @Test
    void aRecordOlderThanTheTableIsExtrapolatedAlongTheWholeTrend() {
        OffsetTimeline t = new OffsetTimeline(10);
        t.add(1_000, 100_000);
        t.add(1_100, 110_000);
        t.add(1_200, 120_000);
        // 10 records per second: record 899 existed from log end 900, 10 s before the oldest point.
        assertThat(t.writeTime(899)).isCloseTo(90_000, within(1.0));
    }

    @Test
    void anIdlePartitionKeepsTheStartAndEndOfItsFlatRun() {
        OffsetTimeline t = new OffsetTimeline(10);
        t.add(50, 1_000);
        t.add(100, 2_000);
        for (int i = 3; i <= 9; i++) {
            t.add(100, i * 1_000L);
        }
        assertThat(t.size()).isEqualTo(3);
        t.add(150, 10_000);
        // record 120 arrived after the flat run ended (9 s) and before 10 s.
        assertThat(t.writeTime(120)).isBetween(9_000.0, 10_000.0);
        assertThat(t.writeTime(75)).isBetween(1_000.0, 2_000.0);
    }

    @Test
    void withoutATrendARecordOlderThanTheTableIsAtLeastAsOldAsItsOldestPoint() {
        OffsetTimeline t = new OffsetTimeline(10);
        t.add(100, 5_000);
        t.add(100, 9_000);
        assertThat(t.writeTime(10)).isEqualTo(5_000);
    }

    @Test
    void olderPointsSeedTheTableAndTheCapacityDropsTheOldest() {
        OffsetTimeline t = new OffsetTimeline(3);
        t.addOlder(500, 50_000);
        t.addOlder(100, 10_000);
        t.addOlder(600, 5_000); // offset past the oldest: inconsistent, ignored
        t.add(900, 90_000);
        assertThat(t.writeTime(299)).isCloseTo(30_000, within(1.0));
        t.add(1_000, 100_000);
        assertThat(t.size()).isEqualTo(3);
        assertThat(t.writeTime(99)).as("the oldest point was dropped: extrapolated from 500@50s..1000@100s")
                .isCloseTo(10_000, within(1.0));
    }

    @Test
    void aTopicRecreatedWithLowerOffsetsRestartsTheTable() {
        OffsetTimeline t = new OffsetTimeline(10);
        t.add(1_000, 1_000);
        t.add(2_000, 2_000);
        t.add(10, 3_000);
        assertThat(t.size()).isEqualTo(1);
        t.add(5, 4_000);
        assertThat(t.size()).isEqualTo(1);
    }
}
