package io.finflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.catalog.UnknownTopicException;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.event.UserEvent;
import io.finflow.kafka.producer.EncodedEvent;
import io.finflow.kafka.producer.EventEncoder;
import io.finflow.kafka.producer.InvalidEventException;
import io.finflow.kafka.producer.ProducerOptions;
import io.finflow.kafka.producer.SendResult;
import io.finflow.kafka.schema.SchemaRegistry;
import io.finflow.kafka.schema.SchemaValidationException;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.KafkaExtension;
import io.finflow.kafka.testkit.junit.TestNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every kind of bad input is refused before sending, with a precise message, and nothing reaches Kafka. */
@ExtendWith(KafkaExtension.class)
class ProducerRefusalIT {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    record Case(String name, String topicSuffix, Function<ObjectNode, JsonNode> mutate,
                Class<? extends Throwable> expected, String pointer, String reason) {
    }

    static ObjectNode validTransaction() {
        return (ObjectNode) EventJson.toTree(TransactionEvent.debit("acc-1", "100.50", "EUR"));
    }

    static List<Case> cases() {
        String tx = "transaction-events";
        Class<SchemaValidationException> schema = SchemaValidationException.class;
        return List.of(
                new Case("amount as a JSON number", tx, e -> e.put("amount", 100.5), schema, "/amount", "string"),
                new Case("amount with exponent", tx, e -> e.put("amount", "1E+2"), schema, "/amount", ""),
                new Case("negative amount", tx, e -> e.put("amount", "-5.00"), schema, "/amount", ""),
                new Case("zero amount", tx, e -> e.put("amount", "0.00"), schema, "/amount", ""),
                new Case("too precise for EUR", tx, e -> e.put("amount", "100.505"), schema, "/amount", "EUR"),
                new Case("decimals on JPY", tx, e -> e.put("currency", "JPY").put("amount", "100.5"), schema,
                        "/amount", "JPY"),
                new Case("amount not a number", tx, e -> e.put("amount", "ten"), schema, "/amount", ""),
                new Case("currency not ISO 4217", tx, e -> e.put("currency", "XXY"), schema, "/currency", "XXY"),
                new Case("currency too long", tx, e -> e.put("currency", "EURO"), schema, "/currency", ""),
                new Case("lowercase currency", tx, e -> e.put("currency", "eur"), schema, "/currency", ""),
                new Case("missing accountId", tx, e -> e.without("accountId"), schema, "/accountId", "required"),
                new Case("missing amount", tx, e -> e.without("amount"), schema, "/amount", "required"),
                new Case("missing eventId", tx, e -> e.without("eventId"), schema, "/eventId", "required"),
                new Case("bad transaction type", tx, e -> e.put("type", "withdrawal"), schema, "/type", ""),
                new Case("bad status", tx, e -> e.put("status", "done"), schema, "/status", ""),
                new Case("eventId not a uuid", tx, e -> e.put("eventId", "123"), schema, "/eventId", ""),
                new Case("occurredAt not a date-time", tx, e -> e.put("occurredAt", "yesterday"), schema,
                        "/occurredAt", ""),
                new Case("accountId wrong type", tx, e -> e.put("accountId", 42), schema, "/accountId", ""),
                new Case("transfer without counterparty", tx, e -> e.put("type", "transfer"), schema,
                        "/counterpartyAccountId", "required when type is \"transfer\""),
                new Case("unknown property (typo)", tx, e -> e.put("ammount", "1.00"), schema, "/ammount",
                        "not a property this schema allows"),
                new Case("oversized description", tx, e -> e.put("description", "x".repeat(10_000)), schema,
                        "/description", ""),
                new Case("event is a JSON array", tx, e -> JSON.arrayNode().add(e), InvalidEventException.class, null,
                        "must be a JSON object"),
                new Case("null event", tx, e -> null, InvalidEventException.class, null, "is null"),
                new Case("unknown topic", "payments", e -> e, UnknownTopicException.class, null,
                        "not in the FinFlow topic catalog"),
                new Case("transaction on the user topic", "user-events", e -> e, SchemaValidationException.class,
                        "/userId", "required")
        );
    }

