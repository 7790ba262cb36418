package io.finflow.kafka.producer;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.catalog.TopicSpec;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.EventTypes;
import io.finflow.kafka.event.FinFlowEvent;
import io.finflow.kafka.schema.SchemaRegistry;
import io.finflow.kafka.wire.CloudEventHeaders;
import io.finflow.kafka.wire.DeadLetterHeaders;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Turns an event into the record FinFlow writes, refusing anything that is not a valid event of
 * the topic: unknown topic, null, wrong event type, schema violations (all of them, with JSON
 * pointers), missing key field, oversized payload. Thread-safe; used by {@link io.finflow.kafka.EventProducer}
 * and by tools that must check a whole batch before sending any of it.
 */
public final class EventEncoder {

    private final TopicCatalog catalog;
    private final SchemaRegistry schemas;
    private final String source;
    private final int maxEventBytes;

    public EventEncoder(TopicCatalog catalog, SchemaRegistry schemas, String source, int maxEventBytes) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.schemas = Objects.requireNonNull(schemas, "schemas");
        this.source = Objects.requireNonNull(source, "source");
        this.maxEventBytes = maxEventBytes;
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
        return encode(spec, EventJson.toTree(event), event.occurredAt(), extraHeaders);
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
        String eventType = spec.eventType();
        int version = schemas.latestVersion(eventType);
        schemas.validateOrThrow(eventType, version, json);

        JsonNode keyNode = json.get(spec.keyField());
        if (keyNode == null || keyNode.isNull() || !keyNode.isValueNode() || keyNode.asText().isEmpty()) {
            throw new InvalidEventException("event for " + spec.name() + " has no key field '" + spec.keyField()
                    + "' (the partition key of this topic)");
        }
        byte[] value = EventJson.toBytes(json);
        if (value.length > maxEventBytes) {
            throw new InvalidEventException("event for " + spec.name() + " is " + value.length
                    + " bytes, more than the " + maxEventBytes + " bytes allowed");
        }
        String eventId = json.path("eventId").asText();
        URI dataSchema = schemas.schemaUri(eventType, version);
        return new EncodedEvent(spec.name(), keyNode.asText(), value,
                headers(eventId, source, EventTypes.cloudEventType(eventType), time, dataSchema, extra),
                eventId);
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

    /** The CloudEvents headers of one event; {@code extra} (e.g. traceparent) is appended unchanged. */
    private static Headers headers(String id, String source, String type, Instant time, URI dataSchema,
                                   Map<String, String> extra) {
        RecordHeaders headers = new RecordHeaders();
        addHeader(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        addHeader(headers, CloudEventHeaders.ID, id);
        addHeader(headers, CloudEventHeaders.SOURCE, source);
        addHeader(headers, CloudEventHeaders.TYPE, type);
        if (time != null) {
            addHeader(headers, CloudEventHeaders.TIME, time.toString());
        }
        addHeader(headers, CloudEventHeaders.DATA_SCHEMA, dataSchema.toString());
        addHeader(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        extra.forEach((k, v) -> addHeader(headers, k, v));
        return headers;
    }

    private static void addHeader(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The UTF-8 text of an encoded value, for messages and logs. */
    static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }
}
