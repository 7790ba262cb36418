package io.finflow.kafka.ops.groups;

import java.time.Instant;

/**
 * How far a consumer group is behind on one partition.
 *
 * @param topic                     topic name
 * @param partition                 partition number
 * @param committedOffset           the group's committed offset (the next record it will read);
 *                                  {@code null} when the group has not committed on this partition
 * @param logEndOffset              the offset the next produced record will get; {@code null} when Kafka
 *                                  could not tell (e.g. the topic was deleted)
 * @param offsetLag                 {@code logEndOffset - committedOffset}, never negative; {@code null} when
 *                                  either is unknown
 * @param timeLagSeconds            how old the oldest unconsumed record is: now minus the timestamp of the
 *                                  record at the committed offset (or of the earliest record still in the
 *                                  log when retention removed that one), in whole seconds, never negative;
 *                                  0 when there is nothing to consume; {@code null} when unknown
 * @param oldestUnconsumedTimestamp timestamp of that record; {@code null} when there is none or it is unknown
 * @param clientId                  {@code client.id} of the member the partition is assigned to,
 *                                  {@code null} when no member owns it
 */
public record PartitionLag(
        String topic,
        int partition,
        Long committedOffset,
        Long logEndOffset,
        Long offsetLag,
        Long timeLagSeconds,
        Instant oldestUnconsumedTimestamp,
        String clientId) {
}
