package io.finflow.kafka;

import static io.finflow.kafka.ConsumerTestSupport.consumerOptions;
import static io.finflow.kafka.ConsumerTestSupport.sendTransactions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.consumer.PartitionListener;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.KafkaExtension;
import io.finflow.kafka.testkit.TestNames;
import org.apache.kafka.common.TopicPartition;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class PartitionListenerIT {

    /** What one member was told, and whether a handler ever ran for a partition it was not told about. */
    private static final class Recorder implements PartitionListener {
        final Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<String> violations = new CopyOnWriteArrayList<>();

        @Override
        public void onAssigned(Collection<TopicPartition> partitions) {
            assertThat(partitions).isNotEmpty();
            owned.addAll(partitions);
            calls.add("assigned " + partitions.size());
        }

        @Override
        public void onRevoked(Collection<TopicPartition> partitions) {
            assertThat(partitions).isNotEmpty();
            owned.removeAll(partitions);
            calls.add("revoked " + partitions.size());
        }

        void handled(TopicPartition tp) {
            if (!owned.contains(tp)) {
                violations.add("record of " + tp + " handled before onAssigned or after onRevoked");
            }
        }
    }

    @Test
    void eachMemberIsToldItsPartitionsBeforeTheirRecordsAndWhenTheyMoveAway(EmbeddedKafka kafka, TestNames names)
            throws Exception {
        TopicCatalog catalog = TestCatalog.create(kafka, names);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        int partitions = catalog.require(topic).partitions();
        String group = names.group();
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        Set<String> handled = ConcurrentHashMap.newKeySet();
        List<TransactionEvent> sent = sendTransactions(kafka, catalog, topic, 60, 30);
        try (EventConsumer a = EventConsumer.create(consumerOptions(kafka, catalog, group))) {
            a.subscribe(topic, TransactionEvent.class, (tx, meta) -> {
                first.handled(new TopicPartition(meta.topic(), meta.partition()));
                handled.add(tx.eventId());
            }).partitionListener(first).start();
            await().atMost(Duration.ofSeconds(60)).until(() -> handled.size() == sent.size());
            assertThat(first.owned).hasSize(partitions);

            try (EventConsumer b = EventConsumer.create(consumerOptions(kafka, catalog, group))) {
                b.subscribe(topic, TransactionEvent.class, (tx, meta) -> {
                    second.handled(new TopicPartition(meta.topic(), meta.partition()));
                    handled.add(tx.eventId());
                }).partitionListener(second).start();
                await().atMost(Duration.ofSeconds(60)).until(() -> !second.owned.isEmpty()
                        && first.owned.size() + second.owned.size() == partitions);
                assertThat(first.calls).as("the first member was told which partitions moved away")
                        .anyMatch(c -> c.startsWith("revoked"));
                Set<TopicPartition> overlap = new HashSet<>(first.owned);
                overlap.retainAll(second.owned);
                assertThat(overlap).as("no partition is owned by both members").isEmpty();

                List<TransactionEvent> more = sendTransactions(kafka, catalog, topic, 60, 30);
                await().atMost(Duration.ofSeconds(60)).until(() -> handled.size() == sent.size() + more.size());
            }
            assertThat(second.owned).as("close releases every partition through onRevoked").isEmpty();
        }
        assertThat(first.owned).isEmpty();
        assertThat(first.violations).isEmpty();
        assertThat(second.violations).isEmpty();
    }

    @Test
    void aListenerThatThrowsStopsTheConsumerWithItsCause(EmbeddedKafka kafka, TestNames names) {
        TopicCatalog catalog = TestCatalog.create(kafka, names);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        try (EventConsumer consumer = EventConsumer.create(consumerOptions(kafka, catalog, names.group()))) {
            consumer.subscribe(topic, TransactionEvent.class, (tx, meta) -> { })
                    .partitionListener(new PartitionListener() {
                        @Override
                        public void onAssigned(Collection<TopicPartition> partitions) {
                            throw new IllegalStateException("state store unreachable");
                        }

                        @Override
                        public void onRevoked(Collection<TopicPartition> partitions) {
                        }
                    }).start();
            await().atMost(Duration.ofSeconds(60)).until(() -> !consumer.isRunning());
            assertThat(consumer.failure()).get(InstanceOfAssertFactories.THROWABLE)
                    .hasStackTraceContaining("state store unreachable");
        }
    }
}
