package io.finflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.consumer.ConsumerOptions;
import io.finflow.kafka.consumer.EventMetadata;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.KafkaExtension;
import io.finflow.kafka.testkit.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.awaitility.Awaitility.await;

/**
 * A Node.js service using kafkajs (interop/kafkajs) and a Java service using this library exchange
 * FinFlow events both ways, following docs/wire-format.md.
 */
@ExtendWith(KafkaExtension.class)
class KafkajsInteropIT {

    private static final Path FIXTURE = Path.of("..", "interop", "kafkajs").toAbsolutePath().normalize();

    @Test
    void eventsFromKafkajsAreValidAndReadableInJava(EmbeddedKafka kafka, TestNames names) throws Exception {
        TopicCatalog catalog = TestCatalog.create(kafka, names);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        List<String> produced = node("produce.js", kafka.bootstrapServers(), topic, "12");
        assertThat(produced).hasSize(12);
        Map<String, JsonNode> sent = new ConcurrentHashMap<>();
        for (String line : produced) {
            JsonNode s = EventJson.mapper().readTree(line);
            sent.put(s.get("eventId").asText(), s);
        }

        Map<String, TransactionEvent> received = new ConcurrentHashMap<>();
        Map<String, EventMetadata> metadata = new ConcurrentHashMap<>();
        ConsumerOptions options = ConsumerOptions.defaults(ClientConfig.of(kafka.bootstrapServers()), names.group())
                .withCatalog(catalog);
        try (EventConsumer consumer = EventConsumer.create(options)) {
            consumer.subscribe(topic, TransactionEvent.class, (event, meta) -> {
                received.put(event.eventId(), event);
                metadata.put(event.eventId(), meta);
            }).start();
            await().atMost(java.time.Duration.ofSeconds(60)).until(() -> received.size() == 12);
            assertThat(consumer.stats().deadLettered()).as("every kafkajs event is schema-valid").isZero();
        }
        for (TransactionEvent event : received.values()) {
            JsonNode s = sent.get(event.eventId());
            assertThat(event.amount().toPlainString()).as("exact amount").isEqualTo(s.get("amount").asText());
            assertThat(metadata.get(event.eventId()).key()).isEqualTo(s.get("accountId").asText());
            assertThat(metadata.get(event.eventId()).schemaVersion()).isEqualTo(1);
            assertThat(metadata.get(event.eventId()).headers()).containsEntry("ce_source", "/finflow/node-interop");
        }
    }

    @Test
    void eventsFromEventProducerAreReadableByKafkajsWithTheirHeaders(EmbeddedKafka kafka, TestNames names)
            throws Exception {
        TopicCatalog catalog = TestCatalog.create(kafka, names);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        List<TransactionEvent> sent = new ArrayList<>();
        try (EventProducer producer = EventProducer.create(
                io.finflow.kafka.producer.ProducerOptions.defaults(ClientConfig.of(kafka.bootstrapServers()),
                        "/finflow/java-interop").withCatalog(catalog))) {
            List<CompletableFuture<?>> futures = new ArrayList<>();
            for (String amount : List.of("100.50", "0.01", "123456789.99", "7.00")) {
                TransactionEvent e = TransactionEvent.debit("java-acc", amount, "EUR");
                sent.add(e);
                futures.add(producer.send(topic, e, Map.of("traceparent",
                        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }
        List<String> lines = node("consume.js", kafka.bootstrapServers(), topic, String.valueOf(sent.size()),
                names.group());
        assertThat(lines).hasSize(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            JsonNode record = EventJson.mapper().readTree(lines.get(i));
            TransactionEvent expected = sent.get(i); // one key: one partition, in order
            assertThat(record.get("key").asText()).isEqualTo("java-acc");
            assertThat(record.at("/value/amount").asText()).isEqualTo(expected.amount().toPlainString());
            assertThat(record.at("/value/eventId").asText()).isEqualTo(expected.eventId());
            JsonNode headers = record.get("headers");
            assertThat(headers.get("ce_id").asText()).isEqualTo(expected.eventId());
            assertThat(headers.get("ce_specversion").asText()).isEqualTo("1.0");
            assertThat(headers.get("ce_type").asText()).isEqualTo("io.finflow.transaction");
            assertThat(headers.get("ce_source").asText()).isEqualTo("/finflow/java-interop");
            assertThat(headers.get("ce_dataschema").asText()).startsWith("https://schemas.finflow.io/transaction/v");
            assertThat(headers.get("content-type").asText()).isEqualTo("application/json");
            assertThat(headers.get("traceparent").asText()).startsWith("00-4bf92f3577b34da6");
        }
    }

    private static List<String> node(String script, String... args) throws IOException, InterruptedException {
        assertThat(FIXTURE.resolve("node_modules/kafkajs")).as("kafkajs installed: npm ci --prefix interop/kafkajs"
                + " (tools/test-tools.sh does it before the integration tests)").exists();
        List<String> command = new ArrayList<>(List.of("node", FIXTURE.resolve(script).toString()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile("node", ".err");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("node %s failed: %s", script, Files.readString(err)).isZero();
        Files.delete(err);
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
