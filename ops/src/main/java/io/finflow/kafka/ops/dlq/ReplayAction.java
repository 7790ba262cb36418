package io.finflow.kafka.ops.dlq;

/** What a replay does, or would do in a dry run, with one dead letter record. */
public enum ReplayAction {
    /** Republish to the original topic with {@code finflow.replay.count} incremented. */
    REPLAY,
    /** The record reached the maximum replay count: copy it to {@code <original-topic>.parking}. */
    PARK,
    /** The record has no {@code dlq.original.topic} header, so there is nowhere to send it: passed over. */
    UNROUTABLE
}
