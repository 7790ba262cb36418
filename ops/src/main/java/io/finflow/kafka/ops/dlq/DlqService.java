package io.finflow.kafka.ops.dlq;

import static io.finflow.kafka.ops.internal.KafkaCalls.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.finflow.kafka.catalog.TopicSpec;
import io.finflow.kafka.ops.OpsException;
import io.finflow.kafka.ops.internal.ClientProps;
import io.finflow.kafka.ops.internal.KafkaCalls;
import io.finflow.kafka.ops.internal.OffsetLookup;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Dead letter topics ({@code *.dlq}): list them with their record counts, show their records, and replay
 * them to their original topics.
 *
 * <pre>{@code
 * DlqService dlq = new DlqService(admin, clientConfig);
 * ReplayReport dry = dlq.replay("transaction-events.dlq", ReplayOptions.dryRun(), ReplayProgress.NONE);
 * ReplayReport done = dlq.replay("transaction-events.dlq",
 *         ReplayOptions.builder().ratePerSecond(5000).execute(true).build(), ReplayProgress.NONE);
 * }</pre>
 *
 * <p><b>Replay guarantees.</b> A replay republishes each dead letter record to its {@code dlq.original.topic}
 * with the original key, value and headers, the {@code dlq.*} headers removed and {@code finflow.replay.count}
 * incremented; a record whose count already reached the maximum is copied as is to
 * {@code <original-topic>.parking} (created on first use, shaped like the dead letter topic) instead, so a
 * record that keeps failing stops looping. Progress is the committed offsets of the consumer group
 * {@link #replayGroup(String)} on the dead letter topic; a partition's offset is committed only past records
 * whose republished copy was acknowledged by every in-sync replica (idempotent producer, {@code acks=all}).
 * So a replay that is interrupted, limited or fails resumes where it stopped, and no record is republished
 * twice unless a send failed or the process died between an acknowledgement and the next commit (then the
 * records in that window are sent again: consumers drop them by {@code ce_id}). Each run stops at the end
 * offsets seen when it started, so records dead-lettered again during the run wait for the next one.
 *
 * <p><b>Filters.</b> Records that do not match the filters are passed over: the group moves past them, so a
 * later replay does not come back to them; they stay in the dead letter topic ({@link #show}), and
 * rewinding the replay group with an offset reset brings them back (together with the replayed ones).
 *
 * <p>Only one replay per dead letter topic should run at a time. The service does not close the
 * {@code Admin}.
 */
public final class DlqService {

    /** Prefix of the consumer group that holds a replay's progress. */
    public static final String GROUP_PREFIX = "finflow-dlq-replay-";
    /** Suffix of the topics where records that reached the maximum replay count are parked. */
    public static final String PARKING_SUFFIX = ".parking";

    private final Admin admin;
    private final Map<String, Object> clientConfig;
    private final Duration timeout;
    private final OffsetLookup lookup;

    /**
     * A service whose calls to Kafka may take {@link KafkaCalls#DEFAULT_TIMEOUT} each.
     *
     * @param clientConfig how to connect consumers and producers (bootstrap servers, security), as the Admin
     */
    public DlqService(Admin admin, Map<String, Object> clientConfig) {
        this(admin, clientConfig, KafkaCalls.DEFAULT_TIMEOUT);
    }

    /** A service whose calls to Kafka may take {@code timeout} each. */
    public DlqService(Admin admin, Map<String, Object> clientConfig, Duration timeout) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.clientConfig = Map.copyOf(Objects.requireNonNull(clientConfig, "clientConfig"));
        this.timeout = KafkaCalls.requirePositive(timeout);
        this.lookup = new OffsetLookup(admin, timeout);
    }

    /** The consumer group holding the replay progress of {@code dlqTopic}: {@code finflow-dlq-replay-<dlqTopic>}. */
    public static String replayGroup(String dlqTopic) {
        return GROUP_PREFIX + dlqTopic;
    }

    /**
     * Every dead letter topic on the cluster (names ending in {@code .dlq}), sorted by name, with its record
     * count and how many records no replay has handled yet.
     *
     * @throws OpsException when the cluster cannot be read
     */
    public List<DlqTopicSummary> list() {
        Set<String> names = await(admin.listTopics(new ListTopicsOptions().listInternal(false)).names(), timeout,
                "list topics");
        List<String> dlqs = names.stream().filter(n -> n.endsWith(TopicSpec.DLQ_SUFFIX)).sorted().toList();
        if (dlqs.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> descriptions = await(admin.describeTopics(dlqs).allTopicNames(), timeout,
                "describe dead letter topics");
        List<TopicPartition> partitions = new ArrayList<>();
        descriptions.values().forEach(d -> d.partitions()
                .forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
        Map<TopicPartition, Long> starts = lookup.logOffsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> ends = lookup.logOffsets(partitions, OffsetSpec.latest());
        List<DlqTopicSummary> result = new ArrayList<>();
        for (String dlq : dlqs) {
            Map<TopicPartition, Long> replayed = lookup.committed(replayGroup(dlq));
            long records = 0;
            long notReplayed = 0;
            int count = descriptions.get(dlq).partitions().size();
            for (int p = 0; p < count; p++) {
                TopicPartition tp = new TopicPartition(dlq, p);
                long start = starts.get(tp);
                long end = ends.get(tp);
                records += end - start;
                notReplayed += end - Math.min(end, Math.max(start, replayed.getOrDefault(tp, start)));
            }
            result.add(new DlqTopicSummary(dlq, dlq.substring(0, dlq.length() - TopicSpec.DLQ_SUFFIX.length()),
                    count, records, notReplayed));
        }
        return result;
    }

    /**
     * The oldest {@code limit} records of a dead letter topic (by timestamp, then partition and offset), read
     * with a group-less consumer: nothing is committed.
     *
     * @throws IllegalArgumentException when the name does not end in {@code .dlq} or {@code limit < 1}
     * @throws OpsException             "topic 'x.dlq' does not exist", or when the topic cannot be read
     */
    public List<DlqRecord> show(String dlqTopic, int limit) {
        requireDlqName(dlqTopic);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        List<TopicPartition> partitions = partitionsOf(dlqTopic);
        List<DlqRecord> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(null)) {
            consumer.assign(partitions);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, timeout);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, Integer> taken = new HashMap<>();
            Set<TopicPartition> active = new HashSet<>();
            for (TopicPartition tp : partitions) {
                consumer.seek(tp, starts.get(tp));
                if (starts.get(tp) < ends.get(tp)) {
                    active.add(tp);
                }
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!active.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new OpsException("could not read " + dlqTopic + ": no records within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (active.contains(tp) && r.offset() < ends.get(tp) && taken.merge(tp, 1, Integer::sum) <= limit) {
                        found.add(DlqRecords.of(r));
                    }
                }
                for (TopicPartition tp : new ArrayList<>(active)) {
                    if (taken.getOrDefault(tp, 0) >= limit || consumer.position(tp, timeout) >= ends.get(tp)) {
                        active.remove(tp);
                        consumer.pause(List.of(tp));
                    }
                }
            }
        }
        return found.stream()
                .sorted(Comparator.comparing(DlqRecord::timestamp).thenComparingInt(DlqRecord::partition)
                        .thenComparingLong(DlqRecord::offset))
                .limit(limit)
                .toList();
    }

    /**
     * Replays a dead letter topic (see the class documentation for the guarantees). A dry run
     * ({@code options.execute() == false}) reads from the replay group's position and reports what would be
     * done, sending and committing nothing.
     *
     * <p>Interrupting the calling thread stops the run: it waits for the acknowledgements of what was sent,
     * commits them and returns a report with {@code stopReason "interrupted"} (the interrupt flag stays set).
     *
     * @param progress told how far the run got, from the calling thread
     * @throws IllegalArgumentException when the name does not end in {@code .dlq}
     * @throws OpsException             when the topic does not exist, an original topic does not exist, or a send
     *                                  or commit fails; progress up to the failure is saved
     */
    public ReplayReport replay(String dlqTopic, ReplayOptions options, ReplayProgress progress) {
        requireDlqName(dlqTopic);
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(progress, "progress");
        List<TopicPartition> partitions = partitionsOf(dlqTopic);
        String group = replayGroup(dlqTopic);
        ReplayReport report;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(group);
             KafkaProducer<byte[], byte[]> producer = options.execute() ? producer(group) : null) {
            DlqReplayer.Environment environment = new DlqReplayer.Environment() {
                @Override
                public boolean topicExists(String topic) {
                    return DlqService.this.topicExists(topic);
                }

                @Override
                public void ensureParkingTopic(String parkingTopic, String dlq) {
                    createParkingTopic(parkingTopic, dlq);
                }
            };
            report = new DlqReplayer(dlqTopic, group, options, progress, environment, timeout, consumer, producer)
                    .run(partitions);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new OpsException("could not replay " + dlqTopic + ": " + KafkaCalls.describe(e), e);
        }
        if ("interrupted".equals(report.stopReason())) {
            Thread.currentThread().interrupt();
        }
        return report;
    }

    private static void requireDlqName(String dlqTopic) {
        Objects.requireNonNull(dlqTopic, "dlqTopic");
        if (!dlqTopic.endsWith(TopicSpec.DLQ_SUFFIX)) {
            throw new IllegalArgumentException("'" + dlqTopic + "' is not a dead letter topic: their names end in "
                    + TopicSpec.DLQ_SUFFIX + " (e.g. transaction-events.dlq)");
        }
    }

    private List<TopicPartition> partitionsOf(String topic) {
        TopicDescription description;
        try {
            description = await(admin.describeTopics(List.of(topic)).allTopicNames(), timeout,
                    "describe topic '" + topic + "'").get(topic);
        } catch (OpsException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new OpsException("topic '" + topic + "' does not exist", e.getCause());
            }
            throw e;
        }
        return description.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private boolean topicExists(String topic) {
        return await(admin.listTopics(new ListTopicsOptions().listInternal(false)).names(), timeout, "list topics")
                .contains(topic);
    }

    private void createParkingTopic(String parkingTopic, String dlqTopic) {
        if (topicExists(parkingTopic)) {
            return;
        }
        TopicDescription dlq = await(admin.describeTopics(List.of(dlqTopic)).allTopicNames(), timeout,
                "describe topic '" + dlqTopic + "'").get(dlqTopic);
        short replication = (short) dlq.partitions().get(0).replicas().size();
        try {
            await(admin.createTopics(List.of(new NewTopic(parkingTopic, dlq.partitions().size(), replication)))
                    .all(), timeout, "create parking topic '" + parkingTopic + "'");
        } catch (OpsException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer(String group) {
        Map<String, Object> props = ClientProps.connection(clientConfig);
        if (group != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, group == null ? "finflow-dlq-show" : "finflow-dlq-replay");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<byte[], byte[]> producer(String group) {
        Map<String, Object> props = ClientProps.connection(clientConfig);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "finflow-dlq-replay");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
