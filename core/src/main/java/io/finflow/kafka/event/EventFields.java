package io.finflow.kafka.event;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Shared helpers of the event records: generated ids and times, null checks and defensive copies. */
final class EventFields {

    private EventFields() {
    }

    /** A fresh random event id. */
    static String newId() {
        return UUID.randomUUID().toString();
    }

    /**
     * The current time at millisecond precision: every language's date type (JavaScript's {@code Date} among them)
     * reads it without loss.
     */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Fails fast, naming the event and the missing field. */
    static <T> T required(T value, String event, String field) {
        return Objects.requireNonNull(value, () -> event + " event needs " + field + ", was null");
    }

    /** An unmodifiable, order-keeping copy; {@code null} becomes empty. Null keys or values are refused. */
    static Map<String, Object> copyOf(Map<String, ?> map, String event, String field) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new IllegalArgumentException(event + " event " + field
                        + " must not hold null keys or values, was " + map);
            }
            copy.put(k, v);
        });
        return Collections.unmodifiableMap(copy);
    }

    /** An unmodifiable copy; {@code null} becomes empty. */
    static List<String> copyOf(List<String> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
