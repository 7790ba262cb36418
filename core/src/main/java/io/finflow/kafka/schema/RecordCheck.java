package io.finflow.kafka.schema;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What {@link RecordValidator} says of one record of a catalog topic.
 *
 * @param outcome  the verdict
 * @param schema   the schema the record was checked against, or declares; {@code null} when there is none
 *                 (a tombstone, unreadable bytes, an unknown {@code ce_dataschema})
 * @param event    the parsed event for {@link Outcome#VALID} and {@link Outcome#NEWER_VERSION}, else null
 * @param reason   one line saying why an {@link Outcome#INVALID} record is refused (null otherwise)
 * @param problems every problem of an invalid record: each schema violation with its JSON pointer, or the
 *                 one reason; empty otherwise
 */
public record RecordCheck(Outcome outcome, SchemaRef schema, JsonNode event, String reason, List<String> problems) {

    /** The verdicts. */
    public enum Outcome {
        /** A valid event of the schema version it declares (the newest when it declares none). */
        VALID,
        /**
         * Declares a newer version of the topic's own event type than this library knows: accepted
         * unvalidated. Producers upgrade before consumers during a rolling upgrade; the producer
         * validated it and readers ignore the fields they do not know.
         */
        NEWER_VERSION,
        /** No value on a compacted topic: the deletion of its key. */
        TOMBSTONE,
        /** Not an event of this topic: poison for a consumer (dead letter topic), INVALID for {@code finflow tail}. */
        INVALID
    }

    /** Copies the problems. */
    public RecordCheck {
        problems = List.copyOf(problems);
    }

    /** True unless {@link Outcome#INVALID}. */
    public boolean accepted() {
        return outcome != Outcome.INVALID;
    }

    static RecordCheck valid(SchemaRef schema, JsonNode event) {
        return new RecordCheck(Outcome.VALID, schema, event, null, List.of());
    }

    static RecordCheck newer(SchemaRef schema, JsonNode event) {
        return new RecordCheck(Outcome.NEWER_VERSION, schema, event, null, List.of());
    }

    static RecordCheck tombstone() {
        return new RecordCheck(Outcome.TOMBSTONE, null, null, null, List.of());
    }

    static RecordCheck invalid(SchemaRef schema, String problem) {
        return new RecordCheck(Outcome.INVALID, schema, null, problem, List.of(problem));
    }

    static RecordCheck violations(SchemaRef schema, List<String> violations) {
        return new RecordCheck(Outcome.INVALID, schema, null,
                "event breaks schema " + schema + ": " + String.join("; ", violations), violations);
    }
}
