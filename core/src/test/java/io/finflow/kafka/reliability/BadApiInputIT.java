package io.finflow.kafka.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.finflow.kafka.EventConsumer;
import io.finflow.kafka.EventProducer;
import io.finflow.kafka.TestCatalog;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.catalog.TopicSpec;
import io.finflow.kafka.catalog.UnknownTopicException;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.consumer.ConsumerOptions;
import io.finflow.kafka.consumer.GroupProtocol;
import io.finflow.kafka.consumer.OffsetReset;
import io.finflow.kafka.consumer.RetryPolicy;
import io.finflow.kafka.event.AnalyticsEvent;
import io.finflow.kafka.event.BalanceEvent;
import io.finflow.kafka.event.FinFlowEvent;
import io.finflow.kafka.event.NotificationEvent;
import io.finflow.kafka.event.SystemEvent;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.event.UnknownEventTypeException;
import io.finflow.kafka.event.UserEvent;
import io.finflow.kafka.producer.Compression;
import io.finflow.kafka.producer.InvalidEventException;
import io.finflow.kafka.producer.ProducerOptions;
import io.finflow.kafka.schema.SchemaValidationException;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.KafkaExtension;
import io.finflow.kafka.testkit.junit.TestNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input at the library's API: {@code EventProducer.send} with invalid events and headers, options records and
 * event factories with bad values, {@code EventConsumer.subscribe} misuse. Each case fails with a specific exception
 * whose message names the bad value or field and the reason (a send fails its future, it never throws), and nothing
 * reaches Kafka: every topic of the test catalog stays empty (log end offsets read with an Admin).
 */
@Tag("reliability")
@ExtendWith(KafkaExtension.class)
class BadApiInputIT {

    private static final BadInputSummary SUMMARY = new BadInputSummary("library API (EventProducer, options, events,"
            + " EventConsumer)");

    private static EmbeddedKafka kafka;
    private static TopicCatalog catalog;
    private static EventProducer producer;
    private static Admin admin;
    private static String tx;

    /** One bad input: what to try, the exception expected and fragments its message must contain. */
    record BadCase(Supplier<Throwable> attempt, Class<? extends Throwable> expected, String... fragments) {
    }

    @BeforeAll
    static void startProducer(EmbeddedKafka broker, TestNames names) {
        kafka = broker;
        catalog = TestCatalog.load(names.topic("api"), 1);
        TestCatalog.createTopics(kafka, catalog);
        tx = TestCatalog.topic(catalog, "transaction-events");
        producer = EventProducer.create(producerOptions());
        admin = Admin.create(kafka.clientProperties());
    }

    @AfterAll
    static void closeAndPrint() {
        producer.close();
        admin.close();
        SUMMARY.print();
    }

    private static ProducerOptions producerOptions() {
        return ProducerOptions.builder(ClientConfig.of(kafka.bootstrapServers()), "/finflow/test").catalog(catalog)
                .build();
    }

    private static ConsumerOptions consumerOptions() {
        return ConsumerOptions.builder(ClientConfig.of(kafka.bootstrapServers()), "bad-api-input").catalog(catalog)
                .build();
    }

    private static String topic(String finflowTopic) {
        return TestCatalog.topic(catalog, finflowTopic);
    }

    /** The failure a send's future completes with; a send that throws instead breaks the one-channel promise. */
    private static Supplier<Throwable> send(Supplier<CompletableFuture<?>> send) {
        return () -> {
            CompletableFuture<?> future;
            try {
                future = send.get();
            } catch (RuntimeException thrown) {
                throw new AssertionError("send threw instead of failing its future: " + thrown, thrown);
            }
            try {
                future.get(30, TimeUnit.SECONDS);
                return null;
            } catch (ExecutionException e) {
                return e.getCause();
            } catch (Exception e) {
                throw new AssertionError("send did not complete: " + e, e);
            }
        };
    }

    /** What a call throws, or null. */
    private static Supplier<Throwable> call(Runnable call) {
        return () -> catchThrowable(call::run);
    }

    private static BadCase of(Supplier<Throwable> attempt, Class<? extends Throwable> expected, String... fragments) {
        return new BadCase(attempt, expected, fragments);
    }

