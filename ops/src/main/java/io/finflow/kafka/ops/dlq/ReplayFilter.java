package io.finflow.kafka.ops.dlq;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.finflow.kafka.ops.offsets.ResetArguments;

/**
 * Selects the dead letter records a replay republishes. Parsed from what an operator types:
 *
 * <ul>
 *   <li>{@code exception=TEXT}: the failure's class ({@code dlq.exception.class}, full or simple name) or
 *       message ({@code dlq.exception.message}) contains TEXT, ignoring case;</li>
 *   <li>{@code key=VALUE}: the record key is exactly VALUE;</li>
 *   <li>{@code since=ISO}: dead-lettered at or after the instant ({@code dlq.failed.at}, else the record
 *       timestamp), e.g. {@code since=2026-01-01T10:00:00Z}; a time without zone is refused.</li>
 * </ul>
 *
 * Several filters must all match.
 *
 * @param field what the filter looks at
 * @param text  the text of an {@code exception} or {@code key} filter, {@code null} for {@code since}
 * @param since the instant of a {@code since} filter, {@code null} otherwise
 */
public record ReplayFilter(Field field, String text, Instant since) {

    /** What a filter looks at. */
    public enum Field {
        /** Exception class or message, substring, case-insensitive. */
        EXCEPTION,
        /** Record key, exact. */
        KEY,
        /** Failed-at instant, at or after. */
        SINCE
    }

    /** Checks the value matches the field. */
    public ReplayFilter {
        Objects.requireNonNull(field, "field");
        if (field == Field.SINCE ? since == null : text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a " + field.name().toLowerCase(Locale.ROOT) + " filter needs a value");
        }
    }

    /**
     * Parses {@code exception=...}, {@code key=...} or {@code since=ISO}.
     *
     * @throws IllegalArgumentException naming the bad filter and showing valid ones
     */
    public static ReplayFilter parse(String text) {
        if (text == null || text.indexOf('=') <= 0) {
            throw new IllegalArgumentException("filter '" + text + "' must be exception=TEXT, key=VALUE or since=ISO"
                    + " (e.g. since=2026-01-01T10:00:00Z)");
        }
        int eq = text.indexOf('=');
        String name = text.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        String value = text.substring(eq + 1);
        if (value.isEmpty()) {
            throw new IllegalArgumentException("filter '" + text + "' has no value after '='");
        }
        return switch (name) {
            case "exception" -> new ReplayFilter(Field.EXCEPTION, value, null);
            case "key" -> new ReplayFilter(Field.KEY, value, null);
            case "since" -> {
                try {
                    yield new ReplayFilter(Field.SINCE, null, ResetArguments.parseDatetime(value));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("filter '" + text + "': " + e.getMessage(), e);
                }
            }
            default -> throw new IllegalArgumentException("unknown filter '" + name + "' in '" + text
                    + "'; use exception=TEXT, key=VALUE or since=ISO");
        };
    }

    /** True when the record passes this filter. */
    public boolean matches(DlqRecord record) {
        return switch (field) {
            case EXCEPTION -> contains(record.exceptionClass()) || contains(record.exceptionMessage());
            case KEY -> text.equals(record.key());
            case SINCE -> {
                Instant when = record.failedAt() != null ? record.failedAt() : record.timestamp();
                yield !when.isBefore(since);
            }
        };
    }

    /** True when the record passes every filter (an empty list passes everything). */
    public static boolean allMatch(List<ReplayFilter> filters, DlqRecord record) {
        return filters.stream().allMatch(f -> f.matches(record));
    }

    private boolean contains(String s) {
        return s != null && s.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
    }

    /** As typed: {@code exception=Timeout}, {@code key=acc-1}, {@code since=2026-01-01T10:00:00Z}. */
    @Override
    public String toString() {
        return field.name().toLowerCase(Locale.ROOT) + "=" + (field == Field.SINCE ? since.toString() : text);
    }
}
