package io.finflow.kafka.ops.lag;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The last samples of one group on one partition: the window a status is evaluated over. Not thread-safe.
 */
final class OffsetWindow {

    /**
     * One sample.
     *
     * @param time      when it was taken (epoch milliseconds)
     * @param committed the group's committed offset
     * @param logEnd    the partition's log end offset
     */
    record Sample(long time, long committed, long logEnd) {

        /** Records not consumed yet, never negative. */
        long lag() {
            return Math.max(0, logEnd - committed);
        }
    }

    private final int size;
    private final ArrayDeque<Sample> samples;

    OffsetWindow(int size) {
        this.size = size;
        this.samples = new ArrayDeque<>(size + 1);
    }

    void add(Sample sample) {
        samples.addLast(sample);
        while (samples.size() > size) {
            samples.pollFirst();
        }
    }

    /** True once the window holds as many samples as it can. */
    boolean complete() {
        return samples.size() == size;
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }
}
