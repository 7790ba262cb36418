package io.finflow.kafka.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import io.finflow.kafka.catalog.TopicSpec;
import io.finflow.kafka.consumer.PoisonRecordException;
import io.finflow.kafka.event.BalanceEvent;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.EventJsonException;
import io.finflow.kafka.event.EventTypes;
import io.finflow.kafka.event.FinFlowEvent;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.internal.RecordDecoder.Decoded;
import io.finflow.kafka.producer.EncodedEvent;
import io.finflow.kafka.reliability.SchemaValidationPropertiesTest.Generated;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Properties of encoding and decoding, on generated events ({@link EventGenerator}) and corrupted records:
 * <ul>
 *   <li>encode then decode keeps every value exactly: the JSON tree a consumer reads equals the one the producer
 *       validated, money amounts and balances keep their digits and scale, times their instant; the Java event writes
 *       back a valid event and reads back equal;</li>
 *   <li>corrupted bytes (flipped, cut, inserted, foreign, deeply nested) under any {@code ce_dataschema} header make
 *       the decoder refuse with {@link PoisonRecordException} only, and what it does accept is valid;</li>
 *   <li>{@link EventJson} reading arbitrary bytes fails only with {@link EventJsonException}.</li>
 * </ul>
 */
@Tag("reliability")
class EventDecodingPropertiesTest {

    private static final List<String> DATA_SCHEMAS = List.of(
            "https://schemas.finflow.io/transaction/v1.json", "https://schemas.finflow.io/transaction/v2.json",
            "https://schemas.finflow.io/transaction/v99.json", "https://schemas.finflow.io/user/v1.json",
            "https://schemas.finflow.io/balance/v1.json", "https://schemas.finflow.io/analytics/v2.json",
            "https://schemas.finflow.io/TRANSACTION/v1.json", "https://schemas.finflow.io/transaction/v01.json",
            "https://example.com/transaction/v1.json", "", " ", "not a uri", "::", "%zz", "urn:x", "\u0000");

    /** A record as it arrives, after something went wrong on the way. */
    record Corrupted(String type, String how, byte[] value, String dataSchema) {
        @Override
        public String toString() {
            return type + " " + how + " ce_dataschema=" + dataSchema + " value="
                    + new String(value, StandardCharsets.UTF_8);
        }
    }

    @Provide
    Arbitrary<Generated> validEvents() {
        return Arbitraries.of(EventGenerator.TYPES).flatMap(type -> Arbitraries.randomValue(
                random -> new Generated(type, new EventGenerator(random).valid(type))));
    }

    @Provide
    Arbitrary<Corrupted> corruptedRecords() {
        return Arbitraries.of(EventGenerator.TYPES).flatMap(type -> Arbitraries.randomValue(
                random -> corrupt(type, random)));
    }

