package io.finflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.event.AnalyticsEvent;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.FinFlowEvent;
import io.finflow.kafka.event.NotificationEvent;
import io.finflow.kafka.event.SystemEvent;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.event.UserEvent;
import io.finflow.kafka.producer.ProducerOptions;
import io.finflow.kafka.producer.SendResult;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.KafkaExtension;
import io.finflow.kafka.testkit.junit.TestNames;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class EventProducerIT {

    static ProducerOptions options(EmbeddedKafka kafka, TopicCatalog catalog) {
        return ProducerOptions.builder(ClientConfig.of(kafka.bootstrapServers()), "/finflow/test").catalog(catalog)
                .build();
    }

    @Test
    void tenThousandMixedEventsAreReadableByPlainClientsWithKeysPartitionsHeadersAndExactAmounts(
            EmbeddedKafka kafka, TestNames names) throws Exception {
        TopicCatalog catalog = TestCatalog.create(kafka, names);
        String tx = TestCatalog.topic(catalog, "transaction-events");
        String users = TestCatalog.topic(catalog, "user-events");
        String notifications = TestCatalog.topic(catalog, "notification-events");
        String system = TestCatalog.topic(catalog, "system-events");
        String analytics = TestCatalog.topic(catalog, "analytics-events");
        String[] amounts = {"100.50", "0.01", "0.10", "99999999.99", "12.00", "7"};

        Map<String, FinFlowEvent> sentById = new HashMap<>();
        Map<String, String> topicById = new HashMap<>();
        List<CompletableFuture<SendResult>> futures = new ArrayList<>();
        try (EventProducer producer = EventProducer.create(options(kafka, catalog))) {
            for (int i = 0; i < 10_000; i++) {
                String topic;
                FinFlowEvent event;
                switch (i % 5) {
                    case 0 -> {
                        topic = tx;
                        event = i % 10 == 0
                                ? TransactionEvent.debit("acc-" + (i % 97), amounts[i % amounts.length], "EUR")
                                : TransactionEvent.credit("acc-" + (i % 97), amounts[i % amounts.length], "USD");
                    }
                    case 1 -> {
                        topic = users;
                        event = UserEvent.registered("user-" + (i % 50), "user" + i + "@example.com", "DE");
                    }
                    case 2 -> {
                        topic = notifications;
                        event = NotificationEvent.of("user-" + (i % 50), NotificationEvent.Channel.EMAIL,
                                "large-debit", Map.of("amount", "100.50"));
                    }
                    case 3 -> {
                        topic = system;
                        event = SystemEvent.startup("svc-" + (i % 4), "1.0." + i, "host-1");
                    }
                    default -> {
                        topic = analytics;
                        event = AnalyticsEvent.pageView("session-" + (i % 200), "/accounts/" + i);
                    }
                }
                sentById.put(event.eventId(), event);
                topicById.put(event.eventId(), topic);
                futures.add(producer.send(topic, event));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        }
        for (CompletableFuture<SendResult> f : futures) {
            SendResult r = f.join();
            assertThat(r.offset()).isGreaterThanOrEqualTo(0);
            assertThat(r.topic()).isEqualTo(topicById.get(r.eventId()));
        }

        List<ConsumerRecord<String, byte[]>> records = readAll(kafka, catalog, 10_000);
        assertThat(records).hasSize(10_000);
        Map<String, Integer> partitionCount = new HashMap<>();
        catalog.topics().forEach(s -> partitionCount.put(s.name(), s.partitions()));
        for (ConsumerRecord<String, byte[]> record : records) {
            Map<String, String> headers = headers(record);
            String id = headers.get("ce_id");
            FinFlowEvent sent = sentById.remove(id);
            assertThat(sent).as("record %s was sent exactly once", id).isNotNull();
            JsonNode json = EventJson.mapper().readTree(record.value());
            String keyField = catalog.require(record.topic()).keyField();
            assertThat(record.key()).isEqualTo(json.get(keyField).asText());
            int expectedPartition = Utils.toPositive(Utils.murmur2(record.key().getBytes(StandardCharsets.UTF_8)))
                    % partitionCount.get(record.topic());
            assertThat(record.partition()).as("partition by key").isEqualTo(expectedPartition);
            assertThat(headers).containsEntry("ce_specversion", "1.0")
                    .containsEntry("ce_source", "/finflow/test")
                    .containsEntry("content-type", "application/json")
                    .containsKeys("ce_time", "ce_dataschema", "ce_type");
            assertThat(headers.get("ce_type")).startsWith("io.finflow.");
            assertThat(headers.get("ce_dataschema")).startsWith("https://schemas.finflow.io/");
            if (sent instanceof TransactionEvent t) {
                assertThat(json.get("amount").isTextual()).as("amount is a JSON string").isTrue();
                assertThat(json.get("amount").asText()).isEqualTo(t.amount().toPlainString());
                TransactionEvent back = EventJson.mapper().treeToValue(json, TransactionEvent.class);
                assertThat(back.amount()).isEqualTo(t.amount()); // BigDecimal.equals: same scale too
                assertThat(back).isEqualTo(t);
            }
        }
        assertThat(sentById).as("every sent event was read").isEmpty();
    }


    static Map<String, String> headers(ConsumerRecord<?, ?> record) {
        Map<String, String> out = new HashMap<>();
        for (Header h : record.headers()) {
            out.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        return out;
    }

    static List<ConsumerRecord<String, byte[]>> readAll(EmbeddedKafka kafka, TopicCatalog catalog, int expected) {
        List<TopicPartition> partitions = new ArrayList<>();
        catalog.topics().forEach(s -> {
            for (int p = 0; p < s.partitions(); p++) {
                partitions.add(new TopicPartition(s.name(), p));
            }
        });
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.clientProperties(),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            // One more poll proves nothing extra is there.
            consumer.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        return out;
    }

}
