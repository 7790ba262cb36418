package io.finflow.examples;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.TransactionEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Event sourcing: rebuilds every balance from offset 0 of {@code transaction-events} with
 * {@link TransactionRule}, without a consumer group, up to the end offsets at the time of the call
 * ({@code read_committed}). Transfer legs written by the accounting service are skipped (a transfer's
 * two moves come from the transfer event), and so are records that are not valid transactions (the
 * poison the consumers dead-lettered).
 */
public final class BalanceRebuilder {

    /**
     * The rebuilt ledger and what was read.
     *
     * @param ledger         balances and move counts rebuilt from the transaction events
     * @param recordsRead    records read, of every kind
     * @param legsSkipped    transfer legs skipped
     * @param invalidSkipped records skipped because they are not transaction events
     */
    public record Result(Ledger ledger, long recordsRead, long legsSkipped, long invalidSkipped) {

        /** Transaction events applied (read, minus legs and invalid records). */
        public long transactionEvents() {
            return recordsRead - legsSkipped - invalidSkipped;
        }
    }

    private BalanceRebuilder() {
    }

    /** Reads the whole topic once and applies every transaction event (not the legs) with the ledger rules. */
    public static Result rebuild(ClientConfig config, String topic) {
        Ledger ledger = new Ledger();
        long[] counts = new long[3];
        readToEnd(config, topic, record -> {
            counts[0]++;
            if (LedgerRestorer.legOf(record) != null) {
                counts[1]++;
                return;
            }
            TransactionEvent tx;
            try {
                tx = EventJson.fromBytes(record.value(), TransactionEvent.class);
            } catch (RuntimeException notATransaction) {
                counts[2]++;
                return;
            }
            ledger.apply(tx);
        });
        return new Result(ledger, counts[0], counts[1], counts[2]);
    }

    /**
     * Hands every record of a topic, from the beginning up to the end offsets at the time of the
     * call, to {@code sink}, each partition in offset order; read_committed, no consumer group.
     */
    static void readToEnd(ClientConfig config, String topic, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        Map<String, Object> props = config.toMap();
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", false);
        props.put("max.poll.records", 2000);
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " did not reach the end offsets in 5 minutes");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        sink.accept(record);
                    }
                }
            }
        }
    }

    /**
     * Hands the records of one partition from {@code from} up to {@code until} (exclusive) to
     * {@code sink}; read_committed, so transaction markers and aborted records are not records. Gives
     * up after 30 s (an open transaction holds the read back).
     */
    static void readRange(ClientConfig config, TopicPartition partition, long from, long until,
                          Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        Map<String, Object> props = config.toMap();
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", false);
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, from);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(partition) < until && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.offset() < until) {
                        sink.accept(record);
                    }
                }
            }
        }
    }
}