    @Provide
    Arbitrary<byte[]> anyBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    }

    @Property(tries = 500)
    void encodeThenDecodeKeepsEveryValueExactly(@ForAll("validEvents") Generated e) {
        String topic = SchemaValidationPropertiesTest.topic(e.type());
        TopicSpec spec = SchemaValidationPropertiesTest.CATALOG.require(topic);
        EncodedEvent encoded = SchemaValidationPropertiesTest.ENCODER.encode(topic, e.event(), Map.of());
        ConsumerRecord<byte[], byte[]> record = Records.of(encoded);

        JsonNode tree = (JsonNode) SchemaValidationPropertiesTest.DECODER.decode(record, spec, JsonNode.class).event();
        assertThat(tree).as("the tree a consumer reads is the one the producer validated").isEqualTo(e.event());

        Class<? extends FinFlowEvent> type = EventTypes.classOf(e.type());
        Decoded decoded = SchemaValidationPropertiesTest.DECODER.decode(record, spec, type);
        FinFlowEvent event = type.cast(decoded.event());
        assertThat(event.eventId()).isEqualTo(e.event().path("eventId").asText());
        assertThat(event.occurredAt()).isEqualTo(instant(e.event().path("occurredAt").asText()));
        if (event instanceof TransactionEvent tx) {
            BigDecimal sent = new BigDecimal(e.event().path("amount").asText());
            assertThat(tx.amount()).as("amount, scale included").isEqualTo(sent);
            assertThat(tx.amount().toPlainString()).isEqualTo(e.event().path("amount").asText());
        }
        if (event instanceof BalanceEvent balance) {
            assertThat(balance.balance()).as("balance, scale included")
                    .isEqualTo(new BigDecimal(e.event().path("balance").asText()));
            assertThat(balance.transactionsApplied()).isEqualTo(e.event().path("transactionsApplied").longValue());
        }

        // The Java event writes back a valid event of its type, and reads back equal.
        JsonNode rewritten = EventJson.toTree(event);
        assertThat(SchemaValidationPropertiesTest.SCHEMAS.validate(e.type(),
                SchemaValidationPropertiesTest.SCHEMAS.latestVersion(e.type()), rewritten)).as(rewritten.toString())
                .isEmpty();
        assertThat(EventJson.fromBytes(EventJson.toBytes(event), type)).isEqualTo(event);
    }

    @Property(tries = 1000)
    void corruptedRecordsAreRefusedAsPoisonOnlyAndWhatIsAcceptedIsValid(@ForAll("corruptedRecords") Corrupted c) {
        String topic = SchemaValidationPropertiesTest.topic(c.type());
        TopicSpec spec = SchemaValidationPropertiesTest.CATALOG.require(topic);
        for (Class<?> target : List.of(JsonNode.class, EventTypes.classOf(c.type()))) {
            Decoded decoded;
            try {
                decoded = SchemaValidationPropertiesTest.DECODER.decode(Records.raw(topic, c.value(), c.dataSchema()),
                        spec, target);
            } catch (PoisonRecordException poison) {
                assertThat(poison.getMessage()).as(c.toString()).isNotBlank();
                continue;
            } catch (RuntimeException | Error unexpected) {
                throw new AssertionError("decoding " + c + " as " + target.getSimpleName() + " threw " + unexpected,
                        unexpected);
            }
            assertThat(decoded.event()).as(c.toString()).isInstanceOf(target);
            int latest = SchemaValidationPropertiesTest.SCHEMAS.latestVersion(c.type());
            if (decoded.schemaVersion() <= latest) {
                JsonNode tree = EventJson.readTree(c.value());
                assertThat(SchemaValidationPropertiesTest.SCHEMAS.validate(c.type(), decoded.schemaVersion(), tree))
                        .as("accepted, so valid: " + c).isEmpty();
            }
        }
    }

    @Property(tries = 500)
    void readingArbitraryBytesFailsOnlyWithEventJsonException(@ForAll("anyBytes") byte[] bytes) {
        for (Class<?> target : List.of(JsonNode.class, TransactionEvent.class, BalanceEvent.class)) {
            Throwable error = catchThrowable(() -> EventJson.fromBytes(bytes, target));
            if (error != null) {
                assertThat(error).as(new String(bytes, StandardCharsets.ISO_8859_1))
                        .isInstanceOf(EventJsonException.class);
            }
        }
    }

    private static Instant instant(String rfc3339) {
        return OffsetDateTime.parse(rfc3339).toInstant();
    }

    /** A valid event's bytes and header, damaged in one of the ways a broken producer or network could. */
    private static Corrupted corrupt(String type, Random random) {
        byte[] valid = EventJson.toBytes(new EventGenerator(random).valid(type));
        String dataSchema = random.nextInt(3) == 0 ? null : DATA_SCHEMAS.get(random.nextInt(DATA_SCHEMAS.size()));
        byte[] value = valid.clone();
        String how;
        switch (random.nextInt(8)) {
            case 0 -> {
                how = "bit flipped";
                for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                    value[random.nextInt(value.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                how = "truncated";
                value = java.util.Arrays.copyOf(valid, random.nextInt(valid.length));
            }
            case 2 -> {
                how = "bytes inserted";
                int at = random.nextInt(valid.length);
                byte[] junk = new byte[1 + random.nextInt(8)];
                random.nextBytes(junk);
                value = concat(java.util.Arrays.copyOf(valid, at), junk,
                        java.util.Arrays.copyOfRange(valid, at, valid.length));
            }
            case 3 -> {
                how = "random bytes";
                value = new byte[random.nextInt(200)];
                random.nextBytes(value);
            }
            case 4 -> {
                how = "two documents";
                value = concat(valid, " ".getBytes(StandardCharsets.UTF_8), valid);
            }
            case 5 -> {
                how = "deeply nested";
                int depth = 900 + random.nextInt(2000);
                value = ("{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8);
            }
            case 6 -> {
                how = "another type's event";
                value = EventJson.toBytes(new EventGenerator(random).valid(
                        EventGenerator.TYPES.get(random.nextInt(EventGenerator.TYPES.size()))));
            }
            default -> {
                how = "intact, any header";
            }
        }
        return new Corrupted(type, how, value, dataSchema);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
