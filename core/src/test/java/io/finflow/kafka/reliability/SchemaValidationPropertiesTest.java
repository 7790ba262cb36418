package io.finflow.kafka.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.consumer.PoisonRecordException;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.EventJsonException;
import io.finflow.kafka.event.EventTypes;
import io.finflow.kafka.internal.RecordDecoder;
import io.finflow.kafka.producer.EncodedEvent;
import io.finflow.kafka.producer.EventEncoder;
import io.finflow.kafka.producer.InvalidEventException;
import io.finflow.kafka.producer.ProducerOptions;
import io.finflow.kafka.reliability.EventMutations.Mutated;
import io.finflow.kafka.schema.SchemaRegistry;
import io.finflow.kafka.schema.SchemaValidationException;
import io.finflow.kafka.schema.Violation;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

/**
 * Properties of schema validation, checked on generated events (see {@link EventGenerator}, {@link EventMutations},
 * {@link RandomJson}):
 * <ul>
 *   <li>a valid event of any type is never refused: not by the schema, not by the producer's encoder, not by the
 *       consumer's decoder;</li>
 *   <li>a mutated event is never accepted, and the refusal names the mutated field's JSON pointer, at the producer
 *       ({@link SchemaValidationException}) and at the consumer ({@link PoisonRecordException});</li>
 *   <li>any JSON at all, against any schema version, makes the validator report violations, never throw;</li>
 *   <li>on events with a random part replaced by random JSON, validator, producer and consumer agree: what the schema
 *       accepts is sent and read, what it refuses is neither.</li>
 * </ul>
 * Failures print jqwik's seed; rerun with {@code @Property(seed = "...")} to reproduce.
 */
@Tag("reliability")
class SchemaValidationPropertiesTest {

    static final SchemaRegistry SCHEMAS = SchemaRegistry.fromClasspath();
    static final TopicCatalog CATALOG = TopicCatalog.fromClasspath("dev");
    static final EventEncoder ENCODER = new EventEncoder(CATALOG, SCHEMAS, "/finflow/properties",
            ProducerOptions.DEFAULT_MAX_EVENT_BYTES);
    static final RecordDecoder DECODER = new RecordDecoder(SCHEMAS);

    /** A generated event and its type. */
    record Generated(String type, ObjectNode event) {
        @Override
        public String toString() {
            return type + " " + event;
        }
    }

    /** A mutated event and its type. */
    record Broken(String type, Mutated mutated) {
        @Override
        public String toString() {
            return type + ": " + mutated;
        }
    }

    @Provide
    Arbitrary<Generated> validEvents() {
        return Arbitraries.of(EventGenerator.TYPES).flatMap(type -> Arbitraries.randomValue(
                random -> new Generated(type, new EventGenerator(random).valid(type))));
    }

    @Provide
    Arbitrary<Broken> brokenEvents() {
        return Arbitraries.of(EventGenerator.TYPES).flatMap(type -> Arbitraries.randomValue(random -> new Broken(type,
                new EventMutations(random, SCHEMAS).mutate(type, new EventGenerator(random).valid(type)))));
    }

    @Provide
    Arbitrary<JsonNode> anyJson() {
        return Arbitraries.randomValue(random -> new RandomJson(random).any(4));
    }

    @Provide
    Arbitrary<Generated> nearlyValidEvents() {
        return Arbitraries.of(EventGenerator.TYPES).flatMap(type -> Arbitraries.randomValue(random -> new Generated(
                type, new RandomJson(random).replaceSomething(new EventGenerator(random).valid(type)))));
    }

    @Property(tries = 600)
    void aValidEventOfAnyTypeIsNeverRefused(@ForAll("validEvents") Generated e) {
        assertThat(SCHEMAS.validate(e.type(), SCHEMAS.latestVersion(e.type()), e.event())).as(e.toString()).isEmpty();
        EncodedEvent encoded = ENCODER.encode(topic(e.type()), e.event(), Map.of());
        Object decoded = DECODER.decode(Records.of(encoded), CATALOG.require(encoded.topic()),
                EventTypes.classOf(e.type())).event();
        assertThat(decoded).isInstanceOf(EventTypes.classOf(e.type()));
    }

