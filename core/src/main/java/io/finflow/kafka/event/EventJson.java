package io.finflow.kafka.event;

import java.io.IOException;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON form of FinFlow events, one configuration shared by producers and consumers.
 *
 * <ul>
 *   <li>{@link java.time.Instant} as ISO 8601 strings ({@code "2025-03-14T09:26:53.589Z"}), never epoch numbers;</li>
 *   <li>decimals exact: floating point JSON numbers are read as {@link java.math.BigDecimal} (scale kept, also in
 *       trees) and written in plain notation; money amounts are written as strings ({@code "100.50"});</li>
 *   <li>{@code null} fields are omitted;</li>
 *   <li>readers ignore unknown properties, because a producer on a newer schema version may add optional fields;
 *       they refuse duplicate keys and trailing content, which no FinFlow producer writes.</li>
 * </ul>
 *
 * <pre>{@code
 * byte[] value = EventJson.toBytes(TransactionEvent.debit("acc-42", "100.50", "EUR"));
 * TransactionEvent back = EventJson.fromBytes(value, TransactionEvent.class);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private EventJson() {
    }

    /**
     * The shared mapper. Do not reconfigure it (every producer and consumer of the JVM uses it); take
     * {@code mapper().copy()} to derive another configuration.
     *
     * @return the FinFlow event mapper
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Writes an event (or a {@link JsonNode}) as UTF-8 JSON.
     *
     * @param value the event
     * @return the JSON bytes
     * @throws EventJsonException when the value cannot be written
     */
    public static byte[] toBytes(Object value) {
        Objects.requireNonNull(value, "value");
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new EventJsonException("could not write " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * Converts an event to a JSON tree, for example to validate it against its schema before sending the bytes of
     * that same tree.
     *
     * @param value the event
     * @return the tree; money amounts are text nodes
     * @throws EventJsonException when the value cannot be converted
     */
    public static JsonNode toTree(Object value) {
        Objects.requireNonNull(value, "value");
        try {
            return MAPPER.valueToTree(value);
        } catch (IllegalArgumentException e) {
            throw new EventJsonException("could not convert " + value.getClass().getName() + " to JSON: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Reads UTF-8 JSON bytes as an event class (or {@code JsonNode.class} for a tree).
     *
     * @param bytes JSON bytes, e.g. a record value
     * @param type  the target class, e.g. {@code TransactionEvent.class}
     * @param <T>   the target type
     * @return the event
     * @throws EventJsonException when the bytes are not JSON or do not fit the class (a missing required field, a
     *                            wrong type, an unknown enum value), naming the class and the location
     */
    public static <T> T fromBytes(byte[] bytes, Class<T> type) {
        Objects.requireNonNull(type, "type");
        if (bytes == null || bytes.length == 0) {
            throw new EventJsonException("cannot read " + type.getSimpleName() + " from "
                    + (bytes == null ? "null" : "empty") + " bytes", null);
        }
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new EventJsonException("could not read " + bytes.length + " bytes as " + type.getSimpleName() + ": "
                    + describe(e), e);
        }
    }

    /**
     * Converts a JSON tree to an event class, for example after validating the tree a consumer read with
     * {@link #readTree(byte[])}, so the bytes are parsed once.
     *
     * @param tree the event as a tree
     * @param type the target class, e.g. {@code TransactionEvent.class}
     * @param <T>  the target type
     * @return the event
     * @throws EventJsonException when the tree does not fit the class, naming the class and the location
     */
    public static <T> T fromTree(JsonNode tree, Class<T> type) {
        Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(type, "type");
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String reason = e instanceof JsonProcessingException jpe ? describe(jpe) : e.getMessage();
            throw new EventJsonException("could not convert JSON to " + type.getSimpleName() + ": " + reason, e);
        }
    }

    /**
     * Reads UTF-8 JSON bytes as a tree.
     *
     * @param bytes JSON bytes
     * @return the tree, with exact decimals
     * @throws EventJsonException when the bytes are not one JSON value
     */
    public static JsonNode readTree(byte[] bytes) {
        return fromBytes(bytes, JsonNode.class);
    }

    private static String describe(IOException e) {
        if (e instanceof JsonProcessingException jpe) {
            String message = jpe.getOriginalMessage();
            var location = jpe.getLocation();
            // Jackson's own message repeats the whole source; keep the reason and say where.
            String where = location == null ? "" : " (line " + location.getLineNr() + ", column "
                    + location.getColumnNr() + ")";
            if (e instanceof com.fasterxml.jackson.databind.JsonMappingException jme && !jme.getPath().isEmpty()) {
                where = " at " + jme.getPathReference().replaceAll("^[^\\[]*", "") + where;
            }
            return message + where;
        }
        return e.getMessage();
    }
}
