package io.finflow.kafka.ops.events;

import java.util.List;

/**
 * Whether a record is a valid FinFlow event of its topic.
 *
 * @param status   {@link Status#VALID}, {@link Status#INVALID}, or {@link Status#UNCHECKED} for a topic the
 *                 catalog does not declare
 * @param schema   the schema it was checked against, e.g. {@code transaction v2} (for a newer version than
 *                 this tool knows, it says so; for a tombstone of a compacted topic, that it is a deletion);
 *                 {@code null} when none
 * @param problems every reason it is invalid (schema violations with their JSON pointer, unreadable JSON,
 *                 unknown {@code ce_dataschema}); empty when valid; for an unchecked record, why
 */
public record Validation(Status status, String schema, List<String> problems) {

    /** Outcome of a check. */
    public enum Status {
        /** The value is a valid event of the topic's schema. */
        VALID,
        /** The value breaks the schema or is not a JSON object. */
        INVALID,
        /** Not checked: the topic is not in the catalog. */
        UNCHECKED
    }

    /** Copies the list. */
    public Validation {
        problems = List.copyOf(problems);
    }
}
