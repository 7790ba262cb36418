package io.finflow.kafka.ops.lag;

/**
 * A group's lag on one partition at one sample.
 *
 * @param topic          topic name
 * @param partition      partition number
 * @param committed      the group's committed offset
 * @param logEnd         the partition's log end offset, {@code null} when Kafka did not give it
 * @param offsetLag      {@code logEnd - committed}, never negative; {@code null} when the log end is unknown
 * @param timeLagSeconds estimated age of the oldest unconsumed record: the sample time minus the estimated
 *                       write time of the record at the committed offset; 0 when caught up; {@link Double#NaN}
 *                       while too few samples are known to estimate it
 * @param status         Burrow-style status over the window
 * @param owner          the member owning the partition, {@code null} when none does
 */
public record PartitionLagStatus(String topic, int partition, long committed, Long logEnd, Long offsetLag,
                                 double timeLagSeconds, PartitionStatus status, PartitionOwner owner) {
}
