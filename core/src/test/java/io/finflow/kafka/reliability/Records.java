package io.finflow.kafka.reliability;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.producer.EncodedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** Consumer records as a consumer would receive them, built without a broker for the decoder properties. */
final class Records {

    private Records() {
    }

    /** The record a producer writes for this encoded event. */
    static ConsumerRecord<byte[], byte[]> of(EncodedEvent event) {
        return record(event.topic(), event.key().getBytes(StandardCharsets.UTF_8), event.value(),
                new RecordHeaders(event.headers().toArray()));
    }

    /** A record a foreign producer wrote: raw JSON bytes, with a ce_dataschema header when not null. */
    static ConsumerRecord<byte[], byte[]> raw(String topic, JsonNode value, String dataSchema) {
        return raw(topic, EventJson.toBytes(value), dataSchema);
    }

    /** A record of raw bytes, with a ce_dataschema header when not null. */
    static ConsumerRecord<byte[], byte[]> raw(String topic, byte[] value, String dataSchema) {
        RecordHeaders headers = new RecordHeaders();
        if (dataSchema != null) {
            headers.add("ce_dataschema", dataSchema.getBytes(StandardCharsets.UTF_8));
        }
        return record(topic, "key".getBytes(StandardCharsets.UTF_8), value, headers);
    }

    private static ConsumerRecord<byte[], byte[]> record(String topic, byte[] key, byte[] value, RecordHeaders headers) {
        return new ConsumerRecord<>(topic, 0, 0L, 0L, TimestampType.CREATE_TIME, key.length,
                value == null ? -1 : value.length, key, value, headers, Optional.empty());
    }
}
