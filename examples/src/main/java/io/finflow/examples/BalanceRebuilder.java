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
 * Event sourcing: rebuilds every balance from offset 0 of {@code transaction-events}, without a
 * consumer group, up to the end offsets at the time of the call. Records that are not valid
 * transactions (the poison the consumers dead-lettered) are skipped and counted.
 */
public final class BalanceRebuilder {

    /** The rebuilt ledger and what was read. */
    public record Result(Ledger ledger, long recordsRead, long skipped) {
    }

    private BalanceRebuilder() {
    }

    /** Reads the whole topic once and applies every valid transaction with the ledger rules. */
    public static Result rebuild(ClientConfig config, String topic) {
        Ledger ledger = new Ledger();
        long[] counts = new long[2];
        readToEnd(config, topic, record -> {
            counts[0]++;
            try {
                ledger.apply(EventJson.fromBytes(record.value(), TransactionEvent.class));
            } catch (RuntimeException notATransaction) {
                counts[1]++;
            }
        });
        return new Result(ledger, counts[0], counts[1]);
    }

    /**
     * Hands every record of a topic, from the beginning up to the end offsets at the time of the
     * call, to {@code sink}; read_committed, no consumer group.
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
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " did not reach the end offsets in 5 minutes");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(sink);
            }
        }
    }
}
