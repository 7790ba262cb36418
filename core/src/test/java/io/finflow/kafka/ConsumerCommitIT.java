package io.finflow.kafka;

import static io.finflow.kafka.ConsumerTestSupport.consumerOptions;
import static io.finflow.kafka.ConsumerTestSupport.producerOptions;
import static io.finflow.kafka.ConsumerTestSupport.sendTransactions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.event.NotificationEvent;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.KafkaBroker;
import io.finflow.kafka.testkit.junit.KafkaExtension;
import io.finflow.kafka.testkit.junit.TestNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaExtension.class)
class ConsumerCommitIT {

    /**
     * Transactional producers leave a commit marker after their records, so the end offset is one past
     * the last record: committing "last record + 1" would leave a lag of 1 per partition forever.
     */
    @Test
    void lagReachesZeroOnATopicWrittenWithTransactions(EmbeddedKafka kafka, TestNames names) throws Exception {
        TopicCatalog catalog = TestCatalog.create(kafka, names);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        int total = sendInTransactions(kafka, catalog, topic, names.group());
        String group = names.group();
        Map<String, Integer> handled = new ConcurrentHashMap<>();
        try (EventConsumer consumer = EventConsumer.create(consumerOptions(kafka, catalog, group))) {
            consumer.subscribe(topic, TransactionEvent.class, (tx, meta) -> handled.merge(tx.eventId(), 1, Integer::sum))
                    .start();
            await().atMost(Duration.ofSeconds(60)).until(() -> handled.size() == total);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(lag(kafka, group, topic)).as("lag per partition while the consumer runs").containsOnly(0L));
        }
        assertThat(lag(kafka, group, topic)).containsOnly(0L);
    }

    @Test
    void lagReachesZeroOnATopicWrittenWithTransactionsAlsoInExactlyOnceMode(EmbeddedKafka kafka, TestNames names)
            throws Exception {
        TopicCatalog catalog = TestCatalog.create(kafka, names);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        String output = TestCatalog.topic(catalog, "notification-events");
        int total = sendInTransactions(kafka, catalog, topic, names.group());
        String group = names.group();
        Map<String, Integer> handled = new ConcurrentHashMap<>();
        try (EventProducer tx = EventProducer.create(producerOptions(kafka, catalog).toBuilder()
                .transactionalId("eos-" + group).build());
             EventConsumer consumer = EventConsumer.create(consumerOptions(kafka, catalog, group))) {
            consumer.exactlyOnce(tx).subscribe(topic, TransactionEvent.class, (event, meta) -> {
                tx.send(output, NotificationEvent.of("user-" + event.accountId(), NotificationEvent.Channel.EMAIL,
                        "transaction-booked", Map.of("sourceEventId", event.eventId())));
                handled.merge(event.eventId(), 1, Integer::sum);
            }).start();
            await().atMost(Duration.ofSeconds(60)).until(() -> handled.size() == total);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(lag(kafka, group, topic)).as("lag per partition while the consumer runs").containsOnly(0L));
        }
    }

    /**
     * The broker is down when the last offsets are committed: the commit fails and must be retried,
     * although the partition has nothing new, so that the committed offset catches up once the broker
     * is back, while the consumer keeps running.
     */
    @Test
    void aFailedCommitOfAnIdlePartitionIsRetriedUntilTheBrokerConfirmsIt(TestNames names, @TempDir Path data)
            throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedKafka own = EmbeddedKafka.builder().port(port).dataDir(data).start();
        EmbeddedKafka restarted = null;
        CountDownLatch brokerDown = new CountDownLatch(1);
        String group = names.group();
        try (LogCapture logs = LogCapture.start()) {
            TopicCatalog catalog = TestCatalog.create(own, names);
            String topic = TestCatalog.topic(catalog, "transaction-events");
            List<TransactionEvent> sent = sendTransactions(own, catalog, topic, 10, 1);
            String lastId = sent.get(9).eventId();
            Map<String, Integer> handled = new ConcurrentHashMap<>();
            try (EventConsumer consumer = EventConsumer.create(consumerOptions(own, catalog, group))) {
                consumer.subscribe(topic, TransactionEvent.class, (tx, meta) -> {
                    if (tx.eventId().equals(lastId)) {
                        brokerDown.await(60, TimeUnit.SECONDS);
                    }
                    handled.merge(tx.eventId(), 1, Integer::sum);
                }).start();
                await().atMost(Duration.ofSeconds(30)).until(() -> committedSum(own, group) == 9);
                own.close();
                brokerDown.countDown();
                await().atMost(Duration.ofSeconds(60)).until(() -> !logs.lines(Level.WARN, "commit").isEmpty());
                restarted = EmbeddedKafka.builder().port(port).dataDir(data).start();
                KafkaBroker back = restarted;
                await().atMost(Duration.ofSeconds(60)).until(() -> committedSum(back, group) == 10);
                assertThat(consumer.isRunning()).isTrue();
                assertThat(handled.get(lastId)).as("the last record was handled once").isEqualTo(1);
            }
        } finally {
            brokerDown.countDown();
            own.close();
            if (restarted != null) {
                restarted.close();
            }
        }
    }

    private static int sendInTransactions(EmbeddedKafka kafka, TopicCatalog catalog, String topic, String txId)
            throws Exception {
        int total = 0;
        try (EventProducer producer = EventProducer.create(producerOptions(kafka, catalog).toBuilder()
                .transactionalId(txId).build())) {
            for (int t = 0; t < 3; t++) {
                producer.beginTransaction();
                List<CompletableFuture<?>> sends = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    sends.add(producer.send(topic, TransactionEvent.credit("acc-" + i, "1.00", "EUR")));
                    total++;
                }
                producer.commitTransaction();
                CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            }
        }
        return total;
    }

    private static long committedSum(KafkaBroker kafka, String group) {
        try {
            return ConsumerTestSupport.committed(kafka, group).values().stream().mapToLong(Long::longValue).sum();
        } catch (Exception e) {
            return -1;
        }
    }

    /** End offset minus committed offset, for every partition of the topic that holds records. */
    private static List<Long> lag(KafkaBroker kafka, String group, String topic) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(request).all().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            List<Long> lags = new ArrayList<>();
            ends.forEach((tp, end) -> {
                if (end.offset() > 0) {
                    OffsetAndMetadata c = committed.get(tp);
                    lags.add(end.offset() - (c == null ? 0 : c.offset()));
                }
            });
            return lags;
        }
    }
}
