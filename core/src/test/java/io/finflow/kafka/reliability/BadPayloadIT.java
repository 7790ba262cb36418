package io.finflow.kafka.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.finflow.kafka.EventConsumer;
import io.finflow.kafka.EventProducer;
import io.finflow.kafka.TestCatalog;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.catalog.TopicSpec;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.consumer.ConsumerOptions;
import io.finflow.kafka.event.AnalyticsEvent;
import io.finflow.kafka.event.BalanceEvent;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.FinFlowEvent;
import io.finflow.kafka.event.NotificationEvent;
import io.finflow.kafka.event.SystemEvent;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.event.UserEvent;
import io.finflow.kafka.producer.InvalidEventException;
import io.finflow.kafka.producer.ProducerOptions;
import io.finflow.kafka.schema.SchemaValidationException;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.KafkaExtension;
import io.finflow.kafka.testkit.junit.TestNames;
import io.finflow.kafka.wire.DeadLetterHeaders;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad payloads, on both sides of the wire.
 *
 * <p>Producer side: JSON events with wrong types, bad money amounts, malformed dates and identifiers, extra or
 * missing fields, for every event type, sent with {@code sendJson}. Each is refused with every violation and its JSON
 * pointer, and nothing reaches the topic.
 *
 * <p>Consumer side: what only a foreign or broken producer can write (bytes that are not JSON, a JSON array,
 * duplicate keys, trailing content, a {@code ce_dataschema} of another type, of an unknown version, or not a URI, an
 * event that breaks the schema version it declares). A FinFlow consumer never hands such a record to its handler: it
 * dead-letters it at once with a {@code dlq.exception.message} that names the problem, and the partition keeps
 * flowing (a valid event written after them is handled).
 */
@Tag("reliability")
@ExtendWith(KafkaExtension.class)
class BadPayloadIT {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final BadInputSummary SUMMARY = new BadInputSummary("payloads (producer sendJson, consumer)");

    private static EmbeddedKafka kafka;
    private static TopicCatalog catalog;
    private static EventProducer producer;
    private static Admin admin;

    @BeforeAll
    static void setUp(EmbeddedKafka broker, TestNames names) {
        kafka = broker;
        catalog = TestCatalog.load(names.topic("payload"), 1);
        TestCatalog.createTopics(kafka, catalog);
        producer = EventProducer.create(ProducerOptions.builder(ClientConfig.of(kafka.bootstrapServers()),
                "/finflow/test").catalog(catalog).build());
        admin = Admin.create(kafka.clientProperties());
    }

    @AfterAll
    static void tearDown() {
        producer.close();
        admin.close();
        SUMMARY.print();
    }

    private static ObjectNode tree(FinFlowEvent event) {
        return (ObjectNode) EventJson.toTree(event);
    }

    private static Arguments payload(String name, String topic, FinFlowEvent valid, UnaryOperator<ObjectNode> mutate,
                                     String... expected) {
        return arguments(name, topic, (java.util.function.Supplier<JsonNode>) () -> mutate.apply(tree(valid)),
                expected);
    }

