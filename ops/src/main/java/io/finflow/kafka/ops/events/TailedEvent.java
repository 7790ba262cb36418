package io.finflow.kafka.ops.events;

import java.time.Instant;
import java.util.Map;

/**
 * One record read by {@link TailService}.
 *
 * @param topic      topic name
 * @param partition  partition number
 * @param offset     offset in the partition
 * @param timestamp  the record timestamp
 * @param key        the key as UTF-8 text, {@code null} when the record has none
 * @param headers    every header as UTF-8 text, in record order (the last value of a repeated header)
 * @param value      the value as UTF-8 text, {@code null} when the record has none
 * @param validation whether it is a valid FinFlow event of its topic
 */
public record TailedEvent(String topic, int partition, long offset, Instant timestamp, String key,
                          Map<String, String> headers, String value, Validation validation) {

    /** Copies the headers, keeping their order. */
    public TailedEvent {
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    }
}
