package io.finflow.kafka.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.finflow.kafka.catalog.TopicSpec;
import io.finflow.kafka.consumer.PoisonRecordException;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.schema.RecordCheck;
import io.finflow.kafka.schema.RecordValidator;
import io.finflow.kafka.schema.SchemaRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns a record's bytes into an event: checks it with the {@link RecordValidator} rule (the same
 * rule {@code finflow tail} shows), then maps it to the handler's type. A refused record is a
 * {@link PoisonRecordException}: retrying cannot fix the bytes. Thread-safe.
 */
public final class RecordDecoder {

    private final RecordValidator validator;

    public RecordDecoder(SchemaRegistry schemas) {
        this.validator = new RecordValidator(schemas);
    }

    /**
     * A decoded record.
     *
     * @param event         the event in the handler's type; null for a tombstone
     * @param schemaVersion the schema version it was checked against (or declares, when newer); 0 for a tombstone
     * @param tombstone     true for the deletion of a key on a compacted topic
     */
    public record Decoded(Object event, int schemaVersion, boolean tombstone) {
    }

    /**
     * Decodes a record of a catalog topic.
     *
     * @param type the handler's event class, or {@code JsonNode.class} for untyped handlers
     */
    public Decoded decode(ConsumerRecord<byte[], byte[]> record, TopicSpec spec, Class<?> type) {
        RecordCheck check = validator.check(spec, record.headers(), record.value());
        switch (check.outcome()) {
            case INVALID -> throw new PoisonRecordException(check.reason(), null);
            case TOMBSTONE -> {
                return new Decoded(null, 0, true);
            }
            default -> {
                // VALID, NEWER_VERSION
            }
        }
        JsonNode json = check.event();
        int version = check.schema().version();
        if (type == JsonNode.class) {
            return new Decoded(json, version, false);
        }
        try {
            return new Decoded(EventJson.mapper().treeToValue(json, type), version, false);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new PoisonRecordException("event does not map to " + type.getSimpleName() + ": "
                    + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
