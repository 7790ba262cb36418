package io.finflow.kafka.ops.dlq;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.finflow.kafka.wire.CloudEventHeaders;
import io.finflow.kafka.wire.DeadLetterHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Reads the {@code dlq.*} headers of a dead letter record; tolerant of missing or malformed values. */
final class DlqRecords {

    private DlqRecords() {
    }

    static DlqRecord of(ConsumerRecord<byte[], byte[]> r) {
        Headers h = r.headers();
        return new DlqRecord(r.topic(), r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()),
                text(r.key()), text(r.value()), header(h, CloudEventHeaders.ID),
                header(h, DeadLetterHeaders.ORIGINAL_TOPIC),
                intOrNull(header(h, DeadLetterHeaders.ORIGINAL_PARTITION)),
                longOrNull(header(h, DeadLetterHeaders.ORIGINAL_OFFSET)),
                header(h, DeadLetterHeaders.CONSUMER_GROUP),
                header(h, DeadLetterHeaders.EXCEPTION_CLASS),
                header(h, DeadLetterHeaders.EXCEPTION_MESSAGE),
                intOrNull(header(h, DeadLetterHeaders.ATTEMPTS)),
                instantOrNull(header(h, DeadLetterHeaders.FAILED_AT)),
                replayCount(h));
    }

    /** The record's {@code finflow.replay.count}, 0 when absent or not a number. */
    static int replayCount(Headers headers) {
        Integer count = intOrNull(header(headers, ReplayHeaders.REPLAY_COUNT));
        return count == null || count < 0 ? 0 : count;
    }

    static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null ? null : text(h.value());
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static Integer intOrNull(String s) {
        try {
            return s == null ? null : Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long longOrNull(String s) {
        try {
            return s == null ? null : Long.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant instantOrNull(String s) {
        try {
            return s == null ? null : Instant.parse(s.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
