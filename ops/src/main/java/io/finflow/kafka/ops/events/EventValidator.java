package io.finflow.kafka.ops.events;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.catalog.TopicSpec;
import io.finflow.kafka.schema.RecordCheck;
import io.finflow.kafka.schema.RecordValidator;
import io.finflow.kafka.schema.SchemaRegistry;
import org.apache.kafka.common.header.Headers;

/**
 * Checks a record the way a FinFlow consumer does, with the library's own rule ({@link RecordValidator}):
 * a JSON object, valid against the schema version its {@code ce_dataschema} header names (the newest
 * version of the topic's event type when it names none); a newer version of the topic's own type is
 * accepted unvalidated, and a tombstone on a compacted topic is a deletion. Dead letter topics are
 * checked against their original topic's event type. Thread-safe.
 */
public final class EventValidator {

    private final TopicCatalog catalog;
    private final RecordValidator rule;

    /** Validates with the catalog's event types and these schemas. */
    public EventValidator(TopicCatalog catalog, SchemaRegistry schemas) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.rule = new RecordValidator(Objects.requireNonNull(schemas, "schemas"));
    }

    /** The outcome for one record of {@code topic}. */
    public Validation validate(String topic, Headers headers, byte[] value) {
        Optional<TopicSpec> spec = catalog.find(topic);
        if (spec.isEmpty() || spec.get().eventType() == null) {
            return new Validation(Validation.Status.UNCHECKED, null,
                    List.of("topic '" + topic + "' is not in the topic catalog (profile " + catalog.profile() + ")"));
        }
        RecordCheck check = rule.check(spec.get(), headers, value);
        return switch (check.outcome()) {
            case VALID -> new Validation(Validation.Status.VALID, check.schema().toString(), List.of());
            case NEWER_VERSION -> new Validation(Validation.Status.VALID, check.schema()
                    + ", newer than this tool knows: read unvalidated, as consumers do", List.of());
            case TOMBSTONE -> new Validation(Validation.Status.VALID, "tombstone: the deletion of its key", List.of());
            case INVALID -> new Validation(Validation.Status.INVALID,
                    check.schema() == null ? null : check.schema().toString(), check.problems());
        };
    }
}
