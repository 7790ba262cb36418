package io.finflow.kafka.schema;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.finflow.kafka.catalog.TopicSpec;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.wire.CloudEventHeaders;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The one rule saying whether a record is an acceptable event of its catalog topic. The consumer
 * ({@code EventConsumer} dead-letters what it refuses) and {@code finflow tail} (which shows the
 * verdict) both use it, so they never disagree.
 *
 * <ol>
 *   <li>No value: on a compacted topic a {@link RecordCheck.Outcome#TOMBSTONE} (the deletion of its key);
 *       elsewhere invalid.</li>
 *   <li>The value must be a JSON object.</li>
 *   <li>The schema is the one {@code ce_dataschema} names, the newest version of the topic's event type
 *       when the header is missing. It must be of the topic's event type. A version of that type newer
 *       than this library knows is {@link RecordCheck.Outcome#NEWER_VERSION}: accepted unvalidated
 *       (rolling upgrades: producers move first). Any other unknown schema is invalid.</li>
 *   <li>The event must be valid against that schema; every violation is listed with its JSON pointer.</li>
 * </ol>
 *
 * <p>Thread-safe; resolved {@code ce_dataschema} values are cached (bounded).
 */
public final class RecordValidator {

    private static final Pattern SCHEMA_ID = Pattern.compile(
            Pattern.quote(SchemaRegistry.ID_BASE) + "([a-z][a-z0-9_-]*)/v([1-9][0-9]{0,5})\\.json");

    /** Bounds the cache: a hostile producer could write a new ce_dataschema on every record. */
    private static final int MAX_CACHED_SCHEMAS = 256;

    private final SchemaRegistry schemas;
    private final Map<String, Optional<SchemaRef>> resolved = new ConcurrentHashMap<>();

    /** Checks against these schemas. */
    public RecordValidator(SchemaRegistry schemas) {
        this.schemas = Objects.requireNonNull(schemas, "schemas");
    }

    /**
     * Checks one record of a catalog topic.
     *
     * @param spec    the topic's catalog entry (its event type and cleanup policy)
     * @param headers the record's headers; may be null
     * @param value   the record's value; null for a tombstone
     * @throws IllegalArgumentException when the topic carries no catalog event type
     */
    public RecordCheck check(TopicSpec spec, Headers headers, byte[] value) {
        String eventType = spec.eventType();
        if (eventType == null) {
            throw new IllegalArgumentException("topic '" + spec.name() + "' carries no catalog event type");
        }
        if (value == null) {
            return spec.isCompacted() ? RecordCheck.tombstone()
                    : RecordCheck.invalid(null, "record has no value (null payload)");
        }
        JsonNode json;
        try {
            json = EventJson.mapper().readTree(value);
        } catch (IOException e) {
            return RecordCheck.invalid(null, "value is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (json == null || !json.isObject()) {
            return RecordCheck.invalid(null, "value is not a JSON object");
        }
        String declared = header(headers);
        int version;
        if (declared == null) {
            version = schemas.latestVersion(eventType);
        } else {
            Optional<SchemaRef> ref;
            try {
                ref = resolve(declared);
            } catch (IllegalArgumentException e) {
                return RecordCheck.invalid(null, "ce_dataschema '" + declared + "' is not a valid URI");
            }
            if (ref.isEmpty()) {
                Matcher m = SCHEMA_ID.matcher(declared);
                if (m.matches() && m.group(1).equals(eventType)
                        && Integer.parseInt(m.group(2)) > schemas.latestVersion(eventType)) {
                    return RecordCheck.newer(new SchemaRef(eventType, Integer.parseInt(m.group(2))), json);
                }
                return RecordCheck.invalid(null, "ce_dataschema '" + declared + "' is not a known FinFlow schema");
            }
            if (!ref.get().eventType().equals(eventType)) {
                return RecordCheck.invalid(ref.get(), "ce_dataschema '" + declared + "' is a " + ref.get().eventType()
                        + " schema, but " + spec.name() + " carries " + eventType + " events");
            }
            version = ref.get().version();
        }
        SchemaRef schema = new SchemaRef(eventType, version);
        List<Violation> violations = schemas.validate(eventType, version, json);
        if (!violations.isEmpty()) {
            return RecordCheck.violations(schema, violations.stream().map(Violation::toString).toList());
        }
        return RecordCheck.valid(schema, json);
    }

    private Optional<SchemaRef> resolve(String declared) {
        Optional<SchemaRef> ref = resolved.get(declared);
        if (ref == null) {
            ref = schemas.resolve(URI.create(declared));
            if (resolved.size() < MAX_CACHED_SCHEMAS) {
                resolved.put(declared, ref);
            }
        }
        return ref;
    }

    private static String header(Headers headers) {
        Header h = headers == null ? null : headers.lastHeader(CloudEventHeaders.DATA_SCHEMA);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