    @Property(tries = 1000)
    void aMutatedEventIsNeverAcceptedAndItsRefusalNamesTheMutatedField(@ForAll("brokenEvents") Broken b) {
        Mutated m = b.mutated();
        List<Violation> violations = SCHEMAS.validate(b.type(), SCHEMAS.latestVersion(b.type()), m.event());
        assertThat(violations).as(b.toString()).isNotEmpty();
        assertThat(violations).as(b.toString()).extracting(Violation::pointer).contains(m.pointer());

        Throwable refused = catchThrowable(() -> ENCODER.encode(topic(b.type()), m.event(), Map.of()));
        assertThat(refused).as(b.toString()).isInstanceOf(SchemaValidationException.class)
                .hasMessageContaining(m.pointer() + ": ");

        Throwable poison = catchThrowable(() -> DECODER.decode(Records.raw(topic(b.type()), m.event(),
                SCHEMAS.schemaUri(b.type(), SCHEMAS.latestVersion(b.type())).toString()),
                CATALOG.require(topic(b.type())), EventTypes.classOf(b.type())));
        assertThat(poison).as(b.toString()).isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining(m.pointer() + ": ");
    }

    @Property(tries = 300)
    void anyJsonAgainstAnySchemaVersionGetsViolationsNeverAnException(@ForAll("anyJson") JsonNode json) {
        for (String type : SCHEMAS.eventTypes()) {
            for (int version : SCHEMAS.versions(type)) {
                List<Violation> violations = SCHEMAS.validate(type, version, json);
                assertThat(violations).as(type + " v" + version + " on " + json)
                        .allSatisfy(v -> assertThat(v.pointer()).matches("(?s)|/.*"));
            }
        }
    }

    @Property(tries = 600)
    void validatorProducerAndConsumerAgreeOnNearlyValidEvents(@ForAll("nearlyValidEvents") Generated e) {
        List<Violation> violations = SCHEMAS.validate(e.type(), SCHEMAS.latestVersion(e.type()), e.event());
        Throwable atProducer = catchThrowable(() -> ENCODER.encode(topic(e.type()), e.event(), Map.of()));
        if (violations.isEmpty()) {
            assertThat(atProducer).as("sent: " + e).isNull();
            EncodedEvent encoded = ENCODER.encode(topic(e.type()), e.event(), Map.of());
            assertThat(catchThrowable(() -> DECODER.decode(Records.of(encoded), CATALOG.require(encoded.topic()),
                    JsonNode.class))).as("read as JSON: " + e).isNull();
        } else {
            assertThat(atProducer).as("refused: " + e).isInstanceOfAny(SchemaValidationException.class,
                    InvalidEventException.class);
            byte[] bytes;
            try {
                bytes = EventJson.toBytes(e.event());
            } catch (EventJsonException notWritable) {
                return; // cannot be written as JSON (e.g. 1E+9999999 in plain notation): never on the wire
            }
            if (!sameOnTheWire(e.event(), bytes)) {
                return; // the wire form is another event (NaN is written as the string "NaN"), judged on its own
            }
            Throwable atConsumer = catchThrowable(() -> DECODER.decode(Records.raw(topic(e.type()), bytes, null),
                    CATALOG.require(topic(e.type())), JsonNode.class));
            assertThat(atConsumer).as("dead-lettered: " + e).isInstanceOf(PoisonRecordException.class);
        }
    }

    private static boolean sameOnTheWire(JsonNode tree, byte[] bytes) {
        try {
            return EventJson.readTree(bytes).equals(tree);
        } catch (EventJsonException unreadable) {
            return true; // unreadable bytes: the consumer must dead-letter them
        }
    }

    /**
     * Found by {@link #anyJsonAgainstAnySchemaVersionGetsViolationsNeverAnException}: the JSON Schema validator wrote
     * such a number out in full (an OutOfMemoryError), and threw NumberFormatException on NaN. Both are refused now,
     * quickly, with their pointer.
     */
    @Example
    void numbersTheValidatorCannotHandleAreRefusedQuicklyAtTheirPointer() {
        JsonNode hugeExponent = EventJson.readTree(("{\"type\": 1e999999999, \"params\": {\"n\": 1e-999999999}}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(SCHEMAS.validate("notification", 1, hugeExponent)).extracting(Violation::toString)
                .contains("/type: 1E+999999999 has 1000000000 digits written out; a JSON reader accepts at most 1000",
                        "/params/n: 1E-999999999 has 1000000000 digits written out; a JSON reader accepts at most 1000");
        ObjectNode notANumber = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        notANumber.put("channel", Double.NaN).putObject("params").put("ratio", Double.POSITIVE_INFINITY);
        assertThat(SCHEMAS.validate("notification", 1, notANumber)).extracting(Violation::toString).containsExactly(
                "/channel: must be a finite number, was NaN (JSON has no NaN or Infinity)",
                "/params/ratio: must be a finite number, was Infinity (JSON has no NaN or Infinity)");
    }

    static String topic(String eventType) {
        return CATALOG.topicForEventType(eventType).name();
    }
}
