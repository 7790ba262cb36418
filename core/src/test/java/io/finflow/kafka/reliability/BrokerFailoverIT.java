package io.finflow.kafka.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.finflow.kafka.EventConsumer;
import io.finflow.kafka.EventProducer;
import io.finflow.kafka.TestCatalog;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.consumer.ConsumerOptions;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.producer.DeliveryTimeoutException;
import io.finflow.kafka.producer.ProducerOptions;
import io.finflow.kafka.producer.SendResult;
import io.finflow.kafka.testkit.KafkaCluster;
import io.finflow.kafka.testkit.junit.TestNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Broker failures under an {@link EventProducer} on a real 3-broker cluster (one dedicated controller), topics with
 * replication factor 3 and {@code min.insync.replicas=2}, as in production.
 *
 * <ul>
 *   <li>The leader of a partition is stopped while events are being sent and consumed: every acknowledged event is in
 *       the topic exactly once (read back by {@code ce_id} with a plain {@code read_committed} consumer), no send
 *       fails, and an {@link EventConsumer} handles every one of them.</li>
 *   <li>With two of the three brokers down, a send cannot reach {@code min.insync.replicas}: it fails within the
 *       delivery timeout with a {@link DeliveryTimeoutException} that says why, and the same producer works again
 *       once the brokers are back.</li>
 * </ul>
 * One cluster serves both tests; each leaves it with all brokers running.
 */
