package io.finflow.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.consumer.ConsumerOptions;
import io.finflow.kafka.consumer.RetryPolicy;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.producer.ProducerOptions;
import io.finflow.kafka.testkit.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Small helpers shared by the consumer integration tests. */
final class ConsumerTestSupport {

    private ConsumerTestSupport() {
    }

    static ConsumerOptions consumerOptions(KafkaBroker kafka, TopicCatalog catalog, String group) {
        return ConsumerOptions.builder(ClientConfig.of(kafka.bootstrapServers()), group)
                .catalog(catalog)
                .retry(RetryPolicy.builder().initialBackoff(Duration.ofMillis(50)).maxBackoff(Duration.ofMillis(400))
                        .build())
                .commitInterval(Duration.ofMillis(200)).build();
    }

    static ProducerOptions producerOptions(KafkaBroker kafka, TopicCatalog catalog) {
        return ProducerOptions.builder(ClientConfig.of(kafka.bootstrapServers()), "/finflow/test").catalog(catalog)
                .build();
    }

    /** Sends transactions for {@code accounts} accounts round-robin; returns them in send order. */
    static List<TransactionEvent> sendTransactions(KafkaBroker kafka, TopicCatalog catalog, String topic, int count,
                                                   int accounts) throws Exception {
        List<TransactionEvent> sent = new ArrayList<>();
        try (EventProducer producer = EventProducer.create(producerOptions(kafka, catalog))) {
            List<CompletableFuture<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                TransactionEvent e = TransactionEvent.credit("acc-" + (i % accounts), (i % 100 + 1) + ".00", "EUR");
                sent.add(e);
                futures.add(producer.send(topic, e));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        }
        return sent;
    }

    /** Writes raw bytes past the producer's validation, as a broken foreign client would. */
    static void sendRaw(KafkaBroker kafka, String topic, String key, byte[] value, Map<String, String> headers)
            throws Exception {
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(kafka.clientProperties(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
            headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            raw.send(record).get(30, TimeUnit.SECONDS);
        }
    }

    /** Everything in a topic, from the beginning, read without a group. */
    static List<ConsumerRecord<byte[], byte[]>> readTopic(KafkaBroker kafka, String topic, int expected, Duration max) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.clientProperties(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + max.toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    /** Committed offsets of a group, per partition. */
    static Map<TopicPartition, Long> committed(KafkaBroker kafka, String group) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, Long> out = new HashMap<>();
            offsets.forEach((tp, om) -> {
                if (om != null) {
                    out.put(tp, om.offset());
                }
            });
            return out;
        }
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
