package io.finflow.kafka;

import static io.finflow.kafka.ConsumerTestSupport.consumerOptions;
import static io.finflow.kafka.ConsumerTestSupport.producerOptions;
import static io.finflow.kafka.ConsumerTestSupport.sendRaw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.consumer.RetryPolicy;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.metrics.MeterNames;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.KafkaExtension;
import io.finflow.kafka.testkit.TestNames;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The library's meters against a real broker: every outcome counted where it happens, Kafka's client
 * metrics bound, the consumer's state visible after a failure, and every meter removed on close.
 */
@ExtendWith(KafkaExtension.class)
class ClientMetricsIT {

    @Test
    void producerAndConsumerCountEveryOutcomeAndCloseRemovesEveryMeter(EmbeddedKafka kafka, TestNames names)
            throws Exception {
        TopicCatalog catalog = TestCatalog.create(kafka, names);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        MeterRegistry registry = new SimpleMeterRegistry();

        List<TransactionEvent> sent = new ArrayList<>();
        EventProducer producer = EventProducer.create(producerOptions(kafka, catalog).withMeterRegistry(registry));
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            TransactionEvent tx = TransactionEvent.credit("acc-" + i, "10.00", "EUR");
            sent.add(tx);
            sends.add(producer.send(topic, tx));
        }
        ObjectNode invalid = (ObjectNode) EventJson.toTree(TransactionEvent.credit("acc-9", "1.00", "EUR"));
        invalid.remove("accountId");
        sends.add(producer.sendJson(topic, invalid).exceptionally(e -> null));
        sends.add(producer.sendJson(topic, invalid).exceptionally(e -> null));
        sends.add(producer.send("no-such-topic", sent.get(0)).exceptionally(e -> null));
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        assertThat(count(registry, MeterNames.PRODUCER_EVENTS, topic, MeterNames.ACKNOWLEDGED)).isEqualTo(5);
        assertThat(count(registry, MeterNames.PRODUCER_EVENTS, topic, MeterNames.REFUSED)).isEqualTo(2);
        assertThat(count(registry, MeterNames.PRODUCER_EVENTS, MeterNames.UNKNOWN_TOPIC, MeterNames.REFUSED))
                .as("a topic outside the catalog is counted without its name").isEqualTo(1);
        assertThat(registry.get(MeterNames.PRODUCER_VALIDATION_FAILURES).tag("topic", topic).counter().count())
                .isEqualTo(2);
        assertThat(names(registry, "kafka.producer.")).as("Kafka's producer metrics are bound")
                .contains("kafka.producer.record.send.total");
        producer.close();
        assertThat(names(registry, "finflow.producer.")).as("close removes the producer's meters").isEmpty();
        assertThat(names(registry, "kafka.producer.")).as("close unbinds Kafka's producer metrics").isEmpty();

        sendRaw(kafka, topic, "acc-poison", "{not json".getBytes(StandardCharsets.UTF_8), Map.of());
        String flaky = sent.get(1).eventId();
        String broken = sent.get(2).eventId();
        AtomicInteger flakyCalls = new AtomicInteger();
        Set<String> handled = ConcurrentHashMap.newKeySet();
        String group = names.group();
        EventConsumer consumer = EventConsumer.create(consumerOptions(kafka, catalog, group)
                .withRetry(RetryPolicy.defaults().withMaxAttempts(2).withBackoff(Duration.ofMillis(20),
                        Duration.ofMillis(50)))
                .withMeterRegistry(registry));
        consumer.subscribe(topic, TransactionEvent.class, (tx, meta) -> {
            if (tx.eventId().equals(broken) || tx.eventId().equals(flaky) && flakyCalls.incrementAndGet() == 1) {
                throw new IllegalStateException("cannot book " + tx.eventId());
            }
            handled.add(tx.eventId());
        }).start();
        await().atMost(Duration.ofSeconds(60)).until(() -> handled.size() == 4
                && count(registry, MeterNames.CONSUMER_RECORDS, topic, MeterNames.DEAD_LETTERED) == 2);

