package io.finflow.kafka;

import static io.finflow.kafka.ConsumerTestSupport.consumerOptions;
import static io.finflow.kafka.ConsumerTestSupport.sendTransactions;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.consumer.ConsumerState;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.KafkaExtension;
import io.finflow.kafka.testkit.junit.TestNames;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class ConsumerFatalFailureIT {

    @Test
    void anErrorFromAHandlerStopsTheConsumerWithTheCauseLoggedAndNothingIsCommittedPastIt(
            EmbeddedKafka kafka, TestNames names) throws Exception {
        TopicCatalog catalog = TestCatalog.create(kafka, names);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        // One account: one partition, so "past it" is well defined.
        List<TransactionEvent> sent = sendTransactions(kafka, catalog, topic, 10, 1);
        String brokenId = sent.get(4).eventId();
        Set<String> handled = ConcurrentHashMap.newKeySet();
        List<Throwable> told = new CopyOnWriteArrayList<>();
        String group = names.group();
        try (LogCapture logs = LogCapture.start();
             EventConsumer consumer = EventConsumer.create(consumerOptions(kafka, catalog, group))) {
            consumer.subscribe(topic, TransactionEvent.class, (tx, meta) -> {
                if (tx.eventId().equals(brokenId)) {
                    throw new StackOverflowError("ledger recursion on " + tx.accountId());
                }
                handled.add(tx.eventId());
            }).onFailure(told::add).start();
            await().atMost(Duration.ofSeconds(30)).until(() -> !told.isEmpty());
            assertThat(consumer.state()).isEqualTo(ConsumerState.FAILED);
            assertThat(consumer.failure()).get().isInstanceOf(StackOverflowError.class);
            assertThat(told).containsExactly(consumer.failure().orElseThrow());
            assertThat(logs.lines(Level.ERROR, "StackOverflowError"))
                    .as("logged at ERROR with the record and the cause").isNotEmpty()
                    .anySatisfy(l -> {
                        assertThat(l.message()).contains(topic + "-").contains("@4");
                        assertThat(l.thrown()).isInstanceOf(StackOverflowError.class);
                    });
        }
        assertThat(handled).containsExactlyInAnyOrderElementsOf(sent.subList(0, 4).stream()
                .map(TransactionEvent::eventId).toList());
        assertThat(ConsumerTestSupport.committed(kafka, group).values())
                .as("committed up to the record whose handler threw the Error, never past it").containsExactly(4L);
    }

    /**
     * Records returned by the poll that ends after the consumer failed are never handled, so they must never be
     * committed either: the stop commits a partition's position when nothing of it is unfinished, which would pass
     * them. The interleaving, which happens by chance when records arrive while a handler throws an Error, is forced
     * here: a consumer interceptor holds the poll that returns the new records of the other partition until the
     * consumer has failed.
     */
    @Test
    @Tag("reliability")
    void recordsFetchedWhileTheConsumerFailsAreNotCommittedPast(EmbeddedKafka kafka, TestNames names) throws Exception {
        TopicCatalog catalog = TestCatalog.load(names.topic("late"), 2);
        TestCatalog.createTopics(kafka, catalog);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        String failing = accountOnPartition(0, 2);
        String flowing = accountOnPartition(1, 2);
        String group = names.group();
        Set<String> handled = ConcurrentHashMap.newKeySet();
        try (EventProducer producer = EventProducer.create(ConsumerTestSupport.producerOptions(kafka, catalog))) {
            sendAll(producer, topic, flowing, 20);
            EventConsumer consumer = EventConsumer.create(consumerOptions(kafka, catalog, group).toBuilder()
                    .kafkaOverride("interceptor.classes", HoldingInterceptor.class.getName()).build());
            HoldingInterceptor.arm(new TopicPartition(topic, 1), 20, consumer);
            try (consumer) {
                consumer.subscribe(topic, TransactionEvent.class, (tx, meta) -> {
                    if (tx.accountId().equals(failing)) {
                        sendAll(producer, topic, flowing, 10); // they arrive while this handler fails
                        HoldingInterceptor.HELD.await(30, TimeUnit.SECONDS);
                        throw new StackOverflowError("ledger recursion on " + tx.accountId());
                    }
                    handled.add(tx.eventId());
                }).start();
                await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == 20);
                sendAll(producer, topic, failing, 1);
                await().atMost(Duration.ofSeconds(60)).until(() -> consumer.state() == ConsumerState.FAILED
                        && !consumer.isRunning());
                consumer.close();
            }
        }
        assertThat(HoldingInterceptor.HELD.getCount()).as("the poll returning the late records was held").isZero();
        assertThat(handled).hasSize(20);
        assertThat(ConsumerTestSupport.committed(kafka, group))
                .as("the flowing partition committed up to what was handled, the failing one before its record")
                .containsEntry(new TopicPartition(topic, 1), 20L)
                .doesNotContainEntry(new TopicPartition(topic, 0), 1L);
    }

    private static void sendAll(EventProducer producer, String topic, String account, int count) throws Exception {
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sends.add(producer.send(topic, TransactionEvent.credit(account, "1.00", "EUR")));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                .get(30, TimeUnit.SECONDS);
    }

    /** An account whose events Kafka's default partitioner puts on {@code partition}. */
    private static String accountOnPartition(int partition, int partitions) {
        for (int i = 0; ; i++) {
            String account = "acc-" + i;
            byte[] key = account.getBytes(StandardCharsets.UTF_8);
            if (Utils.toPositive(Utils.murmur2(key))
                    % partitions == partition) {
                return account;
            }
        }
    }

    /**
     * Holds the first poll that returns a record of the watched partition at or after the watched offset until the
     * watched consumer has failed. Kafka creates it from {@code interceptor.classes}, hence the static state.
     */
    public static final class HoldingInterceptor
            implements ConsumerInterceptor<byte[], byte[]> {
        static final CountDownLatch HELD = new CountDownLatch(1);
        private static volatile TopicPartition watched;
        private static volatile long fromOffset;
        private static volatile EventConsumer consumer;

        static void arm(TopicPartition partition, long offset, EventConsumer owner) {
            watched = partition;
            fromOffset = offset;
            consumer = owner;
        }

        @Override
        public ConsumerRecords<byte[], byte[]> onConsume(
                ConsumerRecords<byte[], byte[]> records) {
            boolean late = records.records(watched).stream().anyMatch(r -> r.offset() >= fromOffset);
            if (late && HELD.getCount() > 0) {
                HELD.countDown();
                await().atMost(Duration.ofSeconds(30)).until(() -> consumer.state() == ConsumerState.FAILED);
            }
            return records;
        }

        @Override
        public void onCommit(Map<TopicPartition,
                OffsetAndMetadata> offsets) {
        }

        @Override
        public void close() {
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }
    }
}
