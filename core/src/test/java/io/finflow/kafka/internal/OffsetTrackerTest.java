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

    @Test
    void manyOffsetsFinishedOutOfOrderCommitOnlyTheContiguousPrefix() {
        OffsetTracker tracker = new OffsetTracker();
        int n = 5_000; // more than the ring's first capacity
        java.util.List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> records = new java.util.ArrayList<>();
        for (long o = 0; o < n; o++) {
            records.add(new org.apache.kafka.clients.consumer.ConsumerRecord<>("t", 0, 100 + 2 * o, null, null));
        }
        tracker.addAll(records);
        for (long o = n - 1; o >= 1; o--) {
            tracker.finish(100 + 2 * o);
        }
        assertThat(tracker.unfinishedCount()).isEqualTo(1);
        assertThat(tracker.committable()).as("offset 100 is still unfinished").hasValue(100);
        tracker.finish(101); // not a fetched offset: ignored
        tracker.finish(100);
        assertThat(tracker.committable()).hasValue(100 + 2L * (n - 1) + 1);
        assertThat(tracker.unfinishedCount()).isZero();
    }
}