    /**
     * {@code send(EncodedEvent)} sends what an {@link EventEncoder} validated, nothing else: an encoded
     * event cannot be built outside the encoder, and what it hands out are copies, so the bytes and
     * headers that reach Kafka are the validated ones.
     */
    @Test
    void anEncodedEventComesOnlyFromTheEncoderAndCannotBeChangedAfterValidation(EmbeddedKafka kafka, TestNames names)
            throws Exception {
        TopicCatalog catalog = TestCatalog.create(kafka, names);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        EventEncoder encoder = new EventEncoder(catalog, SchemaRegistry.fromClasspath(), "/finflow/test", 1_000_000);
        TransactionEvent event = TransactionEvent.debit("acc-1", "100.50", "EUR");
        EncodedEvent encoded = encoder.encode(topic, event, Map.of());
        byte[] original = encoded.value();
        java.util.Arrays.fill(encoded.value(), (byte) '!');
        encoded.headers().remove("ce_dataschema");
        encoded.headers().add("ce_dataschema", "https://schemas.finflow.io/forged/v1.json".getBytes());
        try (EventProducer producer = EventProducer.create(ProducerOptions.builder(
                ClientConfig.of(kafka.bootstrapServers()), "/finflow/test").catalog(catalog).build())) {
            producer.send(encoded).get(30, TimeUnit.SECONDS);
        }
        var records = ConsumerTestSupport.readTopic(kafka, topic, 1, java.time.Duration.ofSeconds(30));
        assertThat(records).hasSize(1);
        assertThat(records.get(0).value()).as("the validated bytes were sent").isEqualTo(original);
        assertThat(EventJson.fromBytes(records.get(0).value(), TransactionEvent.class)).isEqualTo(event);
        assertThat(ConsumerTestSupport.header(records.get(0), "ce_dataschema"))
                .isEqualTo("https://schemas.finflow.io/transaction/v" + SchemaRegistry.fromClasspath()
                        .latestVersion("transaction") + ".json");
        assertThat(EncodedEvent.class.getConstructors()).as("public constructors of EncodedEvent").isEmpty();
    }

    @Test
    void everyInvalidInputIsRefusedWithAPreciseMessageAndTheTopicsStayEmpty(EmbeddedKafka kafka, TestNames names)
            throws Exception {
        TopicCatalog catalog = TestCatalog.create(kafka, names);
        List<String> failures = new ArrayList<>();
        try (EventProducer producer = EventProducer.create(EventProducerIT.options(kafka, catalog))) {
            for (Case c : cases()) {
                String topic = c.topicSuffix().equals("payments") ? "payments" : TestCatalog.topic(catalog, c.topicSuffix());
                CompletableFuture<SendResult> future = producer.sendJson(topic, c.mutate().apply(validTransaction()));
                Throwable error = failureOf(future);
                if (error == null) {
                    failures.add(c.name() + ": was accepted");
                    continue;
                }
                if (!c.expected().isInstance(error)) {
                    failures.add(c.name() + ": expected " + c.expected().getSimpleName() + " but got " + error);
                    continue;
                }
                if (error instanceof SchemaValidationException sve && c.pointer() != null) {
                    boolean match = sve.violations().stream().anyMatch(v -> v.pointer().equals(c.pointer())
                            && (v.reason().contains(c.reason()) || v.toString().contains(c.reason())));
                    if (!match) {
                        failures.add(c.name() + ": no violation at '" + c.pointer() + "' mentioning '" + c.reason()
                                + "' in " + sve.violations());
                    }
                } else if (!error.getMessage().contains(c.reason())) {
                    failures.add(c.name() + ": message '" + error.getMessage() + "' lacks '" + c.reason() + "'");
                }
                System.out.printf("refused %-32s -> %s%n", c.name(), error.getMessage());
            }
            // A typed event of the wrong type for the topic, and a reserved header.
            Throwable wrongType = failureOf(producer.send(TestCatalog.topic(catalog, "transaction-events"),
                    UserEvent.registered("u-1", "u@example.com", "DE")));
            assertThat(wrongType).isInstanceOf(InvalidEventException.class).hasMessageContaining("UserEvent");
            Throwable reserved = failureOf(producer.send(TestCatalog.topic(catalog, "transaction-events"),
                    TransactionEvent.debit("acc-1", "1.00", "EUR"), Map.of("ce_id", "forged")));
            assertThat(reserved).isInstanceOf(InvalidEventException.class).hasMessageContaining("reserved");
            producer.flush();
        }
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(failures).as("refusals").isEmpty();
        assertThat(totalRecords(kafka, catalog)).as("nothing reached any topic").isZero();
    }

    static Throwable failureOf(CompletableFuture<?> future) {
        try {
            future.get(30, TimeUnit.SECONDS);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (CompletionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("send did not complete: " + e, e);
        }
    }

    static long totalRecords(EmbeddedKafka kafka, TopicCatalog catalog) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
        catalog.allTopics().forEach(s -> {
            for (int p = 0; p < s.partitions(); p++) {
                request.put(new TopicPartition(s.name(), p), OffsetSpec.latest());
            }
        });
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
        }
    }

}
