package io.finflow.kafka.ops.offsets;

import java.util.Objects;

/**
 * One line of an offsets file: {@code topic,partition,offset}.
 *
 * @param topic     topic name
 * @param partition partition number, at least 0
 * @param offset    offset, at least 0
 */
public record OffsetEntry(String topic, int partition, long offset) {

    /** Validates the values. */
    public OffsetEntry {
        Objects.requireNonNull(topic, "topic");
        if (!topic.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw new IllegalArgumentException("invalid topic name '" + topic + "'");
        }
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0 for topic '" + topic + "', was " + partition);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0 for " + topic + "-" + partition + ", was "
                    + offset);
        }
    }
}
