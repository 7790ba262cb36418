package io.finflow.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    @Test
    void nothingToCommitBeforeAnyRecord() {
        assertThat(new OffsetTracker().committable()).isEmpty();
    }

    @Test
    void commitsOnlyUpToTheHighestContiguousFinishedRecord() {
        OffsetTracker tracker = new OffsetTracker();
        for (long o = 10; o < 15; o++) {
            tracker.add(o);
        }
        assertThat(tracker.committable()).hasValue(10);
        tracker.finish(12);
        tracker.finish(13);
        assertThat(tracker.committable()).as("10 and 11 unfinished").hasValue(10);
        tracker.finish(10);
        assertThat(tracker.committable()).hasValue(11);
        tracker.finish(11);
        assertThat(tracker.committable()).hasValue(14);
        tracker.finish(14);
        assertThat(tracker.committable()).as("all finished: next to read").hasValue(15);
        assertThat(tracker.unfinishedCount()).isZero();
    }

    @Test
    void gapsInOffsetsFromCompactionOrTransactionMarkersAreFine() {
        OffsetTracker tracker = new OffsetTracker();
        tracker.add(3);
        tracker.add(7);
        tracker.finish(3);
        assertThat(tracker.committable()).hasValue(7);
        tracker.finish(7);
        assertThat(tracker.committable()).hasValue(8);
    }

    @Test
    void offsetsMustGrow() {
        OffsetTracker tracker = new OffsetTracker();
        tracker.add(5);
        assertThatThrownBy(() -> tracker.add(5)).hasMessageContaining("offset 5 added after 5");
    }
}
