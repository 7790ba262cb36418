package io.finflow.kafka.ops.offsets;

import java.util.List;
import java.util.Objects;

/**
 * What {@link OffsetResetService#execute} will commit; planning changes nothing (a dry run).
 *
 * @param group      the consumer group
 * @param target     the mode and its value, e.g. {@code to-datetime 2026-01-01T10:00:00Z}
 * @param partitions one entry per partition, sorted by topic and partition
 */
public record OffsetResetPlan(String group, String target, List<PartitionReset> partitions) {

    /** Copies the list. */
    public OffsetResetPlan {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(target, "target");
        partitions = List.copyOf(partitions);
    }
}
