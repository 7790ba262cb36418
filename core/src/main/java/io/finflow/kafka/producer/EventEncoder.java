package io.finflow.kafka.producer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.catalog.TopicSpec;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.EventTypes;
import io.finflow.kafka.event.FinFlowEvent;
import io.finflow.kafka.schema.SchemaRegistry;
import io.finflow.kafka.schema.SchemaValidationException;
import io.finflow.kafka.schema.Violation;
import io.finflow.kafka.wire.CloudEventHeaders;
import io.finflow.kafka.wire.DeadLetterHeaders;

/**
 * Turns an event into the record FinFlow writes, refusing anything that is not a valid event of
 * the topic: unknown topic, null, wrong event type, schema violations (all of them, with JSON
 * pointers), missing key field, oversized payload. Thread-safe; used by {@link io.finflow.kafka.EventProducer}
 * and by tools that must check a whole batch before sending any of it.
 */
public final class EventEncoder {

    private final TopicCatalog catalog;
    private final SchemaRegistry schemas;
    private final int maxEventBytes;
    private final HeaderTemplates headers;
    /**
     * Always true: every event is checked against its schema. Not final, and set in the constructor rather than
     * where it is declared, only so that the benchmark harness can switch validation off by reflection to measure
     * what it costs; no option or method of the library changes it.
     */
    private boolean validating;

    public EventEncoder(TopicCatalog catalog, SchemaRegistry schemas, String source, int maxEventBytes) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.schemas = Objects.requireNonNull(schemas, "schemas");
        this.maxEventBytes = maxEventBytes;
        this.headers = new HeaderTemplates(Objects.requireNonNull(source, "source"), schemas);
        this.validating = true;
    }

    /**
     * Encodes a typed event.
     *
     * @throws io.finflow.kafka.catalog.UnknownTopicException topic not in the catalog
     * @throws InvalidEventException null event, wrong type for the topic, no key, too large, a reserved header or
     *                               one without a name or value
     * @throws io.finflow.kafka.schema.SchemaValidationException the event breaks its schema
     */
    public EncodedEvent encode(String topic, FinFlowEvent event, Map<String, String> extraHeaders) {
        TopicSpec spec = catalog.require(topic);
        if (event == null) {
            throw new InvalidEventException("event for " + topic + " is null");
        }
        String eventType = EventTypes.eventTypeOf(event.getClass());
        if (!eventType.equals(spec.eventType())) {
            throw new InvalidEventException(topic + " carries " + spec.eventType() + " events, got a "
                    + event.getClass().getSimpleName() + " (" + eventType + ")");
        }
        String key = TypedKeys.keyOf(event, spec.keyField());
        if (key == null || key.isEmpty()) {
            // No key to read from the record: the JSON tree finds it, or reports it missing.
            return encode(spec, EventJson.toTree(event), event.occurredAt(), extraHeaders);
        }
        // The typed path: no JSON tree. The registry's fast check (or, when it is not sure, the JSON Schema
        // validator on the event's tree) judges the event, then Jackson writes the same bytes the tree would.
        Map<String, String> extra = checkedExtraHeaders(spec, extraHeaders);
        int version = schemas.latestVersion(eventType);
        if (validating) {
            List<Violation> violations = schemas.validate(eventType, version, event);
            if (!violations.isEmpty()) {
                throw new SchemaValidationException(eventType, version, violations);
            }
        }
        byte[] value = EventJson.toBytes(event);
        return encoded(spec, key, value, event.eventId(), version, event.occurredAt(), extra);
    }

    /** Encodes an untyped event (a JSON object), validated exactly like a typed one. */
    public EncodedEvent encode(String topic, JsonNode event, Map<String, String> extraHeaders) {
        TopicSpec spec = catalog.require(topic);
        if (event == null || event.isNull() || event.isMissingNode()) {
            throw new InvalidEventException("event for " + topic + " is null");
        }
        if (!event.isObject()) {
            throw new InvalidEventException("event for " + topic + " must be a JSON object, was "
                    + event.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        return encode(spec, event, occurredAt(event), extraHeaders);
    }

    /** @param time the event's occurredAt ({@code ce_time}); a typed event has it, JSON is parsed once */
    private EncodedEvent encode(TopicSpec spec, JsonNode json, Instant time, Map<String, String> extraHeaders) {
        Map<String, String> extra = checkedExtraHeaders(spec, extraHeaders);
        String eventType = spec.eventType();
        int version = schemas.latestVersion(eventType);
        if (validating) {
            schemas.validateOrThrow(eventType, version, json);
        }

        JsonNode keyNode = json.get(spec.keyField());
        if (keyNode == null || keyNode.isNull() || !keyNode.isValueNode() || keyNode.asText().isEmpty()) {
            throw new InvalidEventException("event for " + spec.name() + " has no key field '" + spec.keyField()
                    + "' (the partition key of this topic)");
        }
        byte[] value = EventJson.toBytes(json);
        return encoded(spec, keyNode.asText(), value, json.path("eventId").asText(), version, time, extra);
    }

    /** The size check and the CloudEvents headers of an event that passed its schema. */
    private EncodedEvent encoded(TopicSpec spec, String key, byte[] value, String eventId, int version, Instant time,
            Map<String, String> extra) {
        if (value.length > maxEventBytes) {
            throw new InvalidEventException("event for " + spec.name() + " is " + value.length
                    + " bytes, more than the " + maxEventBytes + " bytes allowed");
        }
        return new EncodedEvent(spec.name(), key, value,
                headers.build(eventId, spec.eventType(), version, time, extra), eventId);
    }

    /** The extra headers, refused when one has no name or value or uses a reserved name. */
    private static Map<String, String> checkedExtraHeaders(TopicSpec spec, Map<String, String> extraHeaders) {
        Map<String, String> extra = extraHeaders == null ? Map.of() : extraHeaders;
        for (Map.Entry<String, String> header : extra.entrySet()) {
            String name = header.getKey();
            if (name == null || name.isEmpty()) {
                throw new InvalidEventException("a header of the event for " + spec.name() + " has no name");
            }
            if (header.getValue() == null) {
                throw new InvalidEventException("header '" + name + "' of the event for " + spec.name()
                        + " has a null value");
            }
            if (CloudEventHeaders.isReserved(name) || name.startsWith(DeadLetterHeaders.PREFIX)) {
                throw new InvalidEventException("header '" + name + "' is reserved for FinFlow's wire format");
            }
        }
        return extra;
    }

    private static Instant occurredAt(JsonNode json) {
        JsonNode t = json.get("occurredAt");
        if (t == null || !t.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(t.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The UTF-8 text of an encoded value, for messages and logs. */
    static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }
}
