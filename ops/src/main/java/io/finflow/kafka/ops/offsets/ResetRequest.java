package io.finflow.kafka.ops.offsets;

import java.util.List;
import java.util.Objects;

/**
 * What to reset: a group's offsets on a topic (all or some partitions) to a target.
 *
 * <pre>{@code
 * ResetRequest request = ResetRequest.of("accounting", "transaction-events", ResetTarget.toEarliest())
 *         .withPartitions(List.of(0, 1));
 * ResetRequest restore = ResetRequest.of("accounting", null, ResetTarget.fromFile(backup));
 * }</pre>
 *
 * @param group      the consumer group; it must have no active members
 * @param topic      the topic; may be {@code null} only with {@link ResetTarget.FromFile}, meaning every
 *                   topic of the file
 * @param partitions the partitions to reset, empty for all (sorted, without duplicates)
 * @param target     where to move the offsets
 * @param allowClamp move a target outside {@code [log start, log end]} to the nearest end of the log
 *                   instead of refusing
 */
public record ResetRequest(String group, String topic, List<Integer> partitions, ResetTarget target,
                           boolean allowClamp) {

    /** Validates the request; partitions are sorted and de-duplicated. */
    public ResetRequest {
        Objects.requireNonNull(group, "group");
        if (group.isBlank()) {
            throw new IllegalArgumentException("group must not be blank");
        }
        Objects.requireNonNull(target, "target");
        if (topic == null && !(target instanceof ResetTarget.FromFile)) {
            throw new IllegalArgumentException("a topic is required to reset " + target.describe()
                    + " (only from-file may omit it)");
        }
        partitions = partitions == null ? List.of() : partitions.stream().distinct().sorted().toList();
        for (int p : partitions) {
            if (p < 0) {
                throw new IllegalArgumentException("partition numbers must be >= 0, was " + p);
            }
        }
        if (topic == null && !partitions.isEmpty()) {
            throw new IllegalArgumentException("partitions " + partitions + " need a topic");
        }
    }

    /** All partitions of {@code topic}, refusing out-of-range targets. */
    public static ResetRequest of(String group, String topic, ResetTarget target) {
        return new ResetRequest(group, topic, List.of(), target, false);
    }

    /** A copy limited to these partitions (empty for all). */
    public ResetRequest withPartitions(List<Integer> newPartitions) {
        return new ResetRequest(group, topic, newPartitions, target, allowClamp);
    }

    /** A copy with {@code allowClamp} set. */
    public ResetRequest withAllowClamp(boolean allow) {
        return new ResetRequest(group, topic, partitions, target, allow);
    }
}