@Tag("reliability")
class BrokerFailoverIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int PARTITIONS = 3;
    /** Events sent after the leader is down, at least: the stream goes on through and past the failover. */
    private static final int SENT_AFTER_STOP = 3_000;

    private static KafkaCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = KafkaCluster.start(3);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theLeaderStoppedMidStreamLosesNoAcknowledgedEventAndWritesNoDuplicate(TestInfo test) throws Exception {
        TestNames names = names(test);
        String prefix = names.topic("failover");
        TopicCatalog catalog = TestCatalog.load(prefix, PARTITIONS);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        createReplicated(topic, PARTITIONS);
        createReplicated(topic + ".dlq", 1);

        Map<String, Integer> handled = new ConcurrentHashMap<>();
        AtomicBoolean leaderStopped = new AtomicBoolean();
        int leader = cluster.leaderOf(topic, 0);
        int sentAtStop;
        AckedSends sends;
        EventConsumer consumer = EventConsumer.create(ConsumerOptions.builder(
                        ClientConfig.of(cluster.bootstrapServers()), names.group())
                .catalog(catalog).commitInterval(Duration.ofMillis(200)).build());
        try (EventProducer producer = EventProducer.create(producerOptions(catalog))) {
            consumer.subscribe(topic, TransactionEvent.class, (tx, meta) -> handled.merge(tx.eventId(), 1, Integer::sum))
                    .start();
            AckedSends stream = new AckedSends(producer, topic, 100);
            sends = stream;
            Thread sender = new Thread(() -> {
                int afterStop = 0;
                try {
                    while (afterStop < SENT_AFTER_STOP) {
                        if (leaderStopped.get()) {
                            afterStop++;
                        }
                        stream.sendOne();
                        if (stream.sent() % 50 == 0) {
                            Thread.sleep(5); // pacing, so that the stream is still flowing when the leader stops
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "failover-sender");
            sender.start();
            await().atMost(WAIT).until(() -> stream.acked().size() >= 3_000);
            sentAtStop = stream.sent();
            cluster.stopBroker(leader);
            leaderStopped.set(true);
            sender.join(WAIT.toMillis());
            assertThat(sender.isAlive()).as("the sender finished").isFalse();
            stream.awaitOutcomes(WAIT);
            await().atMost(WAIT).until(() -> handled.keySet().containsAll(stream.acked()));
        } finally {
            consumer.close();
        }
        Set<String> acked = sends.acked();
        List<Throwable> failures = sends.failures();
        int newLeader = cluster.leaderOf(topic, 0);
        Map<String, Integer> inTopic = TopicContents.countByEventId(cluster, topic);
        Set<String> lost = new HashSet<>(acked);
        lost.removeAll(inTopic.keySet());
        long duplicatedInTopic = TopicContents.duplicates(inTopic);
        long handledTwice = TopicContents.duplicates(handled);
        long deadLettered = TopicContents.recordCount(cluster, topic + ".dlq");
        new FaultFigures("broker-failover", sends.sent(), acked.size(), handled.size(), lost.size(),
                duplicatedInTopic, deadLettered, "leader " + leader + " of partition 0 stopped after " + sentAtStop
                + " sent, new leader " + newLeader + "; send failures " + failures.size() + "; in topic "
                + inTopic.size() + "; handled twice by the consumer " + handledTwice).print();

        assertThat(failures).as("sends that failed").isEmpty();
        assertThat(acked).hasSize(sends.sent());
        assertThat(lost).as("acknowledged events missing from the topic").isEmpty();
        assertThat(duplicatedInTopic).as("events written twice").isZero();
        assertThat(inTopic.keySet()).as("only acknowledged events in the topic").isEqualTo(acked);
        assertThat(handled.keySet()).as("events handled by the consumer").isEqualTo(acked);
        assertThat(deadLettered).isZero();
        assertThat(newLeader).as("a surviving replica leads").isNotEqualTo(leader);

        cluster.restartBroker(leader);
        awaitFullIsr(topic, PARTITIONS);
    }

    @Test
    void withTwoOfThreeBrokersDownASendFailsWithinTheDeliveryTimeoutNamingTheCause(TestInfo test) throws Exception {
        TestNames names = names(test);
        TopicCatalog catalog = TestCatalog.load(names.topic("isr"), 1);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        createReplicated(topic, 1);
        Duration deliveryTimeout = Duration.ofSeconds(5);
        ProducerOptions options = producerOptions(catalog).toBuilder().deliveryTimeout(deliveryTimeout)
                .maxBlock(Duration.ofSeconds(3)).build();
        List<Integer> stopped = new ArrayList<>();
        try (EventProducer producer = EventProducer.create(options)) {
            SendResult before = producer.send(topic, TransactionEvent.credit("acc-1", "1.00", "EUR"))
                    .get(30, TimeUnit.SECONDS);
            int leader = cluster.leaderOf(topic, 0);
            for (int id : cluster.brokerIds()) {
                if (stopped.size() < 2) {
                    cluster.stopBroker(id);
                    stopped.add(id);
                }
            }
            int survivor = cluster.runningBrokerIds().get(0);
            await().atMost(WAIT).until(() -> cluster.inSyncReplicas(topic, 0).equals(Set.of(survivor)));
            Set<Integer> isr = cluster.inSyncReplicas(topic, 0);
            int count = 20;
            long start = System.nanoTime();
            AckedSends refused = new AckedSends(producer, topic, count).send(count).awaitOutcomes(WAIT);
            List<Throwable> failures = refused.failures();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            Throwable first = failures.isEmpty() ? null : failures.get(0);
            new FaultFigures("two-of-three-brokers-down", count, refused.acked().size(), 0, 0, 0, 0,
                    "leader was " + leader + ", stopped " + stopped + ", ISR now " + isr + "; " + failures.size()
                    + " failed after " + took.toMillis() + " ms (delivery timeout " + deliveryTimeout.toMillis()
                    + " ms): " + (first == null ? "none" : first.getMessage())).print();

            assertThat(isr).as("in-sync replicas below min.insync.replicas").containsExactly(survivor);
            assertThat(failures).as("every send fails").hasSize(count);
            assertThat(failures).allSatisfy(f -> assertThat(f).isInstanceOf(DeliveryTimeoutException.class)
                    .hasMessageContaining("was not acknowledged within the deadline (deliveryTimeout 5 s")
                    .hasMessageContaining("fewer in-sync replicas than its min.insync.replicas (NOT_ENOUGH_REPLICAS"));
            assertThat(took).as("fails at the delivery timeout, not later")
                    .isLessThan(deliveryTimeout.plus(Duration.ofSeconds(10)));

            for (int id : stopped) {
                cluster.restartBroker(id);
            }
            SendResult after = producer.send(topic, TransactionEvent.credit("acc-1", "3.00", "EUR"))
                    .get(60, TimeUnit.SECONDS);
            assertThat(after.offset()).as("the same producer works again").isGreaterThan(before.offset());
            assertThat(TopicContents.countByEventId(cluster, topic)).as("the refused events were not written")
                    .containsOnlyKeys(before.eventId(), after.eventId());
        } finally {
            for (int id : stopped) {
                if (!cluster.runningBrokerIds().contains(id)) {
                    cluster.restartBroker(id);
                }
            }
        }
        awaitFullIsr(topic, 1);
    }

    private static ProducerOptions producerOptions(TopicCatalog catalog) {
        return ProducerOptions.builder(ClientConfig.of(cluster.bootstrapServers()), "/finflow/test").catalog(catalog)
                .build();
    }

    private static TestNames names(TestInfo test) {
        return TestNames.forTest(BrokerFailoverIT.class.getSimpleName(), test.getTestMethod().orElseThrow().getName());
    }

    private static void createReplicated(String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(cluster.clientProperties())) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 3)
                    .configs(Map.of("min.insync.replicas", "2")))).all().get(30, TimeUnit.SECONDS);
        }
        awaitFullIsr(topic, partitions);
    }

    private static void awaitFullIsr(String topic, int partitions) {
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            for (int p = 0; p < partitions; p++) {
                assertThat(cluster.inSyncReplicas(topic, p)).as("ISR of " + topic + "-" + p).hasSize(3);
            }
        });
    }
}
