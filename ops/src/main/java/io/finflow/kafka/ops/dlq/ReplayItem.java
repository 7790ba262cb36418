package io.finflow.kafka.ops.dlq;

/**
 * One dead letter record a replay handled (or would handle in a dry run).
 *
 * @param record      the dead letter record
 * @param action      what was (or would be) done with it
 * @param destination the topic it went (or would go) to; {@code null} for {@link ReplayAction#UNROUTABLE}
 * @param replayCount the {@code finflow.replay.count} the republished record carries; the record's own
 *                    count for a parked or unroutable record
 */
public record ReplayItem(DlqRecord record, ReplayAction action, String destination, int replayCount) {
}
