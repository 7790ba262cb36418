package io.finflow.kafka.ops.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Burrow's rules on sampled windows: each status from the shape of the window, no thresholds. */
class LagEvaluatorTest {

    private static final boolean OWNED = true;
    private static final boolean UNOWNED = false;

    /** Samples 10 s apart from (committed, logEnd) pairs. */
    private static List<OffsetWindow.Sample> window(long... committedAndLogEnd) {
        List<OffsetWindow.Sample> samples = new ArrayList<>();
        for (int i = 0; i < committedAndLogEnd.length; i += 2) {
            samples.add(new OffsetWindow.Sample(i * 5_000L, committedAndLogEnd[i], committedAndLogEnd[i + 1]));
        }
        return samples;
    }

    @Test
    void caughtUpNowIsOk() {
        assertThat(LagEvaluator.evaluate(window(10, 20, 10, 30, 40, 40), true, UNOWNED)).isEqualTo(PartitionStatus.OK);
    }

    @Test
    void anIncompleteWindowIsOkWhateverItShows() {
        assertThat(LagEvaluator.evaluate(window(10, 20, 10, 30), false, OWNED)).isEqualTo(PartitionStatus.OK);
    }

    @Test
    void anOwnedPartitionWhoseOffsetNeverMovesWhileLaggingIsStalled() {
        assertThat(LagEvaluator.evaluate(window(10, 20, 10, 25, 10, 30, 10, 30), true, OWNED))
                .isEqualTo(PartitionStatus.STALL);
    }

    @Test
    void anUnownedPartitionWhoseOffsetStopsMovingIsStopped() {
        assertThat(LagEvaluator.evaluate(window(10, 20, 10, 25, 10, 30, 10, 30), true, UNOWNED))
                .isEqualTo(PartitionStatus.STOP);
        // progress early in the window, then silence longer than the progress took
        assertThat(LagEvaluator.evaluate(window(5, 40, 10, 40, 10, 40, 10, 40), true, UNOWNED))
                .isEqualTo(PartitionStatus.STOP);
    }

    @Test
    void aStopIsNotCalledWhileTheSilenceIsShorterThanTheProgressBeforeIt() {
        assertThat(LagEvaluator.evaluate(window(5, 40, 6, 40, 8, 40, 10, 40, 10, 41), true, UNOWNED))
                .as("moved over 30 s, quiet for 10 s: not stopped yet").isEqualTo(PartitionStatus.OK);
    }

    @Test
    void recordsArrivingJustNowAtAnIdleConsumerAreNotAStop() {
        assertThat(LagEvaluator.evaluate(window(10, 10, 10, 10, 10, 10, 10, 12), true, UNOWNED))
                .isEqualTo(PartitionStatus.OK);
    }

    @Test
    void anOffsetThatWentBackAndStaysBehindIsARewind() {
        assertThat(LagEvaluator.evaluate(window(50, 100, 60, 100, 10, 100, 20, 100), true, OWNED))
                .isEqualTo(PartitionStatus.REWIND);
        assertThat(LagEvaluator.evaluate(window(50, 100, 10, 100, 40, 100, 60, 100), true, OWNED))
                .as("recovered past the offset before the rewind").isNotEqualTo(PartitionStatus.REWIND);
    }

    @Test
    void progressWithALagThatNeverShrinksIsAWarning() {
        assertThat(LagEvaluator.evaluate(window(10, 20, 20, 30, 30, 45, 40, 60), true, OWNED))
                .isEqualTo(PartitionStatus.WARN);
        assertThat(LagEvaluator.evaluate(window(10, 20, 20, 30, 30, 35, 40, 60), true, OWNED))
                .as("the lag went down once: OK").isEqualTo(PartitionStatus.OK);
    }

    @Test
    void zeroLagAnywhereInTheWindowMakesAStallOk() {
        assertThat(LagEvaluator.evaluate(window(10, 10, 10, 12, 10, 15, 10, 20), true, OWNED))
                .isEqualTo(PartitionStatus.OK);
    }

    @Test
    void aGroupIsAsBadAsItsWorstPartition() {
        assertThat(LagEvaluator.group(List.of())).isEqualTo(GroupStatus.OK);
        assertThat(LagEvaluator.group(List.of(PartitionStatus.OK, PartitionStatus.WARN))).isEqualTo(GroupStatus.WARN);
        assertThat(LagEvaluator.group(List.of(PartitionStatus.WARN, PartitionStatus.STALL, PartitionStatus.OK)))
                .isEqualTo(GroupStatus.ERR);
        assertThat(LagEvaluator.group(List.of(PartitionStatus.REWIND))).isEqualTo(GroupStatus.ERR);
        assertThat(LagEvaluator.group(List.of(PartitionStatus.STOP))).isEqualTo(GroupStatus.ERR);
    }
}
