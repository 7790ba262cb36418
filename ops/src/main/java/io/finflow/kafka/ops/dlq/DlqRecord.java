package io.finflow.kafka.ops.dlq;

import java.time.Instant;

/**
 * One record of a dead letter topic as an operator reads it: where it sits, what it carried and why it
 * failed (the {@code dlq.*} headers of {@link io.finflow.kafka.wire.DeadLetterHeaders}).
 *
 * @param topic             the dead letter topic
 * @param partition         partition in the dead letter topic
 * @param offset            offset in the dead letter topic
 * @param timestamp         the dead letter record's timestamp
 * @param key               the original key as UTF-8 text, {@code null} when the record has none
 * @param value             the original value as UTF-8 text, {@code null} when the record has none
 * @param eventId           the {@code ce_id} header, {@code null} when absent
 * @param originalTopic     {@code dlq.original.topic}: where a replay sends the record; {@code null} when absent
 * @param originalPartition {@code dlq.original.partition}, {@code null} when absent
 * @param originalOffset    {@code dlq.original.offset}, {@code null} when absent
 * @param consumerGroup     {@code dlq.consumer.group}: the group that failed to process it
 * @param exceptionClass    {@code dlq.exception.class}: class of the last failure
 * @param exceptionMessage  {@code dlq.exception.message}: message of the last failure
 * @param attempts          {@code dlq.attempts}: handler calls made, {@code null} when absent
 * @param failedAt          {@code dlq.failed.at}: when it was dead-lettered, {@code null} when absent or unreadable
 * @param replayCount       {@code finflow.replay.count}: how many times it was replayed already (0 when absent)
 */
public record DlqRecord(
        String topic,
        int partition,
        long offset,
        Instant timestamp,
        String key,
        String value,
        String eventId,
        String originalTopic,
        Integer originalPartition,
        Long originalOffset,
        String consumerGroup,
        String exceptionClass,
        String exceptionMessage,
        Integer attempts,
        Instant failedAt,
        int replayCount) {

    /** {@code topic-partition@offset} of the dead letter record. */
    public String position() {
        return topic + "-" + partition + "@" + offset;
    }

    /** {@code topic-partition@offset} of the original record, or {@code "?"} parts where headers are missing. */
    public String originalPosition() {
        return (originalTopic == null ? "?" : originalTopic) + "-"
                + (originalPartition == null ? "?" : originalPartition) + "@"
                + (originalOffset == null ? "?" : originalOffset);
    }
}
