package io.finflow.kafka.internal;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.finflow.kafka.catalog.TopicSpec;
import io.finflow.kafka.consumer.PoisonRecordException;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.schema.SchemaRef;
import io.finflow.kafka.schema.SchemaRegistry;
import io.finflow.kafka.schema.Violation;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns a record's bytes into an event: parses the JSON, validates it against the schema version
 * the record declares in {@code ce_dataschema} (the newest version when it declares none), then
 * maps it to the handler's type. A version newer than this library knows, of the topic's own event
 * type, is accepted unvalidated: during a rolling upgrade producers move first, and dead-lettering
 * every new event would stop the consumers that have not been upgraded yet. Any failure is a {@link PoisonRecordException}: retrying cannot
 * fix the bytes. Thread-safe.
 */
public final class RecordDecoder {

    private static final java.util.regex.Pattern NEWER_VERSION =
            java.util.regex.Pattern.compile("https://schemas\\.finflow\\.io/([a-z][a-z0-9_-]*)/v([1-9][0-9]{0,5})\\.json");

    /** Bounds the cache: a hostile producer could write a new ce_dataschema on every record. */
    private static final int MAX_CACHED_SCHEMAS = 256;

    private final SchemaRegistry schemas;
    /** ce_dataschema text -> schema: a handful of distinct values, looked up once each, not per record. */
    private final java.util.Map<String, Optional<SchemaRef>> resolved = new java.util.concurrent.ConcurrentHashMap<>();

    public RecordDecoder(SchemaRegistry schemas) {
        this.schemas = schemas;
    }

    /** A decoded record: the event in the handler's type and the schema version it was checked against. */
    public record Decoded(Object event, int schemaVersion) {
    }

    /**
     * Decodes a record of a catalog topic.
     *
     * @param type the handler's event class, or {@code JsonNode.class} for untyped handlers
     */
    public Decoded decode(ConsumerRecord<byte[], byte[]> record, TopicSpec spec, Class<?> type) {
        if (record.value() == null) {
            throw new PoisonRecordException("record has no value (null payload)", null);
        }
        JsonNode json;
        try {
            json = EventJson.mapper().readTree(record.value());
        } catch (java.io.IOException e) {
            throw new PoisonRecordException("value is not valid JSON: " + firstLine(e.getMessage()), e);
        }
        if (json == null || !json.isObject()) {
            throw new PoisonRecordException("value is not a JSON object", null);
        }
        int version = declaredVersion(record, spec);
        List<Violation> violations = version > schemas.latestVersion(spec.eventType())
                ? List.of() // written by a newer producer: see declaredVersion
                : schemas.validate(spec.eventType(), version, json);
        if (!violations.isEmpty()) {
            throw new PoisonRecordException("event breaks schema " + spec.eventType() + " v" + version + ": "
                    + String.join("; ", violations.stream().map(Violation::toString).toList()), null);
        }
        if (type == JsonNode.class) {
            return new Decoded(json, version);
        }
        try {
            return new Decoded(EventJson.mapper().treeToValue(json, type), version);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new PoisonRecordException("event does not map to " + type.getSimpleName() + ": "
                    + firstLine(e.getMessage()), e);
        }
    }

    private int declaredVersion(ConsumerRecord<byte[], byte[]> record, TopicSpec spec) {
        String declared = CloudEventHeaders.text(record.headers(), CloudEventHeaders.DATA_SCHEMA);
        if (declared == null) {
            return schemas.latestVersion(spec.eventType());
        }
        Optional<SchemaRef> ref = resolved.get(declared);
        if (ref == null) {
            try {
                ref = schemas.resolve(URI.create(declared));
            } catch (IllegalArgumentException e) {
                throw new PoisonRecordException("ce_dataschema '" + declared + "' is not a valid URI", e);
            }
            if (resolved.size() < MAX_CACHED_SCHEMAS) {
                resolved.put(declared, ref);
            }
        }
        if (ref.isEmpty()) {
            // A newer version of this topic's own event type (producers upgrade before consumers): the
            // producer validated it, and readers ignore fields they do not know, so it is not poison.
            java.util.regex.Matcher newer = NEWER_VERSION.matcher(declared);
            if (newer.matches() && newer.group(1).equals(spec.eventType())) {
                int v = Integer.parseInt(newer.group(2));
                if (v > schemas.latestVersion(spec.eventType())) {
                    return v;
                }
            }
            throw new PoisonRecordException("ce_dataschema '" + declared + "' is not a known FinFlow schema", null);
        }
        if (!ref.get().eventType().equals(spec.eventType())) {
            throw new PoisonRecordException("ce_dataschema '" + declared + "' is a " + ref.get().eventType()
                    + " schema, but " + spec.name() + " carries " + spec.eventType() + " events", null);
        }
        return ref.get().version();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
