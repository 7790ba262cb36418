package io.finflow.kafka.ops.lag;

import java.util.List;

/**
 * Burrow's consumer lag evaluation rules, applied to sampled offsets. Burrow watches every offset commit
 * with its time; Kafka's Admin API gives only the committed offset at the moment of asking, so the window
 * here is the group's committed offset and the partition's log end offset sampled at a fixed interval, and
 * the group's membership tells apart a consumer that is gone (STOP) from one that is there but does not
 * move (STALL). No thresholds: a status comes from the shape of the window.
 *
 * <p>Rules, in order, over a full window (an incomplete one is OK: too early to judge):
 * <ol>
 *   <li>No lag in the newest sample: OK.</li>
 *   <li>STOP: no member owns the partition, its committed offset has not moved for longer than it was
 *       moving before within the window (Burrow: "time since the last commit is longer than the span of the
 *       commits"), and the group was not caught up at its current offset anywhere in the window (records
 *       that arrived just now are not yet a stopped consumer).</li>
 *   <li>REWIND: the committed offset went back between two samples and never came back to where it was.</li>
 *   <li>OK when the lag was zero at any sample of the window.</li>
 *   <li>STALL: the committed offset is the same in every sample (a member is there, not moving).</li>
 *   <li>WARN: the lag never went down from one sample to the next: the group is falling behind.</li>
 *   <li>Otherwise OK.</li>
 * </ol>
 */
final class LagEvaluator {

    private LagEvaluator() {
    }

    /**
     * The status of one partition.
     *
     * @param window  samples, oldest first
     * @param full    whether the window holds as many samples as configured
     * @param owned   whether a member of the group owns the partition now
     */
    static PartitionStatus evaluate(List<OffsetWindow.Sample> window, boolean full, boolean owned) {
        if (window.isEmpty() || !full) {
            return PartitionStatus.OK;
        }
        OffsetWindow.Sample newest = window.get(window.size() - 1);
        if (newest.lag() == 0) {
            return PartitionStatus.OK;
        }
        if (!owned && stopped(window) && !recentlyCaughtUp(window, newest.committed())) {
            return PartitionStatus.STOP;
        }
        int rewind = rewindIndex(window);
        if (rewind > 0 && !recovered(window, rewind)) {
            return PartitionStatus.REWIND;
        }
        if (window.stream().anyMatch(s -> s.lag() == 0)) {
            return PartitionStatus.OK;
        }
        if (window.stream().allMatch(s -> s.committed() == newest.committed())) {
            return PartitionStatus.STALL;
        }
        if (lagNeverDecreased(window)) {
            return PartitionStatus.WARN;
        }
        return PartitionStatus.OK;
    }

    /** The worst status of a group's partitions. */
    static GroupStatus group(List<PartitionStatus> partitions) {
        GroupStatus worst = GroupStatus.OK;
        for (PartitionStatus p : partitions) {
            if (p.groupStatus().compareTo(worst) > 0) {
                worst = p.groupStatus();
            }
        }
        return worst;
    }

    /** The committed offset has stayed put for longer than the window's span before it reached that value. */
    private static boolean stopped(List<OffsetWindow.Sample> window) {
        long current = window.get(window.size() - 1).committed();
        int since = window.size() - 1;
        while (since > 0 && window.get(since - 1).committed() == current) {
            since--;
        }
        long first = window.get(0).time();
        long reached = window.get(since).time();
        long now = window.get(window.size() - 1).time();
        return now - reached > reached - first;
    }

    /** Burrow's exception to STOP: a log end offset of the window was at or below the current commit. */
    private static boolean recentlyCaughtUp(List<OffsetWindow.Sample> window, long committed) {
        return window.stream().anyMatch(s -> s.logEnd() <= committed);
    }

    private static int rewindIndex(List<OffsetWindow.Sample> window) {
        for (int i = 1; i < window.size(); i++) {
            if (window.get(i).committed() < window.get(i - 1).committed()) {
                return i;
            }
        }
        return -1;
    }

    private static boolean recovered(List<OffsetWindow.Sample> window, int rewind) {
        long before = window.get(rewind - 1).committed();
        for (int i = rewind; i < window.size(); i++) {
            if (window.get(i).committed() >= before) {
                return true;
            }
        }
        return false;
    }

    private static boolean lagNeverDecreased(List<OffsetWindow.Sample> window) {
        for (int i = 1; i < window.size(); i++) {
            if (window.get(i).lag() < window.get(i - 1).lag()) {
                return false;
            }
        }
        return true;
    }
}
