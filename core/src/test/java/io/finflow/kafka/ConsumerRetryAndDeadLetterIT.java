package io.finflow.kafka;

import static io.finflow.kafka.ConsumerTestSupport.consumerOptions;
import static io.finflow.kafka.ConsumerTestSupport.header;
import static io.finflow.kafka.ConsumerTestSupport.readTopic;
import static io.finflow.kafka.ConsumerTestSupport.sendRaw;
import static io.finflow.kafka.ConsumerTestSupport.sendTransactions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.consumer.ConsumerState;
import io.finflow.kafka.consumer.DeadLetterWriteException;
import io.finflow.kafka.consumer.NonRetryableException;
import io.finflow.kafka.consumer.RetryPolicy;
import io.finflow.kafka.consumer.RetryableException;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.KafkaExtension;
import io.finflow.kafka.testkit.junit.TestNames;
import io.finflow.kafka.wire.DeadLetterHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class ConsumerRetryAndDeadLetterIT {

    @Test
    void aHandlerThatFailsTwiceThenSucceedsIsCalledThreeTimesWithGrowingDelays(EmbeddedKafka kafka, TestNames names)
            throws Exception {
        TopicCatalog catalog = TestCatalog.create(kafka, names);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        TransactionEvent event = sendTransactions(kafka, catalog, topic, 1, 1).get(0);
        List<Instant> calls = new CopyOnWriteArrayList<>();
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        RetryPolicy retry = RetryPolicy.builder().initialBackoff(Duration.ofMillis(200))
                .maxBackoff(Duration.ofSeconds(5)).jitter(0).build();
        String group = names.group();
        try (EventConsumer consumer = EventConsumer.create(consumerOptions(kafka, catalog, group).toBuilder()
                .retry(retry).build())) {
            consumer.subscribe(topic, TransactionEvent.class, (tx, meta) -> {
                calls.add(Instant.now());
                attempts.add(meta.attempt());
                if (calls.size() <= 2) {
                    throw new RetryableException("ledger service unavailable");
                }
            }).start();
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.stats().processed() == 1);
            assertThat(consumer.stats().retried()).isEqualTo(2);
            assertThat(consumer.stats().deadLettered()).isZero();
        }
        assertThat(calls).hasSize(3);
        assertThat(attempts).containsExactly(1, 2, 3);
        Duration first = Duration.between(calls.get(0), calls.get(1));
        Duration second = Duration.between(calls.get(1), calls.get(2));
        assertThat(first).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(second).as("backoff grows").isGreaterThanOrEqualTo(Duration.ofMillis(400)).isGreaterThan(first);
        assertThat(ConsumerTestSupport.committed(kafka, group))
                .containsEntry(partitionOf(kafka, topic, event), 1L);
    }

    private static TopicPartition partitionOf(EmbeddedKafka kafka, String topic, TransactionEvent event) {
        return readTopic(kafka, topic, 1, Duration.ofSeconds(30)).stream().findFirst()
                .map(r -> new TopicPartition(topic, r.partition())).orElseThrow();
    }

    @Test
    void aRecordThatAlwaysFailsLandsInTheDlqWithAllHeadersAndTheRecordsAfterItAreProcessed(
            EmbeddedKafka kafka, TestNames names) throws Exception {
        TopicCatalog catalog = TestCatalog.create(kafka, names);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        String dlq = catalog.require(topic).dlqTopic();
        // One account: one partition, so "after it" is well defined.
        List<TransactionEvent> sent = sendTransactions(kafka, catalog, topic, 10, 1);
        String poisonId = sent.get(3).eventId();
        Set<String> processed = ConcurrentHashMap.newKeySet();
        AtomicInteger poisonCalls = new AtomicInteger();
        String group = names.group();
        try (EventConsumer consumer = EventConsumer.create(consumerOptions(kafka, catalog, group).toBuilder()
                .retry(RetryPolicy.builder().maxAttempts(4).initialBackoff(Duration.ofMillis(20))
                        .maxBackoff(Duration.ofMillis(80)).build()).build())) {
            consumer.subscribe(topic, TransactionEvent.class, (tx, meta) -> {
                if (tx.eventId().equals(poisonId)) {
                    poisonCalls.incrementAndGet();
                    throw new IllegalStateException("account acc-0 is locked");
                }
                processed.add(tx.eventId());
            }).start();
            await().atMost(Duration.ofSeconds(30)).until(() -> processed.size() == 9 && consumer.stats().deadLettered() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    ConsumerTestSupport.committed(kafka, group).values().stream().mapToLong(Long::longValue).sum() == 10);
        }
        assertThat(poisonCalls.get()).isEqualTo(4);
        List<ConsumerRecord<byte[], byte[]>> dead = readTopic(kafka, dlq, 1, Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        ConsumerRecord<byte[], byte[]> d = dead.get(0);
        ConsumerRecord<byte[], byte[]> original = readTopic(kafka, topic, 10, Duration.ofSeconds(30)).stream()
                .filter(r -> poisonId.equals(header(r, "ce_id"))).findFirst().orElseThrow();
        assertThat(d.key()).isEqualTo(original.key());
        assertThat(d.value()).isEqualTo(original.value());
        for (var h : original.headers()) {
            assertThat(header(d, h.key())).as("original header %s kept", h.key())
                    .isEqualTo(new String(h.value(), StandardCharsets.UTF_8));
        }
        assertThat(header(d, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(topic);
        assertThat(header(d, DeadLetterHeaders.ORIGINAL_PARTITION)).isEqualTo(String.valueOf(original.partition()));
        assertThat(header(d, DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo(String.valueOf(original.offset()));
        assertThat(header(d, DeadLetterHeaders.ORIGINAL_TIMESTAMP)).isEqualTo(String.valueOf(original.timestamp()));
        assertThat(header(d, DeadLetterHeaders.CONSUMER_GROUP)).isEqualTo(group);
        assertThat(header(d, DeadLetterHeaders.EXCEPTION_CLASS)).isEqualTo(IllegalStateException.class.getName());
        assertThat(header(d, DeadLetterHeaders.EXCEPTION_MESSAGE)).isEqualTo("account acc-0 is locked");
        assertThat(header(d, DeadLetterHeaders.ATTEMPTS)).isEqualTo("4");
        assertThat(Instant.parse(header(d, DeadLetterHeaders.FAILED_AT))).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void undeserializableBytesAndSchemaInvalidRecordsGoToTheDlqWithoutRetries(EmbeddedKafka kafka, TestNames names)
            throws Exception {
        TopicCatalog catalog = TestCatalog.create(kafka, names);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        String dlq = catalog.require(topic).dlqTopic();
        sendRaw(kafka, topic, "acc-1", new byte[] {(byte) 0xff, 0x00, 0x13, 0x37}, Map.of());
        var invalid = (com.fasterxml.jackson.databind.node.ObjectNode)
                EventJson.toTree(TransactionEvent.debit("acc-1", "10.00", "EUR"));
        invalid.put("amount", "-10.00");
        sendRaw(kafka, topic, "acc-1", EventJson.toBytes(invalid),
                Map.of("ce_dataschema", "https://schemas.finflow.io/transaction/v1.json"));
        sendRaw(kafka, topic, "acc-1", EventJson.toBytes(EventJson.toTree(TransactionEvent.debit("acc-1", "10.00", "EUR"))),
                Map.of("ce_dataschema", "https://schemas.finflow.io/unknown/v9.json"));
        // A newer producer's event (v99, with a field this library does not know) is read, not dead-lettered.
        var future = (com.fasterxml.jackson.databind.node.ObjectNode)
                EventJson.toTree(TransactionEvent.credit("acc-1", "5.00", "EUR"));
        future.put("loyaltyPoints", 12);
        sendRaw(kafka, topic, "acc-1", EventJson.toBytes(future),
                Map.of("ce_dataschema", "https://schemas.finflow.io/transaction/v99.json"));
        TransactionEvent good = sendTransactions(kafka, catalog, topic, 1, 1).get(0);
        AtomicInteger handlerCalls = new AtomicInteger();
        List<String> processed = Collections.synchronizedList(new ArrayList<>());
        try (EventConsumer consumer = EventConsumer.create(consumerOptions(kafka, catalog, names.group()))) {
            consumer.subscribe(topic, TransactionEvent.class, (tx, meta) -> {
                handlerCalls.incrementAndGet();
                processed.add(tx.eventId());
            }).start();
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.stats().deadLettered() == 3 && processed.size() == 2);
            assertThat(consumer.stats().retried()).as("poison is never retried").isZero();
        }
        assertThat(handlerCalls.get()).as("the handler never sees poison").isEqualTo(2);
        assertThat(processed).containsExactlyInAnyOrder(future.get("eventId").asText(), good.eventId());
        List<ConsumerRecord<byte[], byte[]>> dead = readTopic(kafka, dlq, 3, Duration.ofSeconds(30));
        assertThat(dead).hasSize(3);
        assertThat(dead).allSatisfy(d -> {
            assertThat(header(d, DeadLetterHeaders.ATTEMPTS)).isEqualTo("0");
            assertThat(header(d, DeadLetterHeaders.EXCEPTION_CLASS)).endsWith("PoisonRecordException");
        });
        assertThat(header(dead.get(0), DeadLetterHeaders.EXCEPTION_MESSAGE)).contains("not valid JSON");
        assertThat(dead.get(0).value()).containsExactly((byte) 0xff, 0x00, 0x13, 0x37);
        assertThat(header(dead.get(1), DeadLetterHeaders.EXCEPTION_MESSAGE)).contains("breaks schema transaction v1")
                .contains("/amount");
        assertThat(header(dead.get(2), DeadLetterHeaders.EXCEPTION_MESSAGE)).contains("not a known FinFlow schema");
    }

    @Test
    void aNonRetryableFailureIsDeadLetteredAtOnce(EmbeddedKafka kafka, TestNames names) throws Exception {
        TopicCatalog catalog = TestCatalog.create(kafka, names);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        sendTransactions(kafka, catalog, topic, 1, 1);
        AtomicInteger calls = new AtomicInteger();
        try (EventConsumer consumer = EventConsumer.create(consumerOptions(kafka, catalog, names.group()))) {
            consumer.subscribe(topic, TransactionEvent.class, (tx, meta) -> {
                calls.incrementAndGet();
                throw new NonRetryableException("account closed");
            }).start();
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.stats().deadLettered() == 1);
        }
        assertThat(calls.get()).isEqualTo(1);
        ConsumerRecord<byte[], byte[]> d = readTopic(kafka, catalog.require(topic).dlqTopic(), 1, Duration.ofSeconds(30)).get(0);
        assertThat(header(d, DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(header(d, DeadLetterHeaders.EXCEPTION_MESSAGE)).isEqualTo("account closed");
    }

    @Test
    void aDeadLetterWriteThatFailsIsRetriedWhileThePartitionWaitsAndSucceedsOnceTheDlqExists(
            EmbeddedKafka kafka, TestNames names) throws Exception {
        // DLQ topics are not created (yet) and the broker does not auto-create topics.
        TopicCatalog catalog = TestCatalog.create(kafka, names, false);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        String dlq = catalog.require(topic).dlqTopic();
        List<TransactionEvent> sent = sendTransactions(kafka, catalog, topic, 5, 1);
        String poisonId = sent.get(2).eventId();
        Set<String> processed = ConcurrentHashMap.newKeySet();
        String group = names.group();
        try (EventConsumer consumer = EventConsumer.create(consumerOptions(kafka, catalog, group).toBuilder()
                .retry(RetryPolicy.builder().maxAttempts(1).initialBackoff(Duration.ofMillis(200))
                        .maxBackoff(Duration.ofSeconds(1)).build())
                .deadLetterMaxBlock(Duration.ofSeconds(1)).build())) {
            consumer.subscribe(topic, TransactionEvent.class, (tx, meta) -> {
                if (tx.eventId().equals(poisonId)) {
                    throw new NonRetryableException("cannot book");
                }
                processed.add(tx.eventId());
            }).start();
            await().atMost(Duration.ofSeconds(30)).until(() -> !consumer.stoppedPartitions().isEmpty());
            assertThat(consumer.stoppedPartitions().values().iterator().next())
                    .contains("dead letter write").contains(dlq).contains(topic + "-").contains("@2").contains("retrying");
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    ConsumerTestSupport.committed(kafka, group).values().stream().mapToLong(Long::longValue).sum() == 2);
            assertThat(processed).as("the partition waits at the record").hasSize(2);
            assertThat(consumer.state()).isEqualTo(ConsumerState.RUNNING);

            TestCatalog.createDeadLetterTopics(kafka, catalog); // the operator creates the DLQ: a retry succeeds
            await().atMost(Duration.ofSeconds(60)).until(() -> consumer.stats().deadLettered() == 1
                    && processed.size() == 4 && consumer.stoppedPartitions().isEmpty());
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    ConsumerTestSupport.committed(kafka, group).values().stream().mapToLong(Long::longValue).sum() == 5);
            assertThat(consumer.state()).isEqualTo(ConsumerState.RUNNING);
        }
        List<ConsumerRecord<byte[], byte[]>> dead = readTopic(kafka, dlq, 1, Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), "ce_id")).isEqualTo(poisonId);
    }

    @Test
    void aDeadLetterWriteThatKeepsFailingStopsTheConsumerVisiblyAndCommitsNothingPastTheRecord(
            EmbeddedKafka kafka, TestNames names) throws Exception {
        TopicCatalog catalog = TestCatalog.create(kafka, names, false);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        String dlq = catalog.require(topic).dlqTopic();
        List<TransactionEvent> sent = sendTransactions(kafka, catalog, topic, 5, 1);
        String poisonId = sent.get(2).eventId();
        Set<String> processed = ConcurrentHashMap.newKeySet();
        List<Throwable> told = new CopyOnWriteArrayList<>();
        String group = names.group();
        try (LogCapture logs = LogCapture.start();
             EventConsumer consumer = EventConsumer.create(consumerOptions(kafka, catalog, group).toBuilder()
                     .retry(RetryPolicy.builder().maxAttempts(1).initialBackoff(Duration.ofMillis(200))
                             .maxBackoff(Duration.ofSeconds(1))
                             .maxRetryTime(Duration.ofSeconds(3)).build())
                     .deadLetterMaxBlock(Duration.ofSeconds(1)).build())) {
            consumer.subscribe(topic, TransactionEvent.class, (tx, meta) -> {
                if (tx.eventId().equals(poisonId)) {
                    throw new IllegalStateException("cannot book");
                }
                processed.add(tx.eventId());
            }).onFailure(told::add).start();
            await().atMost(Duration.ofSeconds(60)).until(() -> !told.isEmpty());
            assertThat(consumer.state()).isEqualTo(ConsumerState.FAILED);
            assertThat(consumer.isRunning()).isFalse();
            assertThat(consumer.failure()).get().isInstanceOf(DeadLetterWriteException.class);
            assertThat(consumer.failure().orElseThrow().getMessage()).contains(dlq).contains(topic + "-").contains("@2")
                    .contains("nothing is lost").contains("create");
            assertThat(consumer.stoppedPartitions()).hasSize(1);
            assertThat(logs.lines(Level.ERROR, dlq)).as("an ERROR line says what to do").isNotEmpty();
        }
        assertThat(processed).containsExactlyInAnyOrder(sent.get(0).eventId(), sent.get(1).eventId());
        Map<TopicPartition, Long> committed = ConsumerTestSupport.committed(kafka, group);
        assertThat(committed.values()).as("committed up to the failed record, not past it").containsExactly(2L);
    }
}
