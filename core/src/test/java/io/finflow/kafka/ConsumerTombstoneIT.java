package io.finflow.kafka;

import static io.finflow.kafka.ConsumerTestSupport.consumerOptions;
import static io.finflow.kafka.ConsumerTestSupport.producerOptions;
import static io.finflow.kafka.ConsumerTestSupport.sendRaw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.consumer.ConsumerState;
import io.finflow.kafka.consumer.EventMetadata;
import io.finflow.kafka.consumer.TombstoneHandler;
import io.finflow.kafka.event.BalanceEvent;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.KafkaExtension;
import io.finflow.kafka.testkit.junit.TestNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tombstones (a key, no value) on the compacted {@code account-balances}: deletions, never poison. */
@ExtendWith(KafkaExtension.class)
class ConsumerTombstoneIT {

    @Test
    void aTombstoneOnACompactedTopicIsDeliveredAsADeletionInOrderAndNeverDeadLettered(EmbeddedKafka kafka,
                                                                                     TestNames names) throws Exception {
        TopicCatalog catalog = TestCatalog.create(kafka, names);
        String topic = TestCatalog.topic(catalog, "account-balances");
        sendBalance(kafka, catalog, topic, "acc-1", "10.00");
        sendRaw(kafka, topic, "acc-1", null, Map.of());
        sendBalance(kafka, catalog, topic, "acc-1", "20.00");
        List<String> seen = new CopyOnWriteArrayList<>();
        List<EventMetadata> deletions = new CopyOnWriteArrayList<>();
        String group = names.group();
        try (EventConsumer consumer = EventConsumer.create(consumerOptions(kafka, catalog, group))) {
            consumer.subscribe(topic, BalanceEvent.class, (balance, meta) -> seen.add("balance " + balance.balance()))
                    .onTombstone(topic, deletion -> {
                        deletions.add(deletion);
                        seen.add("deleted " + deletion.key());
                    })
                    .start();
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() == 3);
            assertThat(consumer.stats().deadLettered()).isZero();
            assertThat(consumer.stats().processed()).isEqualTo(3);
        }
        assertThat(seen).containsExactly("balance 10.00", "deleted acc-1", "balance 20.00");
        assertThat(deletions).singleElement().satisfies(d -> {
            assertThat(d.key()).isEqualTo("acc-1");
            assertThat(d.offset()).isEqualTo(1);
            assertThat(d.schemaVersion()).isZero();
        });
        assertThat(endOffsets(kafka, catalog.require(topic).dlqTopic())).as("records in the DLQ").isZero();
        assertThat(ConsumerTestSupport.committed(kafka, group).values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(3);
    }

    @Test
    void tombstonesAreSkippedOnlyWhenChosenAndTheChoiceIsRequiredForACompactedTopic(EmbeddedKafka kafka,
                                                                                  TestNames names) throws Exception {
        TopicCatalog catalog = TestCatalog.create(kafka, names);
        String topic = TestCatalog.topic(catalog, "account-balances");
        sendRaw(kafka, topic, "acc-2", null, Map.of());
        sendBalance(kafka, catalog, topic, "acc-2", "5.00");

        EventConsumer undecided = EventConsumer.create(consumerOptions(kafka, catalog, names.group()));
        undecided.subscribe(topic, BalanceEvent.class, (balance, meta) -> { });
        assertThatThrownBy(undecided::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(topic).hasMessageContaining("onTombstone").hasMessageContaining("SKIP");
        assertThat(undecided.state()).isEqualTo(ConsumerState.CREATED);

        String transactions = TestCatalog.topic(catalog, "transaction-events");
        EventConsumer wrongTopic = EventConsumer.create(consumerOptions(kafka, catalog, names.group()));
        wrongTopic.subscribeJson(transactions, (json, meta) -> { });
        assertThatThrownBy(() -> wrongTopic.onTombstone(transactions, TombstoneHandler.SKIP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not compacted");

        List<String> balances = new CopyOnWriteArrayList<>();
        try (EventConsumer consumer = EventConsumer.create(consumerOptions(kafka, catalog, names.group()))) {
            consumer.subscribe(topic, BalanceEvent.class, (balance, meta) -> balances.add(meta.key()))
                    .onTombstone(topic, TombstoneHandler.SKIP)
                    .start();
            await().atMost(Duration.ofSeconds(30)).until(() -> balances.size() == 1);
            assertThat(consumer.stats().deadLettered()).isZero();
        }
        assertThat(endOffsets(kafka, catalog.require(topic).dlqTopic())).isZero();
    }

    private static void sendBalance(EmbeddedKafka kafka, TopicCatalog catalog, String topic, String account,
                                    String amount) throws Exception {
        try (EventProducer producer = EventProducer.create(producerOptions(kafka, catalog))) {
            producer.send(topic, BalanceEvent.of(account, new BigDecimal(amount), "EUR", 1, UUID.randomUUID().toString()))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private static long endOffsets(EmbeddedKafka kafka, String topic) throws Exception {
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
