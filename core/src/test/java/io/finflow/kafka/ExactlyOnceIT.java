package io.finflow.kafka;

import static io.finflow.kafka.ConsumerTestSupport.consumerOptions;
import static io.finflow.kafka.ConsumerTestSupport.sendTransactions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.consumer.ConsumerState;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.NotificationEvent;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.KafkaExtension;
import io.finflow.kafka.testkit.junit.TestNames;
import io.finflow.kafka.wire.DeadLetterHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class ExactlyOnceIT {

    @Test
    void failedAttemptsLeaveNoOutputAndEveryInputYieldsExactlyOneCommittedOutput(EmbeddedKafka kafka, TestNames names)
            throws Exception {
        TopicCatalog catalog = TestCatalog.create(kafka, names);
        String input = TestCatalog.topic(catalog, "transaction-events");
        String output = TestCatalog.topic(catalog, "notification-events");
        int total = 200;
        List<TransactionEvent> sent = sendTransactions(kafka, catalog, input, total, 20);
        Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        String group = names.group();
        try (EventProducer tx = EventProducer.create(ConsumerTestSupport.producerOptions(kafka, catalog).toBuilder()
                .transactionalId("eos-" + group).build());
             EventConsumer consumer = EventConsumer.create(consumerOptions(kafka, catalog, group))) {
            consumer.exactlyOnce(tx).subscribe(input, TransactionEvent.class, (event, meta) -> {
                tx.send(output, NotificationEvent.of("user-" + event.accountId(), NotificationEvent.Channel.EMAIL,
                        "transaction-booked", Map.of("sourceEventId", event.eventId())));
                // Every 10th record fails once after its output was sent: the transaction must abort it.
                if (meta.offset() % 10 == 0 && failedOnce.add(event.eventId())) {
                    tx.flush(); // the output is written to the log before the crash
                    throw new IllegalStateException("crash after sending");
                }
            }).start();
            await().atMost(Duration.ofSeconds(90)).until(() -> consumer.stats().processed() == total);
        }
        Map<String, Integer> committed = countBySource(kafka, output, "read_committed");
        Map<String, Integer> uncommitted = countBySource(kafka, output, "read_uncommitted");
        assertThat(failedOnce).isNotEmpty();
        assertThat(committed.keySet()).containsExactlyInAnyOrderElementsOf(
                sent.stream().map(TransactionEvent::eventId).toList());
        assertThat(committed.values()).as("exactly one output per input for read_committed readers").containsOnly(1);
        assertThat(uncommitted.values().stream().mapToInt(Integer::intValue).sum())
                .as("the aborted attempts' outputs are in the log, hidden by the aborted transactions")
                .isEqualTo(total + failedOnce.size());
        // Transaction markers reach __consumer_offsets shortly after commitTransaction returns.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                ConsumerTestSupport.committed(kafka, group).values().stream().mapToLong(Long::longValue).sum())
                .as("consumed offsets committed through the transactions").isEqualTo(total));
    }

    /**
     * A send the schema refuses, made inside the record's transaction and ignored by the handler (as
     * handlers ignore the futures of their sends): the transaction must not commit the other output and
     * the input offset without it. It aborts, and the record takes the normal path: a refused event is
     * refused again, so it goes to the DLQ at once.
     */
    @Test
    void aFailedSendInsideTheTransactionAbortsItAndTheRecordGoesToTheDlqWithoutItsOtherOutput(
            EmbeddedKafka kafka, TestNames names) throws Exception {
        TopicCatalog catalog = TestCatalog.create(kafka, names);
        String input = TestCatalog.topic(catalog, "transaction-events");
        String output = TestCatalog.topic(catalog, "notification-events");
        List<TransactionEvent> sent = sendTransactions(kafka, catalog, input, 10, 2);
        String refusedId = sent.get(3).eventId();
        String group = names.group();
        try (EventProducer tx = EventProducer.create(ConsumerTestSupport.producerOptions(kafka, catalog).toBuilder()
                .transactionalId("eos-" + group).build());
             EventConsumer consumer = EventConsumer.create(consumerOptions(kafka, catalog, group))) {
            consumer.exactlyOnce(tx).subscribe(input, TransactionEvent.class, (event, meta) -> {
                tx.send(output, notification(event));
                if (event.eventId().equals(refusedId)) {
                    tx.sendJson(output, Map.of("userId", "user-1", "channel", "carrier-pigeon"));
                }
            }).start();
            await().atMost(Duration.ofSeconds(60)).until(() -> consumer.stats().processed() == 9
                    && consumer.stats().deadLettered() == 1);
        }
        Map<String, Integer> committed = countBySource(kafka, output, "read_committed");
        assertThat(committed).as("no output of the refused record's transaction is visible").doesNotContainKey(refusedId);
        assertThat(committed.keySet()).hasSize(9);
        assertThat(committed.values()).containsOnly(1);
        List<ConsumerRecord<byte[], byte[]>> dead = ConsumerTestSupport.readTopic(kafka,
                catalog.require(input).dlqTopic(), 1, Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        assertThat(ConsumerTestSupport.header(dead.get(0), "ce_id")).isEqualTo(refusedId);
        assertThat(ConsumerTestSupport.header(dead.get(0), DeadLetterHeaders.EXCEPTION_MESSAGE))
                .contains("aborted").contains("channel");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                ConsumerTestSupport.committed(kafka, group).values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(10));
    }

    /**
     * Two instances with the same transactional id: the newer one fences the older (a zombie after a
     * long pause, say). The fenced instance must stop with the fencing as its failure, write nothing to
     * the DLQ and commit nothing; the new instance then processes every record exactly once.
     */
    @Test
    void aFencedInstanceStopsWithTheFencingAsCauseWritesNoDeadLetterAndCommitsNothing(
            EmbeddedKafka kafka, TestNames names) throws Exception {
        TopicCatalog catalog = TestCatalog.create(kafka, names);
        String input = TestCatalog.topic(catalog, "transaction-events");
        String output = TestCatalog.topic(catalog, "notification-events");
        List<TransactionEvent> sent = sendTransactions(kafka, catalog, input, 5, 1);
        String group = names.group();
        String transactionalId = "eos-" + group;
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch fenced = new CountDownLatch(1);
        List<Throwable> told = new CopyOnWriteArrayList<>();
        EventProducer zombieProducer = EventProducer.create(ConsumerTestSupport.producerOptions(kafka, catalog)
                .toBuilder()
                .transactionalId(transactionalId).build());
        EventConsumer zombie = EventConsumer.create(consumerOptions(kafka, catalog, group));
        EventProducer newProducer = null;
        try {
            zombie.exactlyOnce(zombieProducer).subscribe(input, TransactionEvent.class, (event, meta) -> {
                zombieProducer.send(output, notification(event));
                inHandler.countDown();
                fenced.await(60, TimeUnit.SECONDS); // a long GC pause, while a new instance takes over
            }).onFailure(told::add).start();
            assertThat(inHandler.await(30, TimeUnit.SECONDS)).isTrue();
            newProducer = EventProducer.create(ConsumerTestSupport.producerOptions(kafka, catalog).toBuilder()
                    .transactionalId(transactionalId).build());
            fenced.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> !told.isEmpty());
            assertThat(zombie.state()).isEqualTo(ConsumerState.FAILED);
            assertThat(causes(told.get(0))).as("the fencing is the cause")
                    .anyMatch(t -> t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException);
            assertThat(zombie.stats().deadLettered()).isZero();
            assertThat(ConsumerTestSupport.committed(kafka, group).values()).as("nothing committed").allMatch(o -> o == 0);
            zombie.close();

            EventProducer producer = newProducer;
            try (EventConsumer successor = EventConsumer.create(consumerOptions(kafka, catalog, group))) {
                successor.exactlyOnce(producer).subscribe(input, TransactionEvent.class,
                        (event, meta) -> producer.send(output, notification(event))).start();
                await().atMost(Duration.ofSeconds(60)).until(() -> successor.stats().processed() == sent.size());
            }
        } finally {
            fenced.countDown();
            zombie.close();
            zombieProducer.close(Duration.ZERO);
            if (newProducer != null) {
                newProducer.close();
            }
        }
        assertThat(dlqSize(kafka, catalog.require(input).dlqTopic())).as("records in the DLQ").isZero();
        Map<String, Integer> committed = countBySource(kafka, output, "read_committed");
        assertThat(committed.keySet()).containsExactlyInAnyOrderElementsOf(
                sent.stream().map(TransactionEvent::eventId).toList());
        assertThat(committed.values()).as("exactly one visible output per input").containsOnly(1);
    }

    private static NotificationEvent notification(TransactionEvent event) {
        return NotificationEvent.of("user-" + event.accountId(), NotificationEvent.Channel.EMAIL,
                "transaction-booked", Map.of("sourceEventId", event.eventId()));
    }

    private static List<Throwable> causes(Throwable t) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable c = t; c != null && chain.size() < 10; c = c.getCause()) {
            chain.add(c);
        }
        return chain;
    }

    private static long dlqSize(EmbeddedKafka kafka, String topic) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static Map<String, Integer> countBySource(EmbeddedKafka kafka, String topic, String isolation) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put("isolation.level", isolation);
        Map<String, Integer> counts = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline
                    && partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode json = EventJson.readTree(r.value());
                    counts.merge(json.at("/params/sourceEventId").asText(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }
}