    static Stream<Arguments> badInputs() {
        Class<SchemaValidationException> schema = SchemaValidationException.class;
        Class<InvalidEventException> invalid = InvalidEventException.class;
        Class<IllegalArgumentException> illegal = IllegalArgumentException.class;
        TransactionEvent debit = TransactionEvent.debit("acc-1", "10.00", "EUR");
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("traceparent", null);
        Map<String, Object> nullParam = new HashMap<>();
        nullParam.put("amount", null);
        FinFlowEvent foreign = new FinFlowEvent() {
            @Override
            public String eventId() {
                return "0b9a6d0e-94c5-4c0b-8a55-5d1a2b0c9f11";
            }

            @Override
            public Instant occurredAt() {
                return Instant.now();
            }
        };
        return Stream.of(
                // EventProducer.send: refused before anything is written
                arguments("send: null event", of(send(() -> producer.send(tx, null)), invalid,
                        "event for " + tx + " is null")),
                arguments("send: topic not in the catalog", of(send(() -> producer.send("payments", debit)),
                        UnknownTopicException.class, "topic 'payments' is not in the FinFlow topic catalog",
                        "known topics: " + tx)),
                arguments("send: null topic", of(send(() -> producer.send(null, debit)), UnknownTopicException.class,
                        "topic 'null' is not in the FinFlow topic catalog")),
                arguments("send: to a dead letter topic", of(send(() -> producer.send(tx + ".dlq", debit)),
                        UnknownTopicException.class, "'" + tx + ".dlq' is not in the FinFlow topic catalog")),
                arguments("send: user event to the transaction topic", of(send(() -> producer.send(tx,
                        UserEvent.registered("usr-1", "ada@example.com", "GB"))), invalid,
                        tx + " carries transaction events, got a UserEvent (user)")),
                arguments("send: a class that is no FinFlow event", of(send(() -> producer.send(tx, foreign)),
                        UnknownEventTypeException.class, "is not a FinFlow event type", "known event types")),
                arguments("send: 3 decimals on EUR", of(send(() -> producer.send(tx,
                        TransactionEvent.debit("acc-1", "10.005", "EUR"))), schema,
                        "/amount: 10.005 has 3 decimal places, EUR allows 2")),
                arguments("send: decimals on JPY", of(send(() -> producer.send(tx,
                        TransactionEvent.debit("acc-1", "100.5", "JPY"))), schema,
                        "/amount: 100.5 has 1 decimal place, JPY allows 0")),
                arguments("send: currency not ISO 4217", of(send(() -> producer.send(tx,
                        TransactionEvent.debit("acc-1", "10.00", "XXY"))), schema,
                        "/currency: 'XXY' is not an ISO 4217 currency code")),
                arguments("send: precious metal currency", of(send(() -> producer.send(tx,
                        TransactionEvent.debit("acc-1", "10", "XAU"))), schema,
                        "/currency: 'XAU' has no minor unit")),
                arguments("send: amount longer than 32 characters", of(send(() -> producer.send(tx,
                        TransactionEvent.debit("acc-1", "1" + "0".repeat(40), "JPY"))), schema,
                        "/amount: must be at most 32 characters, was 41")),
                arguments("send: transfer without counterparty", of(send(() -> producer.send(tx,
                        TransactionEvent.of(TransactionEvent.Type.TRANSFER, "acc-1", new BigDecimal("5.00"), "EUR"))),
                        schema, "/counterpartyAccountId: is required when type is \"transfer\"")),
                arguments("send: counterparty is the account", of(send(() -> producer.send(tx,
                        debit.withCounterpartyAccountId("acc-1"))), schema,
                        "/counterpartyAccountId: must differ from accountId ('acc-1')")),
                arguments("send: account id with a space", of(send(() -> producer.send(tx,
                        TransactionEvent.debit("acc 1", "10.00", "EUR"))), schema,
                        "/accountId: 'acc 1' is not a valid identifier")),
                arguments("send: description over 500 characters", of(send(() -> producer.send(tx,
                        debit.withDescription("x".repeat(501)))), schema,
                        "/description: must be at most 500 characters, was 501")),
                arguments("send: merchant country not ISO 3166", of(send(() -> producer.send(tx,
                        debit.withMerchant(new TransactionEvent.Merchant(null, "Shop", "5411", "UK")))), schema,
                        "/merchant/country: 'UK' is not an ISO 3166-1 alpha-2 country code")),
                arguments("send: registered user without email", of(send(() -> producer.send(topic("user-events"),
                        UserEvent.of("usr-1", UserEvent.Type.REGISTERED).withCountry("DE"))), schema,
                        "/email: is required when type is \"registered\"")),
                arguments("send: user email not an address", of(send(() -> producer.send(topic("user-events"),
                        UserEvent.registered("usr-1", "ada.example.com", "DE"))), schema,
                        "/email: 'ada.example.com' is not an email address")),
                arguments("send: notification template with spaces", of(send(() -> producer.send(
                        topic("notification-events"), NotificationEvent.of("usr-1", NotificationEvent.Channel.EMAIL,
                                "Payment Received", Map.of()))), schema, "/template: 'Payment Received' is not a"
                                + " template name")),
                arguments("send: notification param is a list", of(send(() -> producer.send(
                        topic("notification-events"), NotificationEvent.of("usr-1", NotificationEvent.Channel.PUSH,
                                "payment_received", Map.of("amounts", List.of("1.00"))))), schema,
                        "/params/amounts: must be a string, a number or a boolean, was an array")),
                arguments("send: config change without details", of(send(() -> producer.send(topic("system-events"),
                        SystemEvent.of("ledger", SystemEvent.Type.CONFIG_CHANGE))), schema,
                        "/details: is required when type is \"config_change\"")),
                arguments("send: analytics name not snake_case", of(send(() -> producer.send(
                        topic("analytics-events"), AnalyticsEvent.of("sess-1", "Page View", Map.of()))), schema,
                        "/name: 'Page View' is not a snake_case event name")),
                arguments("send: balance in an unknown currency", of(send(() -> producer.send(
                        topic("account-balances"), BalanceEvent.of("acc-1", new BigDecimal("-12.30"), "XXY", 3,
                                debit.eventId()))), schema, "/currency: 'XXY' is not an ISO 4217 currency code")),
                arguments("send: reserved header ce_type", of(send(() -> producer.send(tx, debit,
                        Map.of("ce_type", "io.finflow.user"))), invalid,
                        "header 'ce_type' is reserved for FinFlow's wire format")),
                arguments("send: reserved header content-type", of(send(() -> producer.send(tx, debit,
                        Map.of("content-type", "text/plain"))), invalid, "header 'content-type' is reserved")),
                arguments("send: reserved header dlq.*", of(send(() -> producer.send(tx, debit,
                        Map.of("dlq.original.topic", tx))), invalid, "header 'dlq.original.topic' is reserved")),
                arguments("send: header with a null value", of(send(() -> producer.send(tx, debit, nullValue)),
                        invalid, "header 'traceparent' of the event for " + tx + " has a null value")),
                arguments("send: header without a name", of(send(() -> producer.send(tx, debit, Map.of("", "x"))),
                        invalid, "a header of the event for " + tx + " has no name")),
                arguments("send: larger than maxEventBytes", of(send(() -> {
                    EventProducer small = EventProducer.create(producerOptions().toBuilder().maxEventBytes(300)
                            .build());
                    try {
                        return small.send(tx, debit.withDescription("y".repeat(400)));
                    } finally {
                        small.close();
                    }
                }), invalid, "is ", "bytes, more than the 300 bytes allowed")),
                arguments("send: after close", of(send(() -> {
                    EventProducer closed = EventProducer.create(producerOptions());
                    closed.close();
                    return closed.send(tx, debit);
                }), IllegalStateException.class, "the producer is closed")),
                arguments("sendJson: a JSON array", of(send(() -> producer.sendJson(tx,
                        JsonNodeFactory.instance.arrayNode().add(1))), invalid,
                        "event for " + tx + " must be a JSON object, was array")),
                arguments("sendJson: a null map", of(send(() -> producer.sendJson(tx, (Map<String, ?>) null)), invalid,
                        "event for " + tx + " is null")),
                arguments("sendJson: misspelled field", of(send(() -> producer.sendJson(tx, Map.of("acountId", "a"))),
                        schema, "/acountId: is not a property this schema allows", "/accountId: is required")),

                // Options: refused when built (or an enum when parsed), naming the option and the value
                arguments("ProducerOptions: source not a URI", of(call(() -> ProducerOptions.defaults(
                        ClientConfig.of("127.0.0.1:9"), "payments service")), illegal,
                        "source must be a URI reference", "'payments service'")),
                arguments("ProducerOptions: blank source", of(call(() -> ProducerOptions.defaults(
                        ClientConfig.of("127.0.0.1:9"), " ")), illegal, "source must name the producing service")),
                arguments("Compression: brotli", of(call(() -> Compression.of("brotli")), illegal,
                        "compression must be none, gzip, snappy, lz4, zstd, was 'brotli'")),
                arguments("ProducerOptions: delivery timeout below linger", of(call(() -> producerOptions().toBuilder()
                        .deliveryTimeout(Duration.ofMillis(1)).build()), illegal,
                        "deliveryTimeout must be longer than linger (PT0.005S), was PT0.001S")),
                arguments("ProducerOptions: delivery timeout zero", of(call(() -> producerOptions().toBuilder()
                        .deliveryTimeout(Duration.ZERO)
                                .build()), illegal, "deliveryTimeout must be positive, was PT0S")),
                arguments("ProducerOptions: acks overridden", of(call(() -> producerOptions().toBuilder()
                        .kafkaOverrides(Map.of("acks", "1")).build()), illegal, "acks cannot be overridden")),
                arguments("ProducerOptions: blank transactional id", of(call(() -> producerOptions().toBuilder()
                        .transactionalId(" ").build()), illegal, "transactionalId must not be blank")),
                arguments("ProducerOptions: maxEventBytes 0", of(call(() -> producerOptions().toBuilder()
                        .maxEventBytes(0).build()),
                        illegal, "maxEventBytes must be >= 1, was 0")),
                arguments("ProducerOptions: backoff max below first", of(call(() -> producerOptions().toBuilder()
                        .retryBackoff(Duration.ofSeconds(2)).retryBackoffMax(Duration.ofMillis(100)).build()), illegal,
                        "retryBackoffMax (PT0.1S) must be >= retryBackoff (PT2S)")),
                arguments("ProducerOptions: Kafka override not a number", of(call(() -> EventProducer.create(
                        producerOptions().toBuilder().kafkaOverrides(Map.of("linger.ms", "soon")).build()).close()),
                        ConfigException.class, "Invalid value soon for configuration linger.ms")),
                arguments("ConsumerOptions: concurrency 0", of(call(() -> consumerOptions().toBuilder().concurrency(0)
                        .build()),
                        illegal, "concurrency must be between 1 and 1024, was 0")),
                arguments("ConsumerOptions: concurrency 5000", of(call(() -> consumerOptions().toBuilder()
                        .concurrency(5000).build()),
                        illegal, "concurrency must be between 1 and 1024, was 5000")),
                arguments("ConsumerOptions: blank group", of(call(() -> ConsumerOptions.defaults(
                        ClientConfig.of("127.0.0.1:9"), "")), illegal, "groupId must be given")),
                arguments("GroupProtocol: eager", of(call(() -> GroupProtocol.of("eager")), illegal,
                        "group protocol must be consumer or classic, was 'eager'")),
                arguments("OffsetReset: none", of(call(() -> OffsetReset.of("none")), illegal,
                        "offset reset must be earliest or latest, was 'none'")),
                arguments("ConsumerOptions: auto commit override", of(call(() -> consumerOptions().toBuilder()
                        .kafkaOverrides(Map.of("enable.auto.commit", true)).build()), illegal,
                        "enable.auto.commit cannot be overridden")),
                arguments("ConsumerOptions: max poll records 0", of(call(() -> consumerOptions().toBuilder()
                        .maxPollRecords(0).build()),
                        illegal, "maxPollRecords must be >= 1, was 0")),
                arguments("RetryPolicy: 0 attempts", of(call(() -> RetryPolicy.builder().maxAttempts(0)
                        .build()), illegal,
                        "maxAttempts must be >= 1, was 0")),
                arguments("RetryPolicy: jitter 1.5", of(call(() -> RetryPolicy.builder().jitter(1.5).build()), illegal,
                        "jitter must be between 0 and 1, was 1.5")),
                arguments("RetryPolicy: jitter NaN", of(call(() -> RetryPolicy.builder().jitter(Double.NaN).build()),
                        illegal, "jitter must be between 0 and 1, was NaN")),
                arguments("RetryPolicy: multiplier NaN", of(call(() -> RetryPolicy.builder()
                        .multiplier(Double.NaN).build()), illegal, "multiplier must be a finite number >= 1, was NaN")),
                arguments("RetryPolicy: multiplier 0.5", of(call(() -> RetryPolicy.builder().multiplier(0.5).build()),
                        illegal, "multiplier must be a finite number >= 1, was 0.5")),
                arguments("RetryPolicy: negative backoff", of(call(() -> RetryPolicy.builder()
                        .initialBackoff(Duration.ofMillis(-1)).maxBackoff(Duration.ofSeconds(1)).build()), illegal,
                        "initialBackoff must be >= 0, was PT-0.001S")),

                // Event factories: fail fast, naming the field
                arguments("TransactionEvent: amount 'ten'", of(call(() -> TransactionEvent.debit("acc-1", "ten", "EUR")),
                        illegal, "transaction amount must be a decimal such as \"100.50\", was 'ten'")),
                arguments("TransactionEvent: negative amount", of(call(() -> TransactionEvent.credit("acc-1", "-5", "EUR")),
                        illegal, "transaction amount must be greater than 0, was -5")),
                arguments("TransactionEvent: transfer to itself", of(call(() -> TransactionEvent.transfer("acc-1",
                        "acc-1", "5.00", "EUR")), illegal, "a transfer needs two different accounts, was 'acc-1'")),
                arguments("TransactionEvent: null account", of(call(() -> TransactionEvent.debit(null, "5.00", "EUR")),
                        NullPointerException.class, "transaction event needs accountId, was null")),
                arguments("NotificationEvent: null parameter value", of(call(() -> NotificationEvent.of("usr-1",
                        NotificationEvent.Channel.EMAIL, "payment_received", nullParam)), illegal,
                        "notification event params must not hold null keys or values")),

                // EventConsumer.subscribe misuse: refused before anything connects
                arguments("subscribe: topic not in the catalog", of(call(() -> EventConsumer.create(consumerOptions())
                        .subscribe("payments", TransactionEvent.class, (e, m) -> { })), UnknownTopicException.class,
                        "topic 'payments' is not in the FinFlow topic catalog")),
                arguments("subscribe: wrong event class", of(call(() -> EventConsumer.create(consumerOptions())
                        .subscribe(tx, UserEvent.class, (e, m) -> { })), illegal,
                        tx + " carries TransactionEvent events, not UserEvent")),
                arguments("subscribe: null handler", of(call(() -> EventConsumer.create(consumerOptions())
                        .subscribe(tx, TransactionEvent.class, null)), NullPointerException.class, "handler of " + tx)),
                arguments("subscribe: null event class", of(call(() -> EventConsumer.create(consumerOptions())
                        .subscribe(tx, null, (e, m) -> { })), NullPointerException.class, "event type of " + tx)),
                arguments("subscribe: same topic twice", of(call(() -> EventConsumer.create(consumerOptions())
                        .subscribeJson(tx, (e, m) -> { }).subscribe(tx, (e, m) -> { })), IllegalStateException.class,
                        tx + " is already subscribed by this consumer")),
                arguments("start: nothing subscribed", of(call(() -> EventConsumer.create(consumerOptions()).start()),
                        IllegalStateException.class, "subscribe to at least one topic before start()")),
                arguments("exactlyOnce: producer not transactional", of(call(() -> EventConsumer.create(
                        consumerOptions()).exactlyOnce(producer)), illegal,
                        "exactly-once needs a transactional producer")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsRefusedWithASpecificErrorAndNothingIsSent(String name, BadCase c) throws Exception {
        Throwable error = c.attempt().get();
        SUMMARY.add(name, error == null ? "ACCEPTED" : error.getClass().getSimpleName() + ": " + error.getMessage());
        assertThat(error).as(name + ": refused").isNotNull();
        assertThat(error).as(name).isInstanceOf(c.expected());
        for (String fragment : c.fragments()) {
            assertThat(error.getMessage()).as(name).contains(fragment);
        }
        producer.flush();
        assertThat(recordsInCatalogTopics()).as(name + ": nothing reached Kafka").isZero();
    }

    @Test
    void aConsumerAlreadyStartedRefusesNewSubscriptionsAndASecondStart() throws Exception {
        String group = tx + "-started";
        try (EventConsumer consumer = EventConsumer.create(ConsumerOptions.builder(
                ClientConfig.of(kafka.bootstrapServers()), group).catalog(catalog).build())) {
            consumer.subscribe(tx, TransactionEvent.class, (e, m) -> { }).start();
            Throwable late = catchThrowable(() -> consumer.subscribe(topic("user-events"), (e, m) -> { }));
            Throwable twice = catchThrowable(consumer::start);
            SUMMARY.add("subscribe: after start", late.getMessage());
            SUMMARY.add("start: twice", twice.getMessage());
            assertThat(late).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("subscribe before start(): the consumer of group " + group
                            + " is already running");
            assertThat(twice).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the consumer of group " + group + " was already started");
            assertThat(consumer.assignment()).allSatisfy(tp -> assertThat(tp.topic()).isEqualTo(tx));
        }
        assertThat(recordsInCatalogTopics()).isZero();
    }

    /** Records in every topic and DLQ of the test catalog: log end offsets, read with an Admin. */
    private static long recordsInCatalogTopics() throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (TopicSpec spec : catalog.allTopics()) {
            for (int p = 0; p < spec.partitions(); p++) {
                request.put(new TopicPartition(spec.name(), p), OffsetSpec.latest());
            }
        }
        return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).values().stream()
                .mapToLong(info -> info.offset()).sum();
    }
}
