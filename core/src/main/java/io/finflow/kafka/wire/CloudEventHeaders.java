package io.finflow.kafka.wire;

/**
 * Header names and fixed values of FinFlow events on Kafka: the CloudEvents 1.0 Kafka protocol binding in
 * binary mode, where the event's attributes travel as {@code ce_*} headers and the record value is the
 * event's JSON, plus W3C trace context (docs/wire-format.md). Header values are UTF-8 text. Names starting
 * with {@value #PREFIX}, and {@value #CONTENT_TYPE}, are written by the producer only.
 */
public final class CloudEventHeaders {

    /** Prefix of every CloudEvents attribute header. */
    public static final String PREFIX = "ce_";
    /** CloudEvents spec version of the event: always {@value #SPEC_VERSION_1_0}. */
    public static final String SPEC_VERSION = "ce_specversion";
    /** Unique id of the event: the idempotency key consumers may drop duplicates by. */
    public static final String ID = "ce_id";
    /** The producing service, a URI reference such as {@code /finflow/accounting-service}. */
    public static final String SOURCE = "ce_source";
    /** Event type, reverse-DNS, e.g. {@code io.finflow.transaction}. */
    public static final String TYPE = "ce_type";
    /** When the event happened, RFC 3339 (absent when the event has no time). */
    public static final String TIME = "ce_time";
    /** URI of the JSON Schema (type and version) the value conforms to. */
    public static final String DATA_SCHEMA = "ce_dataschema";
    /** Media type of the value: always {@value #JSON}. */
    public static final String CONTENT_TYPE = "content-type";
    /** W3C trace context, passed through when the producer is given one. */
    public static final String TRACEPARENT = "traceparent";
    /** The only spec version written. */
    public static final String SPEC_VERSION_1_0 = "1.0";
    /** Value of {@link #CONTENT_TYPE}. */
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }

    /** True for the headers only the producer writes: {@code ce_*} and {@value #CONTENT_TYPE}. */
    public static boolean isReserved(String name) {
        return name.startsWith(PREFIX) || name.equals(CONTENT_TYPE);
    }
}