    static Stream<Arguments> badPayloads() {
        String tx = "transaction-events";
        TransactionEvent debit = TransactionEvent.debit("acc-1", "10.50", "EUR");
        UserEvent user = UserEvent.registered("usr-1", "ada@example.com", "GB");
        NotificationEvent note = NotificationEvent.of("usr-1", NotificationEvent.Channel.EMAIL, "payment_received",
                Map.of("amount", "10.50"));
        SystemEvent system = SystemEvent.startup("ledger-service", "1.4.2", "ledger-7c9f");
        AnalyticsEvent click = AnalyticsEvent.of("sess-1", AnalyticsEvent.CLICK, Map.of("button", "transfer"));
        BalanceEvent balance = BalanceEvent.of("acc-1", new java.math.BigDecimal("-12.30"), "EUR", 4, debit.eventId());
        return Stream.of(
                payload("amount as a JSON number", tx, debit, e -> e.put("amount", 10.5),
                        "/amount: must be a string, was a number (10.5)"),
                payload("amount with leading zeros", tx, debit, e -> e.put("amount", "007.50"),
                        "/amount: '007.50' is not a positive plain decimal"),
                payload("amount with a thousands separator", tx, debit, e -> e.put("amount", "1,000.00"),
                        "/amount: '1,000.00' is not a positive plain decimal"),
                payload("amount with spaces", tx, debit, e -> e.put("amount", " 10.50"),
                        "/amount: ' 10.50' is not a positive plain decimal"),
                payload("amount with an exponent", tx, debit, e -> e.put("amount", "1.05E+1"),
                        "/amount: '1.05E+1' is not a positive plain decimal"),
                payload("amount NaN", tx, debit, e -> e.put("amount", "NaN"),
                        "/amount: 'NaN' is not a positive plain decimal"),
                payload("amount zero", tx, debit, e -> e.put("amount", "0.00"),
                        "/amount: must be greater than 0, was 0.00"),
                payload("amount with 4 decimals in BHD", tx, debit, e -> e.put("currency", "BHD").put("amount", "1.0005"),
                        "/amount: 1.0005 has 4 decimal places, BHD allows 3"),
                payload("currency as a number", tx, debit, e -> e.put("currency", 978),
                        "/currency: must be a string, was a number (978)"),
                payload("currency in lowercase", tx, debit, e -> e.put("currency", "eur"),
                        "/currency: 'eur' is not an ISO 4217 currency code"),
                payload("type unknown", tx, debit, e -> e.put("type", "withdrawal"),
                        "/type: 'withdrawal' is not one of: debit, credit, transfer, refund, fee"),
                payload("status null", tx, debit, e -> e.putNull("status"),
                        "/status: null is not one of: pending, completed, failed, reversed"),
                payload("eventId not a UUID", tx, debit, e -> e.put("eventId", "tx-42"),
                        "/eventId: 'tx-42' is not a UUID"),
                payload("occurredAt without offset", tx, debit, e -> e.put("occurredAt", "2025-03-14T09:26:53"),
                        "/occurredAt: '2025-03-14T09:26:53' is not an RFC 3339 date-time"),
                payload("occurredAt with a space", tx, debit, e -> e.put("occurredAt", "2025-03-14 09:26:53Z"),
                        "/occurredAt: '2025-03-14 09:26:53Z' is not an RFC 3339 date-time"),
                payload("occurredAt 30 February", tx, debit, e -> e.put("occurredAt", "2025-02-30T10:00:00Z"),
                        "/occurredAt: '2025-02-30T10:00:00Z' is not an RFC 3339 date-time"),
                payload("accountId empty", tx, debit, e -> e.put("accountId", ""), "/accountId: '' is not a valid"
                        + " identifier"),
                payload("merchant with an unknown field", tx, debit, e -> {
                    e.putObject("merchant").put("name", "Shop").put("mcc", "5411");
                    return e;
                }, "/merchant/mcc: is not a property this schema allows"),
                payload("merchant without a name", tx, debit, e -> {
                    e.putObject("merchant").put("country", "FR");
                    return e;
                }, "/merchant/name: is required"),
                payload("empty object", tx, debit, e -> e.removeAll(), "/accountId: is required",
                        "/amount: is required", "/transactionId: is required", "/occurredAt: is required"),
                payload("user: country UK", "user-events", user, e -> e.put("country", "UK"),
                        "/country: 'UK' is not an ISO 3166-1 alpha-2 country code"),
                payload("user: changedFields repeated", "user-events",
                        UserEvent.profileUpdated("usr-1", List.of("phone")), e -> {
                            e.putArray("changedFields").add("phone").add("phone");
                            return e;
                        }, "/changedFields: must not repeat an item"),
                payload("notification: channel sms", "notification-events", note, e -> e.put("channel", "sms"),
                        "/channel: 'sms' is not one of: email, push, in_app"),
                payload("notification: 51 params", "notification-events", note, e -> {
                    ObjectNode params = e.putObject("params");
                    for (int i = 0; i < 51; i++) {
                        params.put("p" + i, i);
                    }
                    return e;
                }, "/params: must have at most 50 entries, has 51"),
                payload("system: severity fatal", "system-events", system, e -> e.put("severity", "fatal"),
                        "/severity: 'fatal' is not one of: info, warning, critical"),
                payload("system: version with spaces", "system-events", system, e -> e.put("version", "1.4 beta"),
                        "/version: '1.4 beta' must not contain spaces"),
                payload("analytics: nested property", "analytics-events", click, e -> {
                    ((ObjectNode) e.get("properties")).putObject("button").put("id", 1);
                    return e;
                }, "/properties/button: must be a string, a number or a boolean, was an object"),
                payload("analytics: property name with a dash", "analytics-events", click, e -> {
                    ((ObjectNode) e.get("properties")).put("button-id", 1);
                    return e;
                }, "/properties/button-id: is not an allowed name here"),
                payload("balance: as a JSON number", "account-balances", balance, e -> e.put("balance", -12.3),
                        "/balance: must be a string, was a number (-12.3)"),
                payload("balance: transactionsApplied negative", "account-balances", balance,
                        e -> e.put("transactionsApplied", -1), "/transactionsApplied: must be >= 0, was -1"),
                payload("balance: transactionsApplied a fraction", "account-balances", balance,
                        e -> e.put("transactionsApplied", 1.5), "/transactionsApplied: must be an integer, was a number"
                                + " (1.5)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPayloads")
    void aBadPayloadIsRefusedWithEveryViolationAndNothingIsSent(String name, String finflowTopic,
            java.util.function.Supplier<JsonNode> payload, String[] expected) throws Exception {
        String topic = TestCatalog.topic(catalog, finflowTopic);
        long before = endOffsets(topic);
        Throwable error = failureOf(producer.sendJson(topic, payload.get()));
        SUMMARY.add("send: " + name, error == null ? "ACCEPTED" : error.getMessage());
        assertThat(error).as(name).isInstanceOf(SchemaValidationException.class);
        for (String fragment : expected) {
            assertThat(error.getMessage()).as(name).contains(fragment);
        }
        producer.flush();
        assertThat(endOffsets(topic)).as(name + ": nothing reached " + topic).isEqualTo(before);
    }

    @Test
    void aPayloadThatIsNotAnObjectIsRefusedBeforeItsSchemaIsLookedAt() throws Exception {
        String tx = TestCatalog.topic(catalog, "transaction-events");
        long before = endOffsets(tx);
        for (JsonNode notAnObject : List.of(JSON.textNode("debit 10.50 EUR"), JSON.numberNode(42), JSON.nullNode())) {
            Throwable error = failureOf(producer.sendJson(tx, notAnObject));
            SUMMARY.add("send: " + notAnObject.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)
                    + " instead of an object", error.getMessage());
            assertThat(error).isInstanceOf(InvalidEventException.class).hasMessageStartingWith("event for " + tx);
        }
        producer.flush();
        assertThat(endOffsets(tx)).isEqualTo(before);
    }

    /** A record only a foreign producer could write, and what its dead letter must say. */
    record RawCase(String name, byte[] value, Map<String, String> headers, String reason) {
    }

    static List<RawCase> rawCases() {
        String valid = new String(EventJson.toBytes(TransactionEvent.debit("acc-1", "10.50", "EUR")),
                StandardCharsets.UTF_8);
        String v2 = "https://schemas.finflow.io/transaction/v2.json";
        List<RawCase> cases = new ArrayList<>();
        cases.add(new RawCase("not JSON", bytes("{amount: 10.50"), Map.of(), "value is not valid JSON"));
        cases.add(new RawCase("invalid UTF-8", new byte[] {'{', '"', (byte) 0xff, (byte) 0xfe, '"', '}'}, Map.of(),
                "value is not valid JSON: Invalid UTF-8"));
        cases.add(new RawCase("a JSON array", bytes("[" + valid + "]"), Map.of(), "value is not a JSON object"));
        cases.add(new RawCase("a JSON string", bytes("\"debit\""), Map.of(), "value is not a JSON object"));
        cases.add(new RawCase("two JSON documents", bytes(valid + " " + valid), Map.of(), "value is not valid JSON"));
        cases.add(new RawCase("a key given twice", bytes(valid.replace("\"amount\":\"10.50\"",
                "\"amount\":\"10.50\",\"amount\":\"99999.00\"")), Map.of(), "Duplicate field 'amount'"));
        cases.add(new RawCase("a 12-byte number of a billion digits", bytes(valid.replace("\"type\":\"debit\"",
                "\"type\":1e999999999")), Map.of(), "/type: 1E+999999999 has 1000000000 digits written out"));
        cases.add(new RawCase("amount too precise, v2 declared", bytes(valid.replace("10.50", "10.505")),
                Map.of("ce_dataschema", v2), "event breaks schema transaction v2: /amount: 10.505 has 3 decimal"));
        cases.add(new RawCase("v2 field under a declared v1", bytes(valid.replace("{", "{\"reference\":\"E2E-1\","
                )), Map.of("ce_dataschema", "https://schemas.finflow.io/transaction/v1.json"),
                "event breaks schema transaction v1: /reference: is not a property this schema allows"));
        cases.add(new RawCase("ce_dataschema of another type", bytes(valid),
                Map.of("ce_dataschema", "https://schemas.finflow.io/user/v1.json"),
                "is a user schema, but " + "%TOPIC%" + " carries transaction events"));
        cases.add(new RawCase("ce_dataschema of an unknown type version", bytes(valid),
                Map.of("ce_dataschema", "https://schemas.finflow.io/user/v7.json"),
                "ce_dataschema 'https://schemas.finflow.io/user/v7.json' is not a known FinFlow schema"));
        cases.add(new RawCase("ce_dataschema version 0", bytes(valid),
                Map.of("ce_dataschema", "https://schemas.finflow.io/transaction/v0.json"),
                "ce_dataschema 'https://schemas.finflow.io/transaction/v0.json' is not a known FinFlow schema"));
        cases.add(new RawCase("ce_dataschema not FinFlow's", bytes(valid),
                Map.of("ce_dataschema", "https://example.com/payment.json"),
                "ce_dataschema 'https://example.com/payment.json' is not a known FinFlow schema"));
        cases.add(new RawCase("ce_dataschema not a URI", bytes(valid), Map.of("ce_dataschema", "not a uri"),
                "ce_dataschema 'not a uri' is not a valid URI"));
        return cases;
    }

    @Test
    void aConsumerDeadLettersEveryForeignBadRecordWithItsReasonAndNeverCallsItsHandler(TestNames names)
            throws Exception {
        String tx = TestCatalog.topic(catalog, "transaction-events");
        String dlq = tx + ".dlq";
        List<RawCase> cases = rawCases();
        TransactionEvent sentinel = TransactionEvent.credit("acc-2", "1.00", "EUR");
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(kafka.clientProperties(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (RawCase c : cases) {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(tx, bytes("acc-1"), c.value());
                c.headers().forEach((k, v) -> record.headers().add(k, bytes(v)));
                record.headers().add("test-case", bytes(c.name()));
                raw.send(record).get(30, TimeUnit.SECONDS);
            }
        }
        producer.send(tx, sentinel).get(30, TimeUnit.SECONDS);

        List<Object> handled = new CopyOnWriteArrayList<>();
        ConsumerOptions options = ConsumerOptions.builder(ClientConfig.of(kafka.bootstrapServers()), names.group())
                .catalog(catalog).commitInterval(Duration.ofMillis(200)).build();
        try (EventConsumer consumer = EventConsumer.create(options)) {
            consumer.subscribeJson(tx, (event, meta) -> handled.add(event)).start();
            await().atMost(Duration.ofSeconds(60)).until(() -> handled.size() >= 1);
            Map<String, ConsumerRecord<byte[], byte[]>> deadLetters = readDeadLetters(dlq, cases.size());
            for (RawCase c : cases) {
                ConsumerRecord<byte[], byte[]> letter = deadLetters.get(c.name());
                String reason = letter == null ? null : header(letter, DeadLetterHeaders.EXCEPTION_MESSAGE);
                SUMMARY.add("consume: " + c.name(), reason == null ? "NOT DEAD-LETTERED" : reason);
                assertThat(letter).as(c.name() + ": dead-lettered").isNotNull();
                assertThat(reason).as(c.name()).contains(c.reason().replace("%TOPIC%", tx));
                assertThat(header(letter, DeadLetterHeaders.ATTEMPTS)).as(c.name() + ": never retried").isEqualTo("0");
                assertThat(letter.value()).as(c.name() + ": original bytes kept").isEqualTo(c.value());
            }
        }
        assertThat(handled).as("the handler saw only the valid event").hasSize(1);
        assertThat(handled.get(0).toString()).contains(sentinel.eventId());
    }

    private static Map<String, ConsumerRecord<byte[], byte[]>> readDeadLetters(String dlq, int expected) {
        Map<String, ConsumerRecord<byte[], byte[]>> byCase = new LinkedHashMap<>();
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(dlq).stream()
                    .map(p -> new TopicPartition(dlq, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> byCase.put(header(r, "test-case"), r));
                return byCase.size() >= expected;
            });
        }
        return byCase;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Throwable failureOf(java.util.concurrent.CompletableFuture<?> future) throws Exception {
        try {
            future.get(30, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static long endOffsets(String topic) throws Exception {
        TopicSpec spec = catalog.find(topic).orElseThrow();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < spec.partitions(); p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).values().stream()
                .mapToLong(info -> info.offset()).sum();
    }
}
