package io.finflow.kafka;

import static io.finflow.kafka.ConsumerTestSupport.consumerOptions;
import static io.finflow.kafka.ConsumerTestSupport.sendTransactions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.consumer.ConsumerState;
import io.finflow.kafka.consumer.GroupProtocol;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.TestNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A cluster without the KIP-848 consumer group protocol, like every Kafka before 4.0: a broker of its
 * own, started with only the classic protocol enabled.
 */
class GroupProtocolIT {

    private static EmbeddedKafka classicOnly;

    @BeforeAll
    static void startClassicOnlyBroker() {
        classicOnly = EmbeddedKafka.builder().brokerProperty("group.coordinator.rebalance.protocols", "classic").start();
    }

    @AfterAll
    static void stopBroker() {
        if (classicOnly != null) {
            classicOnly.close();
        }
    }

    private static TestNames names(TestInfo test) {
        return TestNames.forTest(GroupProtocolIT.class.getSimpleName(), test.getTestMethod().orElseThrow().getName());
    }

    @Test
    void theDefaultProtocolFallsBackToClassicWithOneWarningAndConsumes(TestInfo test) throws Exception {
        TestNames names = names(test);
        TopicCatalog catalog = TestCatalog.create(classicOnly, names);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        List<TransactionEvent> sent = sendTransactions(classicOnly, catalog, topic, 20, 5);
        Set<String> handled = ConcurrentHashMap.newKeySet();
        String group = names.group();
        try (LogCapture logs = LogCapture.start();
             EventConsumer consumer = EventConsumer.create(consumerOptions(classicOnly, catalog, group))) {
            consumer.subscribe(topic, TransactionEvent.class, (tx, meta) -> handled.add(tx.eventId())).start();
            await().atMost(Duration.ofSeconds(60)).until(() -> handled.size() == sent.size());
            assertThat(consumer.state()).isEqualTo(ConsumerState.RUNNING);
            assertThat(consumer.failure()).isEmpty();
            assertThat(logs.lines(Level.WARN, "does not support the consumer group protocol"))
                    .as("one warning says the consumer fell back to the classic protocol").hasSize(1)
                    .allSatisfy(l -> assertThat(l.message()).contains(group).contains("classic"));
        }
        try (Admin admin = Admin.create(classicOnly.clientProperties())) {
            assertThat(admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group).type())
                    .isEqualTo(GroupType.CLASSIC);
        }
        assertThat(ConsumerTestSupport.committed(classicOnly, group).values().stream().mapToLong(Long::longValue).sum())
                .as("offsets committed through the classic protocol").isEqualTo(sent.size());
    }

    @Test
    void anExplicitlyChosenConsumerProtocolFailsWithTheClustersCauseAndTellsTheListener(TestInfo test) throws Exception {
        TestNames names = names(test);
        TopicCatalog catalog = TestCatalog.create(classicOnly, names);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        List<Throwable> told = new CopyOnWriteArrayList<>();
        EventConsumer consumer = EventConsumer.create(consumerOptions(classicOnly, catalog, names.group()).toBuilder()
                .groupProtocol(GroupProtocol.CONSUMER).build());
        try {
            consumer.subscribe(topic, TransactionEvent.class, (tx, meta) -> { })
                    .onFailure(told::add)
                    .start();
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.state() == ConsumerState.FAILED && !told.isEmpty());
            assertThat(consumer.failure()).get().isInstanceOf(UnsupportedVersionException.class);
            assertThat(consumer.isRunning()).isFalse();
            assertThat(told).as("told once, with the cause").hasSize(1);
            assertThat(told.get(0)).isSameAs(consumer.failure().orElseThrow())
                    .hasMessageContaining("does not support the new CONSUMER group protocol");
            assertThatThrownBy(() -> consumer.onFailure(t -> { })).isInstanceOf(IllegalStateException.class);
        } finally {
            consumer.close();
        }
        assertThat(told).hasSize(1);
        assertThat(consumer.state()).isEqualTo(ConsumerState.FAILED);
    }

    @Test
    void stateMovesFromCreatedToRunningToClosed(TestInfo test) {
        TestNames names = names(test);
        TopicCatalog catalog = TestCatalog.create(classicOnly, names);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        EventConsumer consumer = EventConsumer.create(consumerOptions(classicOnly, catalog, names.group()).toBuilder()
                .groupProtocol(GroupProtocol.CLASSIC).build());
        assertThat(consumer.state()).isEqualTo(ConsumerState.CREATED);
        consumer.subscribe(topic, TransactionEvent.class, (tx, meta) -> { }).start();
        assertThat(consumer.state()).isEqualTo(ConsumerState.RUNNING);
        await().atMost(Duration.ofSeconds(30)).until(() -> !consumer.assignment().isEmpty());
        consumer.close();
        assertThat(consumer.state()).isEqualTo(ConsumerState.CLOSED);
        assertThat(consumer.failure()).isEmpty();
    }
}
