package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.KafkaExtension;
import io.finflow.kafka.testkit.junit.TestNames;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
@SuppressWarnings("try") // test helpers: close() may throw InterruptedException; resources held, not read
class GroupsCommandIT {

    static final int PARTITIONS = 3;
    static final int PER_PARTITION = 10;

    private Kafka kafka;
    private TestNames names;
    private String topic;
    private Instant base;

    @BeforeEach
    void setUp(EmbeddedKafka broker, TestNames names) throws Exception {
        this.kafka = new Kafka(broker);
        this.names = names;
        topic = names.topic();
        base = Instant.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        kafka.createTopic(topic, PARTITIONS);
        produce(kafka, topic, base);
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    /** 10 records per partition; partition p, offset i is stamped base + p minutes + i seconds. */
    static void produce(Kafka kafka, String topic, Instant base) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            for (int p = 0; p < PARTITIONS; p++) {
                for (int i = 0; i < PER_PARTITION; i++) {
                    producer.send(new ProducerRecord<>(topic, p, base.plusSeconds(60L * p + i).toEpochMilli(),
                            Kafka.bytes("k" + p), Kafka.bytes("v" + p + "-" + i))).get(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    @Test
    void lagTableAndJsonAgreeWithAdminOffsetsForSeveralGroupsOnAMultiPartitionTopic() throws Exception {
        String first = names.group();
        String second = names.group();
        String third = names.group();
        kafka.commit(first, topic, Map.of(0, 2L, 1, 10L, 2, 0L));
        kafka.commit(second, topic, Map.of(0, 7L, 1, 3L));
        consumeAndCommit(third, 12);

        CliRun all = kafka.run("groups", "lag");
        assertThat(all.exitCode()).as(all.describe()).isZero();
        for (String group : List.of(first, second, third)) {
            Map<Integer, Long> committed = kafka.committed(group, topic);
            Map<Integer, Long> ends = kafka.logEnds(topic);
            assertThat(committed).isNotEmpty();
            for (Map.Entry<Integer, Long> c : committed.entrySet()) {
                long end = ends.get(c.getKey());
                // GROUP TOPIC PARTITION COMMITTED END LAG TIME-LAG-S OWNER
                assertThat(all.out()).as(group + " partition " + c.getKey())
                        .containsPattern("(?m)^" + group + "\\s+" + topic + "\\s+" + c.getKey() + "\\s+" + c.getValue()
                                + "\\s+" + end + "\\s+" + (end - c.getValue()) + "\\s+\\d+\\s+-$");
            }
            CliRun json = kafka.run("groups", "lag", group, "--output", "json");
            assertThat(json.exitCode()).as(json.describe()).isZero();
            JsonNode lag = new ObjectMapper().readTree(json.out()).get(0);
            assertThat(lag.get("groupId").asText()).isEqualTo(group);
            Map<Integer, Long> shownCommitted = new TreeMap<>();
            long total = 0;
            for (JsonNode p : lag.get("partitions")) {
                int partition = p.get("partition").asInt();
                shownCommitted.put(partition, p.get("committedOffset").asLong());
                assertThat(p.get("logEndOffset").asLong()).isEqualTo(ends.get(partition));
                assertThat(p.get("offsetLag").asLong()).isEqualTo(ends.get(partition) - committed.get(partition));
                total += p.get("offsetLag").asLong();
            }
            assertThat(shownCommitted).isEqualTo(committed);
            assertThat(lag.get("totalLag").asLong()).isEqualTo(total);
            assertThat(all.out()).containsPattern("(?m)^" + group + "\\s+Empty\\s+0\\s+" + total + "\\s+(\\d+|-)$");
        }
        // time lag: first group's oldest unconsumed record is partition 0 offset 2, stamped base + 2 s
        CliRun json = kafka.run("groups", "lag", first, "-o", "json");
        JsonNode p0 = new ObjectMapper().readTree(json.out()).get(0).get("partitions").get(0);
        long expected = Duration.between(base.plusSeconds(2), Instant.now()).toSeconds();
        assertThat(p0.get("timeLagSeconds").asLong()).isBetween(expected - 5, expected + 5);
        assertThat(new ObjectMapper().readTree(json.out()).get(0).get("partitions").get(1).get("timeLagSeconds")
                .asLong()).as("caught up: no time lag").isZero();
    }

    @Test
    void describeAndListShowAnActiveMemberWithItsPartitionsAndState() throws Exception {
        String group = names.group();
        try (LiveConsumer live = new LiveConsumer(kafka, group, topic, "cli-it-member")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> live.assigned == PARTITIONS && live.consumed >= 30);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                CliRun describe = kafka.run("groups", "describe", group);
                assertThat(describe.exitCode()).as(describe.describe()).isZero();
                assertThat(describe.out()).contains("Group " + group + ": state Stable")
                        .contains("1 member(s)")
                        .containsPattern("cli-it-member\\s+/127.0.0.1\\s+-\\s+" + topic + ":0,1,2")
                        .containsPattern("(?m)^" + topic + "\\s+0\\s+10\\s+10\\s+0\\s+0\\s+cli-it-member$");
            });
            CliRun list = kafka.run("groups", "list");
            assertThat(list.exitCode()).as(list.describe()).isZero();
            assertThat(list.out()).containsPattern("(?m)^" + group + "\\s+Stable\\s+1\\s+(CLASSIC|CONSUMER)$");
            CliRun lag = kafka.run("groups", "lag", group);
            assertThat(lag.out()).containsPattern("(?m)^" + group + "\\s+Stable\\s+1\\s+0\\s+0$");
        }
    }

    @Test
    void unknownGroupIsOneLineAndExitOne() {
        CliRun run = kafka.run("groups", "describe", names.group());
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).matches("finflow: error: consumer group '.*' does not exist\\R");
    }

    private void consumeAndCommit(String group, int records) {
        Map<String, Object> props = new HashMap<>(kafka.broker.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            int[] seen = {0};
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                seen[0] += consumer.poll(Duration.ofMillis(100)).count();
                consumer.commitSync();
                return seen[0] >= records;
            });
        }
    }

    /** A real group member polling and committing on its own thread until closed. */
    static final class LiveConsumer implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final Thread thread;
        volatile int assigned;
        volatile long consumed;
        private volatile boolean running = true;

        LiveConsumer(Kafka kafka, String group, String topic, String clientId) {
            Map<String, Object> props = new HashMap<>(kafka.broker.clientProperties());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
            consumer.subscribe(List.of(topic));
            thread = new Thread(() -> {
                try {
                    while (running) {
                        int n = consumer.poll(Duration.ofMillis(100)).count();
                        if (n > 0) {
                            consumed += n;
                            consumer.commitSync();
                        }
                        assigned = consumer.assignment().size();
                    }
                } catch (WakeupException e) {
                    // closing
                } finally {
                    consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(10)));
                }
            }, "live-" + clientId);
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            consumer.wakeup();
            thread.join(20_000);
        }
    }
}
