package io.finflow.kafka.ops.offsets;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.finflow.kafka.ops.OperationRefusedException;
import io.finflow.kafka.ops.internal.OffsetLookup;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** Turns a {@link ResetTarget} into an offset per partition, before the range check. */
final class ResetTargetResolver {

    /**
     * The offset each partition should move to, and why it differs from what was asked where it does.
     * Offsets may lie outside the log: the caller checks the range.
     */
    record Targets(Map<TopicPartition, Long> offsets, Map<TopicPartition, String> notes) {
    }

    /** What the resolver knows about the partitions to reset. */
    record Positions(List<TopicPartition> partitions, Map<TopicPartition, Long> committed,
                     Map<TopicPartition, Long> logStarts, Map<TopicPartition, Long> logEnds,
                     Map<TopicPartition, Long> fileOffsets) {
    }

    private final OffsetLookup lookup;
    private final Clock clock;

    ResetTargetResolver(OffsetLookup lookup, Clock clock) {
        this.lookup = lookup;
        this.clock = clock;
    }

    Targets resolve(String group, ResetTarget target, Positions at) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        Map<TopicPartition, String> notes = new HashMap<>();
        if (target instanceof ResetTarget.ToEarliest) {
            offsets.putAll(at.logStarts());
        } else if (target instanceof ResetTarget.ToLatest) {
            offsets.putAll(at.logEnds());
        } else if (target instanceof ResetTarget.ToDatetime t) {
            byTimestamp(t.datetime(), target.describe(), at, offsets, notes);
        } else if (target instanceof ResetTarget.ByDuration t) {
            Instant since = clock.instant().minus(t.duration());
            byTimestamp(since, target.describe() + " (since " + since + ")", at, offsets, notes);
        } else if (target instanceof ResetTarget.ToOffset t) {
            at.partitions().forEach(tp -> offsets.put(tp, t.offset()));
        } else if (target instanceof ResetTarget.ShiftBy t) {
            shift(group, t.delta(), at, offsets);
        } else if (target instanceof ResetTarget.FromFile) {
            offsets.putAll(at.fileOffsets());
        } else {
            throw new IllegalStateException("unknown reset target " + target);
        }
        return new Targets(offsets, notes);
    }

    /**
     * The first record at or after {@code since}. A partition with no such record goes to its log end
     * (nothing there to re-read), but when no partition has one the datetime is after the last record,
     * most likely a mistake (a wrong zone or date), so it is refused rather than silently meaning latest.
     */
    private void byTimestamp(Instant since, String what, Positions at, Map<TopicPartition, Long> offsets,
                             Map<TopicPartition, String> notes) {
        Map<TopicPartition, Long> found = lookup.logOffsets(at.partitions(),
                OffsetSpec.forTimestamp(since.toEpochMilli()));
        if (found.values().stream().allMatch(o -> o < 0)) {
            throw new OperationRefusedException("no record at or after " + since + " in "
                    + OffsetLookup.describe(at.partitions()) + ": " + what
                    + " is after the last record; to skip everything use to-latest");
        }
        for (TopicPartition tp : at.partitions()) {
            long offset = found.get(tp);
            if (offset < 0) {
                offsets.put(tp, at.logEnds().get(tp));
                notes.put(tp, "no record at or after " + since + " on this partition: moved to the log end");
            } else {
                offsets.put(tp, offset);
            }
        }
    }

    private static void shift(String group, long delta, Positions at, Map<TopicPartition, Long> offsets) {
        List<String> missing = new ArrayList<>();
        for (TopicPartition tp : at.partitions()) {
            Long current = at.committed().get(tp);
            if (current == null) {
                missing.add(tp.toString());
                continue;
            }
            long shifted;
            try {
                shifted = Math.addExact(current, delta);
            } catch (ArithmeticException overflow) {
                // far beyond the log in that direction: the range check refuses or clamps it
                shifted = delta < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            offsets.put(tp, shifted);
        }
        if (!missing.isEmpty()) {
            throw new OperationRefusedException("group '" + group + "' has no committed offset on " + missing
                    + ", so shift-by has nothing to shift from; use to-earliest, to-offset or to-datetime there");
        }
    }
}
