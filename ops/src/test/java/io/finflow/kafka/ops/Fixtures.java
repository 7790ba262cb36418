package io.finflow.kafka.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * Test data on the real broker, set up and read with plain Kafka clients so the assertions do not
 * depend on the code under test. Records get deterministic timestamps: partition {@code p}, offset
 * {@code i} is stamped {@code base + p * 10 min + i s}.
 */
public final class Fixtures {

    /** Records produced per partition by {@link #produce}. */
    public static final int RECORDS_PER_PARTITION = 10;

    private Fixtures() {
    }

    /** A whole-second base timestamp one day ago: inside the broker's default 7-day retention. */
    public static Instant baseTimestamp() {
        return Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
    }

    /** The timestamp {@link #produce} gives the record at {@code offset} of {@code partition}. */
    public static Instant timestampOf(Instant base, int partition, long offset) {
        return base.plus(Duration.ofMinutes(10L * partition)).plusSeconds(offset);
    }

    /** Creates a topic with replication factor 1 and waits until every partition has a leader. */
    public static void createTopic(Admin admin, String topic, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic)
                        .partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
    }

    /** Produces {@link #RECORDS_PER_PARTITION} records to each partition, with explicit timestamps. */
    public static void produce(Map<String, Object> clientProperties, String topic, int partitions, Instant base)
            throws Exception {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int p = 0; p < partitions; p++) {
                for (int i = 0; i < RECORDS_PER_PARTITION; i++) {
                    producer.send(new ProducerRecord<>(topic, p, timestampOf(base, p, i).toEpochMilli(),
                            "key-" + p, "value-" + p + "-" + i)).get(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** Commits offsets for a group through the Admin API (partition -> offset). */
    public static void commit(Admin admin, String group, String topic, Map<Integer, Long> offsets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        offsets.forEach((p, o) -> commits.put(new TopicPartition(topic, p), new OffsetAndMetadata(o)));
        admin.alterConsumerGroupOffsets(group, commits).all().get(30, TimeUnit.SECONDS);
    }

    /** The group's committed offsets on the topic as Kafka reports them (partition -> offset). */
    public static Map<Integer, Long> committed(Admin admin, String group, String topic) throws Exception {
        Map<Integer, Long> result = new TreeMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                .forEach((tp, om) -> {
                    if (om != null && tp.topic().equals(topic)) {
                        result.put(tp.partition(), om.offset());
                    }
                });
        return result;
    }

    /** Log end offsets as Kafka reports them (partition -> offset). */
    public static Map<Integer, Long> logEnds(Admin admin, String topic, int partitions) throws Exception {
        return offsets(admin, topic, partitions, OffsetSpec.latest());
    }

    /** Log start offsets as Kafka reports them (partition -> offset). */
    public static Map<Integer, Long> logStarts(Admin admin, String topic, int partitions) throws Exception {
        return offsets(admin, topic, partitions, OffsetSpec.earliest());
    }

    /** Deletes the records of a partition before {@code offset}, as retention would. */
    public static void deleteRecordsBefore(Admin admin, String topic, int partition, long offset) throws Exception {
        admin.deleteRecords(Map.of(new TopicPartition(topic, partition), RecordsToDelete.beforeOffset(offset)))
                .all().get(30, TimeUnit.SECONDS);
    }

    /** Topic names on the cluster. */
    public static Set<String> topicNames(Admin admin) throws Exception {
        return admin.listTopics().names().get(30, TimeUnit.SECONDS);
    }

    private static Map<Integer, Long> offsets(Admin admin, String topic, int partitions, OffsetSpec spec)
            throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), spec);
        }
        Map<Integer, Long> result = new TreeMap<>();
        admin.listOffsets(request).all().get(30, TimeUnit.SECONDS)
                .forEach((tp, info) -> result.put(tp.partition(), info.offset()));
        return result;
    }
}
