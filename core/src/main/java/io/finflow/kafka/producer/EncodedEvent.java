package io.finflow.kafka.producer;

import org.apache.kafka.common.header.Headers;

/**
 * A validated event ready to be written: record key, JSON value and CloudEvents headers.
 *
 * @param topic   destination topic
 * @param key     the value of the catalog's key field
 * @param value   UTF-8 JSON of the event
 * @param headers CloudEvents binary-mode headers plus any extra headers
 * @param eventId the event's id ({@code ce_id})
 */
public record EncodedEvent(String topic, String key, byte[] value, Headers headers, String eventId) {
}
