package io.finflow.kafka.producer;

import java.time.Instant;

/**
 * Where an acknowledged event was written.
 *
 * @param topic     topic name
 * @param partition partition chosen by the event's key
 * @param offset    offset of the record in its partition
 * @param timestamp record timestamp (the event's creation time as set by the producer)
 * @param eventId   the event's id, also its {@code ce_id} header
 */
public record SendResult(String topic, int partition, long offset, Instant timestamp, String eventId) {
}
