package io.finflow.kafka.ops.offsets;

/**
 * The planned reset of one partition.
 *
 * @param topic          topic name
 * @param partition      partition number
 * @param currentOffset  the group's committed offset now, {@code null} when it has none
 * @param newOffset      the offset the group will have
 * @param logStartOffset the first offset still in the log
 * @param logEndOffset   the offset the next produced record will get
 * @param note           why the new offset is not exactly what was asked (clamped, no record after the
 *                       datetime), {@code null} otherwise
 */
public record PartitionReset(
        String topic,
        int partition,
        Long currentOffset,
        long newOffset,
        long logStartOffset,
        long logEndOffset,
        String note) {
}
