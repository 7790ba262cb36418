package io.finflow.kafka.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaExtension.class)
class EmbeddedKafkaIT {

    @Test
    void plainClientsProduceAndConsumeOnTheSharedBroker(EmbeddedKafka kafka, TestNames names) throws Exception {
        String topic = names.topic();
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            // Produce only once every partition has a leader that answers (see DemoRunner.awaitLeaders).
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> request = new HashMap<>();
            for (int p = 0; p < 3; p++) {
                request.put(new org.apache.kafka.common.TopicPartition(topic, p), org.apache.kafka.clients.admin.OffsetSpec.latest());
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> admin.listOffsets(request).all().get(5, TimeUnit.SECONDS).size() == 3);
        }
        int count = 500;
        try (KafkaProducer<String, String> producer = producer(kafka)) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + (i % 7), "value-" + i));
            }
            producer.flush();
        }
        List<ConsumerRecord<String, String>> read = readAll(kafka, topic, names.group(), count);
        assertThat(read).hasSize(count);
        assertThat(read).extracting(ConsumerRecord::value).doesNotHaveDuplicates();
        assertThat(read.stream().map(ConsumerRecord::partition).distinct().count()).isEqualTo(3);
    }

    @Test
    void autoCreationIsOffSoAnUnknownTopicIsNotCreated(EmbeddedKafka kafka, TestNames names) throws Exception {
        String topic = names.topic();
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000);
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", "v")).get(10, TimeUnit.SECONDS))
                    .hasMessageContaining(topic);
        }
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            assertThat(topics).doesNotContain(topic);
        }
    }

    @Test
    void dataInAGivenFolderSurvivesARestartAndCloseIsIdempotent(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("kafka-data");
        EmbeddedKafka first = EmbeddedKafka.builder().dataDir(data).start();
        try (KafkaProducer<String, String> producer = producer(first)) {
            try (Admin admin = Admin.create(first.clientProperties())) {
                admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            producer.send(new ProducerRecord<>("kept", "k", "survives")).get(30, TimeUnit.SECONDS);
        }
        first.close();
        first.close();
        assertThat(Files.exists(data)).as("given data folder is kept").isTrue();

        try (EmbeddedKafka second = EmbeddedKafka.builder().dataDir(data).start()) {
            List<ConsumerRecord<String, String>> read = readAll(second, "kept", "restart-group", 1);
            assertThat(read).extracting(ConsumerRecord::value).containsExactly("survives");
        }
    }

    @Test
    void temporaryDataIsDeletedOnClose() {
        EmbeddedKafka kafka = EmbeddedKafka.builder().start();
        Path data = kafka.dataDir();
        assertThat(Files.exists(data)).isTrue();
        kafka.close();
        assertThat(Files.exists(data)).isFalse();
    }

    @Test
    void aTakenPortIsRefusedWithAClearMessage(EmbeddedKafka kafka) {
        int taken = Integer.parseInt(kafka.bootstrapServers().substring(kafka.bootstrapServers().lastIndexOf(':') + 1));
        assertThatThrownBy(() -> EmbeddedKafka.builder().port(taken).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("port " + taken)
                .hasMessageContaining("already in use");
    }

    static KafkaProducer<String, String> producer(KafkaBroker kafka) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    static List<ConsumerRecord<String, String>> readAll(KafkaBroker kafka, String topic, String group, int expected) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
