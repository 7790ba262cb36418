package io.finflow.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.finflow.examples.TransactionRule.State;
import org.junit.jupiter.api.Test;

class DuplicateFilterTest {

    @Test
    void remembersAtMostItsCapacityAndForgetsTheLeastRecentlyUsedFirst() {
        DuplicateFilter filter = new DuplicateFilter(3);
        filter.remember("tx:a", State.MOVED);
        filter.remember("tx:b", State.PENDING);
        filter.remember("tx:c", State.MOVED);
        assertThat(filter.state("tx:a")).isEqualTo(State.MOVED); // a is now the most recently used
        filter.remember("tx:d", State.MOVED);
        assertThat(filter.size()).isEqualTo(3);
        assertThat(filter.state("tx:b")).as("least recently used, forgotten").isEqualTo(State.UNKNOWN);
        assertThat(filter.state("tx:a")).isEqualTo(State.MOVED);
        assertThat(filter.state("tx:d")).isEqualTo(State.MOVED);
    }

    @Test
    void staysBoundedUnderAnEndlessStream() {
        DuplicateFilter filter = new DuplicateFilter(1_000);
        for (int i = 0; i < 100_000; i++) {
            filter.remember("tx:" + i, State.MOVED);
        }
        assertThat(filter.size()).isEqualTo(1_000);
        assertThat(filter.state("tx:99999")).isEqualTo(State.MOVED);
        assertThat(filter.state("tx:0")).isEqualTo(State.UNKNOWN);
    }

    @Test
    void restorePutsBackWhatWasThereBefore() {
        DuplicateFilter filter = new DuplicateFilter(10);
        filter.remember("tx:a", State.PENDING);
        filter.remember("tx:a", State.MOVED);
        filter.restore("tx:a", State.PENDING);
        assertThat(filter.state("tx:a")).isEqualTo(State.PENDING);
        filter.remember("tx:b", State.MOVED);
        filter.restore("tx:b", State.UNKNOWN);
        assertThat(filter.state("tx:b")).isEqualTo(State.UNKNOWN);
        assertThat(filter.size()).isEqualTo(1);
    }

    @Test
    void aCapacityBelowOneIsRefused() {
        assertThatThrownBy(() -> new DuplicateFilter(0)).hasMessageContaining("capacity must be >= 1, was 0");
    }
}
