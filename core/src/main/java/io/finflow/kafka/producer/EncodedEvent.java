package io.finflow.kafka.producer;

import java.util.Objects;

import io.finflow.kafka.internal.EncodedRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * An event that an {@link EventEncoder} validated and encoded, ready to be written: record key, JSON
 * value and CloudEvents headers. Only {@code EventEncoder} makes them, and an encoded event cannot be
 * changed afterwards ({@link #value()} and {@link #headers()} hand out copies), so
 * {@link io.finflow.kafka.EventProducer#send(EncodedEvent)} never sends anything that was not
 * validated. Immutable and thread-safe.
 */
public final class EncodedEvent {

    private final String topic;
    private final String key;
    private final byte[] value;
    private final Header[] headers;
    private final String eventId;

    static {
        EncodedRecords.install(e -> new ProducerRecord<>(e.topic, null, null, e.key, e.value,
                new RecordHeaders(e.headers)));
    }

    /**
     * Made by {@link EventEncoder} only, once the event is valid. Takes ownership of {@code value} and
     * {@code headers}: the encoder made them for this event (or shares constant header values no one else
     * can reach) and keeps no reference it could change.
     */
    EncodedEvent(String topic, String key, byte[] value, Header[] headers, String eventId) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.key = key;
        this.value = value;
        this.headers = headers;
        this.eventId = eventId;
    }

    /** The destination topic. */
    public String topic() {
        return topic;
    }

    /** The record key: the value of the catalog's key field. */
    public String key() {
        return key;
    }

    /** A copy of the UTF-8 JSON of the event. */
    public byte[] value() {
        return value.clone();
    }

    /** Size of the JSON value in bytes. */
    public int valueSize() {
        return value.length;
    }

    /** A copy of the CloudEvents binary-mode headers plus any extra headers, in order. */
    public Headers headers() {
        Header[] copy = new Header[headers.length];
        for (int i = 0; i < headers.length; i++) {
            byte[] v = headers[i].value();
            copy[i] = new RecordHeader(headers[i].key(), v == null ? null : v.clone());
        }
        return new RecordHeaders(copy);
    }

    /** The event's id ({@code ce_id}). */
    public String eventId() {
        return eventId;
    }

    @Override
    public String toString() {
        return "EncodedEvent[topic=" + topic + ", key=" + key + ", eventId=" + eventId + ", " + value.length + " bytes]";
    }
}
