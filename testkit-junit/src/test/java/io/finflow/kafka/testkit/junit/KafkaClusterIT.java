package io.finflow.kafka.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.finflow.kafka.testkit.KafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class KafkaClusterIT {

    private static final Logger log = LoggerFactory.getLogger(KafkaClusterIT.class);
    private static final Duration WAIT = Duration.ofSeconds(60);

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
    void threeBrokersAndOneControllerServeClients() throws Exception {
        assertThat(cluster.brokerIds()).hasSize(3);
        assertThat(cluster.runningBrokerIds()).isEqualTo(cluster.brokerIds());
        assertThat(liveBrokers()).containsOnlyKeys(cluster.brokerIds());
        try (Admin admin = Admin.create(cluster.clientProperties())) {
            QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS);
            assertThat(quorum.voters()).as("dedicated controllers").hasSize(1)
                    .extracting(QuorumInfo.ReplicaState::replicaId).doesNotContainAnyElementsOf(cluster.brokerIds());
        }
    }

    @Test
    void everyAckedRecordSurvivesLeaderFailoverWithoutDuplicates(TestInfo test) throws Exception {
        String topic = names(test).topic();
        createReplicatedTopic(topic);
        AckCountingProducer producer = new AckCountingProducer(topic, 30_000, 20_000);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        int leader;
        try {
            Future<?> producing = executor.submit(producer);
            // Mid-stream: some records acknowledged, more in flight, a third still to be sent.
            await().atMost(WAIT).until(() -> producer.acked.size() >= 10_000);
            leader = cluster.leaderOf(topic, 0);
            int sentBeforeStop = producer.sent.get();
            int ackedBeforeStop = producer.acked.size();
            cluster.stopBroker(leader);
            producer.resume.countDown();
            log.info("stopped leader {} when {} were sent and {} acked", leader, sentBeforeStop, ackedBeforeStop);
            producing.get(120, TimeUnit.SECONDS);
        } finally {
            producer.resume.countDown();
            executor.shutdownNow();
        }
        assertThat(cluster.leaderOf(topic, 0)).as("a surviving replica leads").isNotEqualTo(leader);

        List<String> read = readAllValues(topic);
        Set<String> distinct = new HashSet<>(read);
        Set<String> missing = new HashSet<>(producer.acked);
        missing.removeAll(distinct);
        int duplicates = read.size() - distinct.size();
        log.info("acked {}, failed {}, read {}, missing {}, duplicates {}",
                producer.acked.size(), producer.failures.size(), read.size(), missing.size(), duplicates);
        // Set arithmetic: AssertJ's containsAll on 30,000 elements compares pairwise and takes seconds.
        assertThat(missing).as("acknowledged records that were not read").isEmpty();
        assertThat(duplicates).as("records read more than once").isZero();
        assertThat(producer.failures).as("send failures").isEmpty();
        assertThat(producer.acked).hasSize(30_000);

        cluster.restartBroker(leader);
        assertThat(liveBrokers()).containsOnlyKeys(cluster.brokerIds());
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(cluster.inSyncReplicas(topic, 0)).as("ISR after restart").contains(leader).hasSize(3));
    }

    @Test
    void aRestartedBrokerRejoinsTheClusterAndTheIsr(TestInfo test) throws Exception {
        String topic = names(test).topic();
        createReplicatedTopic(topic);
        int broker = cluster.leaderOf(topic, 0);
        int port = liveBrokers().get(broker);

        cluster.stopBroker(broker);
        assertThat(cluster.runningBrokerIds()).doesNotContain(broker).hasSize(2);
        assertThat(liveBrokers()).doesNotContainKey(broker).hasSize(2);
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(cluster.inSyncReplicas(topic, 0)).doesNotContain(broker).hasSize(2));

        cluster.restartBroker(broker);
        Map<Integer, Integer> live = liveBrokers();
        assertThat(live).containsOnlyKeys(cluster.brokerIds());
        assertThat(live.get(broker)).as("port kept across the restart").isEqualTo(port);
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(cluster.inSyncReplicas(topic, 0)).contains(broker).hasSize(3));
    }

    @Test
    void theClusterSupportsTheConsumerGroupProtocolLikeTheSingleBroker(TestInfo test) throws Exception {
        String topic = names(test).topic();
        String group = names(test).group();
        createReplicatedTopic(topic);
        try (KafkaProducer<String, String> producer = reliableProducer()) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i)).get(30, TimeUnit.SECONDS);
            }
        }
        Map<String, Object> props = new HashMap<>(cluster.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(WAIT).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                return values.size() >= 10;
            });
            consumer.commitSync();
        }
        assertThat(values).hasSize(10);
        try (Admin admin = Admin.create(cluster.clientProperties())) {
            assertThat(admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group).type())
                    .as("a KIP-848 group, as on the single broker").isEqualTo(org.apache.kafka.common.GroupType.CONSUMER);
        }
    }

    @Test
    void stoppingAnUnknownBrokerFailsWithAClearMessage() {
        assertThatThrownBy(() -> cluster.stopBroker(42))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no broker with id 42");
    }

    @Test
    void aSingleBrokerClusterUsesReplicationFactorOneAndCloseIsIdempotent() throws Exception {
        KafkaCluster single = KafkaCluster.start(1);
        Path data = single.dataDir();
        try (Admin admin = Admin.create(single.clientProperties())) {
            admin.createTopics(List.of(new NewTopic("defaults", 1, (short) -1))).all().get(30, TimeUnit.SECONDS);
            // The broker answering may learn of the new topic a moment after createTopics returns.
            await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(admin.describeTopics(
                    List.of("defaults")).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get("defaults").partitions().get(0).replicas()).hasSize(1));
        }
        single.stopBroker(0);
        assertThatThrownBy(() -> single.stopBroker(0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("broker 0 is already stopped");
        single.close();
        single.close();
        assertThat(Files.exists(data)).as("data folder deleted").isFalse();
        assertThatThrownBy(() -> single.restartBroker(0)).isInstanceOf(IllegalStateException.class);
    }

    private static TestNames names(TestInfo test) {
        return TestNames.forTest(KafkaClusterIT.class.getSimpleName(), test.getTestMethod().orElseThrow().getName());
    }

    private static void createReplicatedTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(cluster.clientProperties())) {
            NewTopic newTopic = new NewTopic(topic, 1, (short) 3).configs(Map.of("min.insync.replicas", "2"));
            admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
        }
        // the broker asked may learn of the new topic a moment later (IllegalStateException: unknown topic)
        await().atMost(WAIT).ignoreException(IllegalStateException.class)
                .untilAsserted(() -> assertThat(cluster.inSyncReplicas(topic, 0)).hasSize(3));
    }

    /** Broker id to port of the brokers the cluster lists now. */
    private static Map<Integer, Integer> liveBrokers() throws Exception {
        try (Admin admin = Admin.create(cluster.clientProperties())) {
            Map<Integer, Integer> ports = new HashMap<>();
            for (Node node : admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)) {
                ports.put(node.id(), node.port());
            }
            return ports;
        }
    }

    /**
     * Sends {@code total} records with unique values, acks=all and idempotence, remembering which
     * ones were acknowledged; pauses before record {@code pauseAt} until {@link #resume} opens.
     */
    private static final class AckCountingProducer implements Callable<Void> {
        final Set<String> acked = ConcurrentHashMap.newKeySet();
        final List<Exception> failures = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger sent = new AtomicInteger();
        final CountDownLatch resume = new CountDownLatch(1);
        private final String topic;
        private final int total;
        private final int pauseAt;

        AckCountingProducer(String topic, int total, int pauseAt) {
            this.topic = topic;
            this.total = total;
            this.pauseAt = pauseAt;
        }

        @Override
        public Void call() throws Exception {
            try (KafkaProducer<String, String> producer = reliableProducer()) {
                for (int i = 0; i < total; i++) {
                    if (i == pauseAt && !resume.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("not resumed within 60 s");
                    }
                    String value = String.format("value-%05d", i);
                    producer.send(new ProducerRecord<>(topic, "key-" + (i % 100), value), (metadata, e) -> {
                        if (e == null) {
                            acked.add(value);
                        } else {
                            failures.add(e);
                        }
                    });
                    sent.incrementAndGet();
                }
                producer.flush();
            }
            return null;
        }
    }

    private static KafkaProducer<String, String> reliableProducer() {
        Map<String, Object> props = new HashMap<>(cluster.clientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Reads a single-partition topic from the beginning up to its end offset. */
    private static List<String> readAllValues(String topic) {
        Map<String, Object> props = new HashMap<>(cluster.clientProperties());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        TopicPartition partition = new TopicPartition(topic, 0);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
            // Each poll returns at most max.poll.records (500): poll again quickly rather than every 100 ms.
            await().atMost(WAIT).pollInSameThread().pollInterval(Duration.ofMillis(10)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
                return consumer.position(partition) >= end;
            });
        }
        return values;
    }
}
