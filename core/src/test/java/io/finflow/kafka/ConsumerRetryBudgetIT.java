package io.finflow.kafka;

import static io.finflow.kafka.ConsumerTestSupport.consumerOptions;
import static io.finflow.kafka.ConsumerTestSupport.sendTransactions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.consumer.ConsumerState;
import io.finflow.kafka.consumer.RetryPolicy;
import io.finflow.kafka.consumer.RetryableException;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.KafkaExtension;
import io.finflow.kafka.testkit.junit.TestNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class ConsumerRetryBudgetIT {

    /**
     * A downstream service down for 30 s: with the default retry budget every record waits in backoff
     * (its partition paused, the member polling) and is handled once the service is back; nothing is
     * dead-lettered. The backoff is capped at 2 s here only so the test ends soon after the outage.
     */
    @Test
    void aHandlerFailingForThirtySecondsThenRecoveringGetsNothingDeadLettered(EmbeddedKafka kafka, TestNames names)
            throws Exception {
        TopicCatalog catalog = TestCatalog.create(kafka, names);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        List<TransactionEvent> sent = sendTransactions(kafka, catalog, topic, 20, 4);
        Set<String> handled = ConcurrentHashMap.newKeySet();
        AtomicLong outageEnds = new AtomicLong();
        String group = names.group();
        try (EventConsumer consumer = EventConsumer.create(consumerOptions(kafka, catalog, group).toBuilder()
                .retry(RetryPolicy.builder().initialBackoff(Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(2))
                        .build()).build())) {
            consumer.subscribe(topic, TransactionEvent.class, (tx, meta) -> {
                outageEnds.compareAndSet(0, System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
                if (System.nanoTime() < outageEnds.get()) {
                    throw new RetryableException("ledger service unavailable");
                }
                handled.add(tx.eventId());
            }).start();
            await().atMost(Duration.ofSeconds(120)).until(() -> handled.size() == sent.size());
            assertThat(consumer.stats().deadLettered()).isZero();
            assertThat(consumer.stats().failedAttempts()).as("the outage was felt").isGreaterThan(sent.size());
            assertThat(consumer.state()).isEqualTo(ConsumerState.RUNNING);
        }
        assertThat(endOffsetSum(kafka, catalog.require(topic).dlqTopic())).as("records in the DLQ").isZero();
    }

    /**
     * A record waiting in backoff is not waited for by close(): it stays uncommitted and the next member
     * of the group handles it at once.
     */
    @Test
    void aRecordWaitingInBackoffIsNotWaitedForOnCloseAndTheNextOwnerHandlesIt(EmbeddedKafka kafka, TestNames names)
            throws Exception {
        TopicCatalog catalog = TestCatalog.create(kafka, names);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        List<TransactionEvent> sent = sendTransactions(kafka, catalog, topic, 3, 1);
        String failingId = sent.get(1).eventId();
        String group = names.group();
        RetryPolicy longBackoff = RetryPolicy.builder().initialBackoff(Duration.ofSeconds(60))
                .maxBackoff(Duration.ofSeconds(60))
                .jitter(0).build();
        EventConsumer first = EventConsumer.create(consumerOptions(kafka, catalog, group).toBuilder()
                .retry(longBackoff).build());
        first.subscribe(topic, TransactionEvent.class, (tx, meta) -> {
            if (tx.eventId().equals(failingId)) {
                throw new RetryableException("ledger service unavailable");
            }
        }).start();
        await().atMost(Duration.ofSeconds(30)).until(() -> first.stats().retried() == 1);
        long started = System.nanoTime();
        first.close(Duration.ofSeconds(10));
        Duration closing = Duration.ofNanos(System.nanoTime() - started);
        assertThat(closing).as("close did not wait for the 60 s backoff").isLessThan(Duration.ofSeconds(10));
        assertThat(first.state()).isEqualTo(ConsumerState.CLOSED);
        assertThat(ConsumerTestSupport.committed(kafka, group).values()).as("the waiting record stays uncommitted")
                .containsExactly(1L);

        Set<String> second = ConcurrentHashMap.newKeySet();
        try (EventConsumer next = EventConsumer.create(consumerOptions(kafka, catalog, group).toBuilder()
                .retry(longBackoff).build())) {
            next.subscribe(topic, TransactionEvent.class, (tx, meta) -> second.add(tx.eventId())).start();
            await().atMost(Duration.ofSeconds(30)).until(() -> second.size() == 2);
        }
        assertThat(second).containsExactlyInAnyOrder(failingId, sent.get(2).eventId());
    }

    private static long endOffsetSum(EmbeddedKafka kafka, String topic) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
            for (int p = 0; p < partitions; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(i -> i.offset()).sum();
        }
    }
}
