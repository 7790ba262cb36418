package io.finflow.kafka.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.finflow.kafka.testkit.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;

/**
 * Test data on the real broker, set up and read with plain Kafka clients so assertions do not depend on
 * the code under test.
 */
final class Kafka implements AutoCloseable {

    final KafkaBroker broker;
    final Admin admin;

    Kafka(KafkaBroker broker) {
        this.broker = broker;
        this.admin = Admin.create(broker.clientProperties());
    }

    String bootstrap() {
        return broker.bootstrapServers();
    }

    /** Runs the CLI with {@code --bootstrap} of this broker appended. */
    CliRun run(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--bootstrap";
        all[args.length + 1] = bootstrap();
        return CliRun.run(all);
    }

    void createTopic(String topic, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        awaitLeaders(topic);
    }

    void awaitLeaders(String topic) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic)
                        .partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
    }

    KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> props = new HashMap<>(broker.clientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Every record of the topic, read with a group-less consumer up to the current end. */
    List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Map<String, Object> props = new HashMap<>(broker.clientProperties());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end within 60 s");
                }
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }

    /** Log end offsets by partition. */
    Map<Integer, Long> logEnds(String topic) throws Exception {
        return offsets(topic, OffsetSpec.latest());
    }

    Map<Integer, Long> offsets(String topic, OffsetSpec spec) throws Exception {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                .partitions().size();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), spec);
        }
        Map<Integer, Long> result = new TreeMap<>();
        admin.listOffsets(request).all().get(30, TimeUnit.SECONDS)
                .forEach((tp, info) -> result.put(tp.partition(), info.offset()));
        return result;
    }

    /** The group's committed offsets on the topic as Kafka reports them. */
    Map<Integer, Long> committed(String group, String topic) throws Exception {
        Map<Integer, Long> result = new TreeMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                .forEach((tp, om) -> {
                    if (om != null && tp.topic().equals(topic)) {
                        result.put(tp.partition(), om.offset());
                    }
                });
        return result;
    }

    void commit(String group, String topic, Map<Integer, Long> offsets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        offsets.forEach((p, o) -> commits.put(new TopicPartition(topic, p), new OffsetAndMetadata(o)));
        admin.alterConsumerGroupOffsets(group, commits).all().get(30, TimeUnit.SECONDS);
    }

    /**
     * Writes a catalog with the given topic names, all system events keyed by service, to {@code dir}.
     * Each topic gets {@code partitions} partitions and 1 day retention; DLQs get 2 partitions.
     */
    static Path catalog(Path dir, String fileName, int partitions, String retention, String... topics)
            throws Exception {
        StringBuilder yaml = new StringBuilder("""
                profiles:
                  dev:
                    replicationFactor: 1
                    minInsyncReplicas: 1
                  prod:
                    replicationFactor: 3
                    minInsyncReplicas: 2
                dlqDefaults:
                  partitions: 2
                  retention: P30D
                topics:
                """);
        for (String topic : topics) {
            yaml.append("  - name: ").append(topic).append('\n')
                    .append("    eventType: system\n")
                    .append("    key: service\n")
                    .append("    partitions: ").append(partitions).append('\n')
                    .append("    retention: ").append(retention).append('\n');
        }
        Path file = dir.resolve(fileName);
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        admin.close();
    }
}
