package io.finflow.kafka.ops.lag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;

/**
 * Turns successive {@link OffsetSample}s into {@link LagReport}s: keeps, per partition, an
 * {@link OffsetTimeline} of sampled log end offsets (for time lag) and, per group and partition, an
 * {@link OffsetWindow} of the last samples (for the Burrow-style status). Partitions and groups that
 * disappear from the samples are forgotten. Feed it from one thread.
 */
public final class LagMonitor {

    private final int window;
    private final int timelinePoints;
    private final Map<TopicPartition, OffsetTimeline> timelines = new HashMap<>();
    private final Map<String, Map<TopicPartition, OffsetWindow>> windows = new HashMap<>();

    /**
     * @param window         samples a status is evaluated over (Burrow's "intervals"), at least 2
     * @param timelinePoints log end offsets kept per partition for the time lag estimate, at least 2
     */
    public LagMonitor(int window, int timelinePoints) {
        if (window < 2) {
            throw new IllegalArgumentException("window must be >= 2 samples, was " + window);
        }
        if (timelinePoints < 2) {
            throw new IllegalArgumentException("timelinePoints must be >= 2, was " + timelinePoints);
        }
        this.window = window;
        this.timelinePoints = timelinePoints;
    }

    /**
     * Partitions of {@code sample} this monitor has no time lag history for yet and on which some group
     * lags: worth seeding with {@link #seed} before {@link #update}.
     */
    public Map<TopicPartition, Long> unseeded(OffsetSample sample) {
        Map<TopicPartition, Long> result = new HashMap<>();
        for (GroupOffsets g : sample.groups()) {
            g.committed().forEach((tp, committed) -> {
                Long end = sample.logEnds().get(tp);
                if (end != null && committed < end && !timelines.containsKey(tp)) {
                    result.put(tp, end);
                }
            });
        }
        return result;
    }

    /** Seeds the time lag history of partitions with older log end offsets (instant, offset then). */
    public void seed(Map<TopicPartition, Map<java.time.Instant, Long>> logEndsAt) {
        logEndsAt.forEach((tp, points) -> {
            OffsetTimeline timeline = timelines.computeIfAbsent(tp, k -> new OffsetTimeline(timelinePoints));
            new java.util.TreeMap<>(points).descendingMap()
                    .forEach((time, offset) -> timeline.addOlder(offset, time.toEpochMilli()));
        });
    }

    /** Adds a sample and evaluates every group on it. */
    public LagReport update(OffsetSample sample) {
        long now = sample.time().toEpochMilli();
        sample.logEnds().forEach((tp, end) ->
                timelines.computeIfAbsent(tp, k -> new OffsetTimeline(timelinePoints)).add(end, now));
        timelines.keySet().retainAll(sample.logEnds().keySet());

        List<GroupLagStatus> groups = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (GroupOffsets g : sample.groups()) {
            seen.add(g.groupId());
            Map<TopicPartition, OffsetWindow> groupWindows = windows.computeIfAbsent(g.groupId(), k -> new HashMap<>());
            groupWindows.keySet().retainAll(g.committed().keySet());
            List<PartitionLagStatus> partitions = new ArrayList<>();
            List<PartitionStatus> statuses = new ArrayList<>();
            g.committed().forEach((tp, committed) -> {
                PartitionLagStatus p = evaluate(tp, committed, sample.logEnds().get(tp), now, g, groupWindows);
                partitions.add(p);
                statuses.add(p.status());
            });
            partitions.sort(java.util.Comparator.comparing(PartitionLagStatus::topic)
                    .thenComparingInt(PartitionLagStatus::partition));
            groups.add(new GroupLagStatus(g.groupId(), g.state(), g.members(), LagEvaluator.group(statuses),
                    partitions));
        }
        windows.keySet().retainAll(seen);
        return new LagReport(sample.time(), sample.duration(), groups, sample.logEnds());
    }

    private PartitionLagStatus evaluate(TopicPartition tp, long committed, Long logEnd, long now, GroupOffsets g,
                                        Map<TopicPartition, OffsetWindow> groupWindows) {
        PartitionOwner owner = g.owners().get(tp);
        if (logEnd == null) {
            groupWindows.remove(tp);
            return new PartitionLagStatus(tp.topic(), tp.partition(), committed, null, null, Double.NaN,
                    PartitionStatus.OK, owner);
        }
        OffsetWindow w = groupWindows.computeIfAbsent(tp, k -> new OffsetWindow(window));
        w.add(new OffsetWindow.Sample(now, committed, logEnd));
        PartitionStatus status = LagEvaluator.evaluate(w.samples(), w.complete(), owner != null);
        long lag = Math.max(0, logEnd - committed);
        double timeLag;
        if (lag == 0) {
            timeLag = 0;
        } else {
            double written = timelines.get(tp).writeTime(committed);
            timeLag = Double.isNaN(written) ? Double.NaN
                    : Double.isInfinite(written) ? 0 : Math.max(0, (now - written) / 1000.0);
        }
        return new PartitionLagStatus(tp.topic(), tp.partition(), committed, logEnd, lag, timeLag, status, owner);
    }
}