        assertThat(count(registry, MeterNames.CONSUMER_RECORDS, topic, MeterNames.SUCCESS)).isEqualTo(4);
        assertThat(count(registry, MeterNames.CONSUMER_RECORDS, topic, MeterNames.RETRIED))
                .as("the flaky record once, the broken one once before its last attempt").isEqualTo(2);
        assertThat(count(registry, MeterNames.CONSUMER_RECORDS, topic, MeterNames.FAILED)).isZero();
        assertThat(registry.get(MeterNames.CONSUMER_VALIDATION_FAILURES).tag("topic", topic).functionCounter().count())
                .as("the poison record").isEqualTo(1);
        assertThat(registry.get(MeterNames.CONSUMER_DLQ_WRITES).tag("topic", topic)
                .tag("dlq.topic", catalog.require(topic).dlqTopic()).tag("outcome", MeterNames.ACKNOWLEDGED)
                .functionCounter().count()).isEqualTo(2);
        assertThat(registry.get(MeterNames.CONSUMER_HANDLER_DURATION).tag("topic", topic).tag("group", group)
                .timer().count()).as("4 successes, 1 failed flaky attempt, 2 failed broken attempts").isEqualTo(7);
        assertThat(state(registry, group)).isEqualTo(MeterNames.RUNNING);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                registry.get(MeterNames.CONSUMER_PAUSED_PARTITIONS).tag("group", group).gauge().value() == 0);
        assertThat(registry.get(MeterNames.CONSUMER_STOPPED_PARTITIONS).tag("group", group).gauge().value()).isZero();
        assertThat(names(registry, "kafka.consumer.")).as("Kafka's consumer metrics are bound")
                .contains("kafka.consumer.fetch.manager.records.consumed.total");
        assertThat(registry.get(MeterNames.CONSUMER_RECORDS).meters()).allSatisfy(m ->
                assertThat(m.getId().getTag("client.id")).as("client.id tag").startsWith("consumer-" + group));

        consumer.close();
        assertThat(names(registry, "finflow.")).as("close removes the consumer's meters").isEmpty();
        assertThat(names(registry, "kafka.")).as("and unbinds Kafka's consumer metrics").isEmpty();
    }

    @Test
    void aDeadLetterWriteThatKeepsFailingIsCountedShowsAWaitingPartitionThenTheFailedConsumer(EmbeddedKafka kafka,
                                                                                              TestNames names)
            throws Exception {
        TopicCatalog catalog = TestCatalog.create(kafka, names, false); // no DLQ topics, no auto-creation
        String topic = TestCatalog.topic(catalog, "transaction-events");
        ConsumerTestSupport.sendTransactions(kafka, catalog, topic, 1, 1);
        MeterRegistry registry = new SimpleMeterRegistry();
        String group = names.group();
        try (EventConsumer consumer = EventConsumer.create(consumerOptions(kafka, catalog, group)
                .withRetry(RetryPolicy.noRetries().withBackoff(Duration.ofMillis(200), Duration.ofSeconds(1))
                        .withMaxRetryTime(Duration.ofSeconds(3)))
                .withDeadLetterMaxBlock(Duration.ofSeconds(1))
                .withMeterRegistry(registry))) {
            consumer.subscribe(topic, TransactionEvent.class, (tx, meta) -> {
                throw new IllegalStateException("cannot book");
            }).start();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() ->
                    registry.get(MeterNames.CONSUMER_STOPPED_PARTITIONS).tag("group", group).gauge().value() == 1);
            await().atMost(Duration.ofSeconds(60)).until(() -> consumer.failure().isPresent());
            assertThat(state(registry, group)).isEqualTo(MeterNames.STATE_FAILED);
            assertThat(count(registry, MeterNames.CONSUMER_RECORDS, topic, MeterNames.FAILED))
                    .as("the record that stopped the consumer").isEqualTo(1);
            assertThat(registry.get(MeterNames.CONSUMER_DLQ_WRITES).tag("topic", topic)
                    .tag("outcome", MeterNames.FAILED).functionCounter().count())
                    .as("every failed write, retries included").isGreaterThanOrEqualTo(2);
            assertThat(count(registry, MeterNames.CONSUMER_RECORDS, topic, MeterNames.DEAD_LETTERED)).isZero();
        }
        assertThat(registry.getMeters()).as("close removes every meter").isEmpty();
    }

    @Test
    void aConsumerStoppedByAFailureReportsStateFailedUntilClosed(EmbeddedKafka kafka, TestNames names)
            throws Exception {
        TopicCatalog catalog = TestCatalog.create(kafka, names);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        MeterRegistry registry = new SimpleMeterRegistry();
        String group = names.group();
        // The broker refuses a server-side assignor it does not have: a fatal error for the group member.
        EventConsumer consumer = EventConsumer.create(consumerOptions(kafka, catalog, group)
                .withKafkaOverrides(Map.of("group.remote.assignor", "no-such-assignor"))
                .withMeterRegistry(registry));
        consumer.subscribe(topic, TransactionEvent.class, (tx, meta) -> { }).start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> consumer.failure().isPresent());
            assertThat(state(registry, group)).isEqualTo(MeterNames.STATE_FAILED);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(names(registry, "kafka.consumer."))
                    .as("Kafka's metrics are unbound with the closed client").isEmpty());
        } finally {
            consumer.close();
        }
        assertThat(names(registry, "finflow.")).isEmpty();
    }

    private static double count(MeterRegistry registry, String name, String topic, String outcome) {
        Search search = registry.find(name).tag("topic", topic).tag("outcome", outcome);
        return search.meters().stream().flatMap(m -> java.util.stream.StreamSupport.stream(
                m.measure().spliterator(), false)).mapToDouble(ms -> ms.getValue()).sum();
    }

    private static String state(MeterRegistry registry, String group) {
        List<String> on = registry.find(MeterNames.CONSUMER_STATE).tag("group", group).gauges().stream()
                .filter(g -> g.value() == 1).map(g -> g.getId().getTag("state")).toList();
        assertThat(on).as("exactly one state is 1").hasSize(1);
        return on.get(0);
    }

    private static Set<String> names(MeterRegistry registry, String prefix) {
        Set<String> found = new java.util.TreeSet<>();
        for (Meter m : registry.getMeters()) {
            if (m.getId().getName().startsWith(prefix)) {
                found.add(m.getId().getName());
            }
        }
        return found;
    }
}
