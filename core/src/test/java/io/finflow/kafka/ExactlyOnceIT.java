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
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.NotificationEvent;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.KafkaExtension;
import io.finflow.kafka.testkit.TestNames;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
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
        try (EventProducer tx = EventProducer.create(ConsumerTestSupport.producerOptions(kafka, catalog)
                .withTransactionalId("eos-" + group));
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
