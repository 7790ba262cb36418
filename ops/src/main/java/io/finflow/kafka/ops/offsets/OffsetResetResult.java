package io.finflow.kafka.ops.offsets;

import java.util.List;

/**
 * What {@link OffsetResetService#execute} did.
 *
 * @param group      the consumer group
 * @param backupFile the file holding the offsets from before the reset; restore them with
 *                   {@code ResetTarget.fromFile(Path.of(backupFile))}
 * @param applied    the partitions now at their new offset
 */
public record OffsetResetResult(String group, String backupFile, List<PartitionReset> applied) {

    /** Copies the list. */
    public OffsetResetResult {
        applied = List.copyOf(applied);
    }
}
