package io.finflow.kafka.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * CloudEvents 1.0 Kafka protocol binding, binary mode: event attributes travel as {@code ce_*}
 * headers, the record value is the event's JSON. See docs/wire-format.md.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String DATA_SCHEMA = "ce_dataschema";
    public static final String CONTENT_TYPE = "content-type";
    public static final String TRACEPARENT = "traceparent";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }

    /** Builds the headers of one event; {@code extra} (e.g. traceparent) is appended unchanged. */
    public static Headers build(String id, String source, String type, Instant time, URI dataSchema,
                                Map<String, String> extra) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, SPEC_VERSION, "1.0");
        add(headers, ID, id);
        add(headers, SOURCE, source);
        add(headers, TYPE, type);
        if (time != null) {
            add(headers, TIME, time.toString());
        }
        add(headers, DATA_SCHEMA, dataSchema.toString());
        add(headers, CONTENT_TYPE, JSON);
        extra.forEach((k, v) -> add(headers, k, v));
        return headers;
    }

    /** The last value of a header as UTF-8 text, or null. */
    public static String text(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
