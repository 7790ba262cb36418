package io.finflow.kafka.ops.offsets;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the values operators type for an offset reset. Each method throws an
 * {@link IllegalArgumentException} whose one-line message names the bad value and shows a valid one.
 */
public final class ResetArguments {

    private static final int MAX_RANGE = 100_000;

    private ResetArguments() {
    }

    /**
     * An ISO-8601 date-time with a zone: {@code 2026-01-01T10:00:00Z}, {@code 2026-01-01T10:00:00+01:00}
     * or {@code 2026-01-01T10:00:00+01:00[Europe/Paris]}. A time without zone is rejected rather than read
     * in the machine's zone, which would silently differ between a laptop and a server.
     */
    public static Instant parseDatetime(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a date-time is required, such as 2026-01-01T10:00:00Z");
        }
        String value = text.trim();
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notOffset) {
            // try the other accepted forms below
        }
        try {
            return ZonedDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notZoned) {
            // try the other accepted forms below
        }
        if (parses(() -> LocalDateTime.parse(value))) {
            throw new IllegalArgumentException(value + " has no time zone; add Z or +01:00");
        }
        if (parses(() -> LocalDate.parse(value))) {
            throw new IllegalArgumentException(value + " has no time and no time zone; write " + value
                    + "T00:00:00Z or " + value + "T00:00:00+01:00");
        }
        throw new IllegalArgumentException("'" + value + "' is not an ISO-8601 date-time such as"
                + " 2026-01-01T10:00:00Z or 2026-01-01T10:00:00+01:00");
    }

    /** A positive ISO-8601 duration such as {@code PT30M}, {@code PT2H} or {@code P1DT2H}. */
    public static Duration parseDuration(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a duration is required, such as PT30M or P1DT2H");
        }
        Duration duration;
        try {
            duration = Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text.trim() + "' is not an ISO-8601 duration such as PT30M,"
                    + " PT2H or P1DT2H");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive, was " + text.trim());
        }
        return duration;
    }

    /**
     * {@code topic} (all partitions) or {@code topic:0,1,2}; ranges are allowed: {@code topic:0-3,7}.
     * Partitions are returned sorted and without duplicates.
     */
    public static TopicPartitions parseTopicPartitions(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a topic is required, such as transaction-events or"
                    + " transaction-events:0,1,2");
        }
        String value = text.trim();
        int colon = value.indexOf(':');
        String topic = colon < 0 ? value : value.substring(0, colon).trim();
        if (!topic.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw new IllegalArgumentException("'" + topic + "' in '" + value + "' is not a topic name (letters,"
                    + " digits, '.', '_' or '-')");
        }
        if (colon < 0) {
            return new TopicPartitions(topic, List.of());
        }
        String list = value.substring(colon + 1);
        if (list.isBlank()) {
            throw new IllegalArgumentException("'" + value + "' has no partitions after ':'; write " + topic
                    + ":0,1,2 or just " + topic + " for all partitions");
        }
        List<Integer> partitions = new ArrayList<>();
        for (String item : list.split(",", -1)) {
            addPartitions(item.trim(), value, partitions);
        }
        return new TopicPartitions(topic, partitions.stream().distinct().sorted().toList());
    }

    private static void addPartitions(String item, String whole, List<Integer> partitions) {
        int dash = item.indexOf('-');
        if (dash > 0) {
            int from = partition(item.substring(0, dash).trim(), whole);
            int to = partition(item.substring(dash + 1).trim(), whole);
            if (to < from || to - from > MAX_RANGE) {
                throw new IllegalArgumentException("'" + item + "' in '" + whole + "' is not a partition range"
                        + " such as 0-3");
            }
            for (int p = from; p <= to; p++) {
                partitions.add(p);
            }
        } else {
            partitions.add(partition(item, whole));
        }
    }

    private static int partition(String item, String whole) {
        try {
            int p = Integer.parseInt(item);
            if (p >= 0) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + item + "' in '" + whole + "' is not a partition number (0 or more)");
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
