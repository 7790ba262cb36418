package io.finflow.kafka.ops.groups;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the timestamp of the first record at or after given offsets with a group-less consumer
 * ({@code assign} + {@code seek}): it never joins or commits for any group.
 */
final class OffsetTimestampReader {

    private static final Logger log = LoggerFactory.getLogger(OffsetTimestampReader.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration POSITION_TIMEOUT = Duration.ofSeconds(1);
    private static final int FETCH_BYTES_PER_PARTITION = 64 * 1024;

    private final Map<String, Object> clientConfig;
    private final Duration timeout;

    OffsetTimestampReader(Map<String, Object> clientConfig, Duration timeout) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.timeout = timeout;
    }

    /**
     * For each partition and each of its positions, the timestamp of the first data record at or after the
     * position: a value when found, {@link OptionalLong#empty()} when there is no data record before
     * {@code logEnds} (only transaction markers or compacted-away offsets), no entry when it could not be
     * read within the timeout, the record carries no timestamp, or the consumer failed (for example not
     * authorized to read the topic): time lag is then unknown but offset lag is still reported.
     *
     * <p>One consumer reads everything: positions are read in rounds, each round at most one position per
     * partition (several groups on one partition at different offsets take one round each).
     */
    Map<TopicPartition, Map<Long, OptionalLong>> timestampsAt(Map<TopicPartition, ? extends Collection<Long>> positions,
                                                              Map<TopicPartition, Long> logEnds) {
        Map<TopicPartition, Map<Long, OptionalLong>> found = new HashMap<>();
        if (positions.isEmpty()) {
            return found;
        }
        List<Map<TopicPartition, Long>> rounds = rounds(positions);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(consumerConfig(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            for (Map<TopicPartition, Long> round : rounds) {
                Map<TopicPartition, OptionalLong> read = readRound(consumer, round, logEnds, deadline);
                read.forEach((tp, ts) -> found.computeIfAbsent(tp, k -> new HashMap<>()).put(round.get(tp), ts));
            }
        } catch (KafkaException e) {
            log.warn("could not read record timestamps, time lag is unknown for {}: {}", positions.keySet(),
                    e.getMessage());
        }
        return found;
    }

    /** Round k holds the k-th smallest position of every partition that has that many. */
    private static List<Map<TopicPartition, Long>> rounds(Map<TopicPartition, ? extends Collection<Long>> positions) {
        List<Map<TopicPartition, Long>> rounds = new ArrayList<>();
        positions.forEach((tp, offsets) -> {
            int k = 0;
            for (long offset : new TreeSet<>(offsets)) {
                if (rounds.size() == k) {
                    rounds.add(new HashMap<>());
                }
                rounds.get(k++).put(tp, offset);
            }
        });
        return rounds;
    }

    private Map<TopicPartition, OptionalLong> readRound(KafkaConsumer<byte[], byte[]> consumer,
                                                        Map<TopicPartition, Long> positions,
                                                        Map<TopicPartition, Long> logEnds, long deadline) {
        Map<TopicPartition, OptionalLong> found = new HashMap<>();
        consumer.assign(positions.keySet());
        positions.forEach(consumer::seek);
        Set<TopicPartition> pending = new HashSet<>(positions.keySet());
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            for (TopicPartition tp : records.partitions()) {
                if (pending.remove(tp)) {
                    ConsumerRecord<byte[], byte[]> first = records.records(tp).get(0);
                    if (first.timestamp() >= 0) {
                        found.put(tp, OptionalLong.of(first.timestamp()));
                    }
                    consumer.pause(List.of(tp));
                }
            }
            dropExhausted(consumer, pending, logEnds, found);
        }
        if (!pending.isEmpty()) {
            log.warn("no record read within {} for {}; their time lag is unknown", timeout, pending);
        }
        consumer.resume(consumer.paused());
        return found;
    }

    /** Partitions whose position reached the log end hold no data record to take a timestamp from. */
    private static void dropExhausted(KafkaConsumer<byte[], byte[]> consumer, Set<TopicPartition> pending,
                                      Map<TopicPartition, Long> logEnds, Map<TopicPartition, OptionalLong> found) {
        for (Iterator<TopicPartition> it = pending.iterator(); it.hasNext(); ) {
            TopicPartition tp = it.next();
            try {
                if (consumer.position(tp, POSITION_TIMEOUT) >= logEnds.get(tp)) {
                    found.put(tp, OptionalLong.empty());
                    it.remove();
                }
            } catch (KafkaException e) {
                log.debug("position of {} not known yet: {}", tp, e.getMessage());
            }
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> props = new HashMap<>(clientConfig);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A position before the log start (retention ran meanwhile) moves to the earliest record still there.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "finflow-ops-time-lag");
        // One record per partition is all we need; Kafka still returns a whole batch when it is larger.
        props.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, FETCH_BYTES_PER_PARTITION);
        return props;
    }
}
