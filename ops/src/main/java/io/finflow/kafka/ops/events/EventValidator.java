package io.finflow.kafka.ops.events;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.catalog.TopicSpec;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.schema.SchemaRef;
import io.finflow.kafka.schema.SchemaRegistry;
import io.finflow.kafka.schema.Violation;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Checks a record's value the way a FinFlow consumer does: a JSON object, valid against the schema version
 * its {@code ce_dataschema} header names (the newest version of the topic's event type when it names
 * none). Dead letter topics are checked against their original topic's event type. Thread-safe.
 */
public final class EventValidator {

    private static final String DATA_SCHEMA = "ce_dataschema";

    private final TopicCatalog catalog;
    private final SchemaRegistry schemas;

    /** Validates with the catalog's event types and these schemas. */
    public EventValidator(TopicCatalog catalog, SchemaRegistry schemas) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.schemas = Objects.requireNonNull(schemas, "schemas");
    }

    /** The outcome for one record of {@code topic}. */
    public Validation validate(String topic, Headers headers, byte[] value) {
        Optional<TopicSpec> spec = catalog.find(topic);
        if (spec.isEmpty() || spec.get().eventType() == null) {
            return new Validation(Validation.Status.UNCHECKED, null,
                    List.of("topic '" + topic + "' is not in the topic catalog (profile " + catalog.profile() + ")"));
        }
        String eventType = spec.get().eventType();
        if (value == null) {
            return invalid(null, "record has no value (null payload)");
        }
        JsonNode json;
        try {
            json = EventJson.mapper().readTree(value);
        } catch (IOException e) {
            return invalid(null, "value is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (json == null || !json.isObject()) {
            return invalid(null, "value is not a JSON object");
        }
        int version;
        String declared = header(headers, DATA_SCHEMA);
        if (declared == null) {
            version = schemas.latestVersion(eventType);
        } else {
            Optional<SchemaRef> ref;
            try {
                ref = schemas.resolve(URI.create(declared));
            } catch (IllegalArgumentException e) {
                return invalid(null, "ce_dataschema '" + declared + "' is not a valid URI");
            }
            if (ref.isEmpty()) {
                return invalid(null, "ce_dataschema '" + declared + "' is not a known FinFlow schema");
            }
            if (!ref.get().eventType().equals(eventType)) {
                return invalid(ref.get().toString(), "ce_dataschema '" + declared + "' is a " + ref.get().eventType()
                        + " schema, but " + topic + " carries " + eventType + " events");
            }
            version = ref.get().version();
        }
        String schema = new SchemaRef(eventType, version).toString();
        List<Violation> violations = schemas.validate(eventType, version, json);
        if (violations.isEmpty()) {
            return new Validation(Validation.Status.VALID, schema, List.of());
        }
        return new Validation(Validation.Status.INVALID, schema, violations.stream().map(Violation::toString).toList());
    }

    private static Validation invalid(String schema, String problem) {
        return new Validation(Validation.Status.INVALID, schema, List.of(problem));
    }

    private static String header(Headers headers, String name) {
        Header h = headers == null ? null : headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
