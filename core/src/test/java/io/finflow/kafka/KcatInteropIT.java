package io.finflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.consumer.ConsumerOptions;
import io.finflow.kafka.consumer.EventMetadata;
import io.finflow.kafka.event.AnalyticsEvent;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.producer.Compression;
import io.finflow.kafka.producer.ProducerOptions;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.KafkaExtension;
import io.finflow.kafka.testkit.junit.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The kcat commands of docs/wire-format.md ("From kcat"), run as written there against the shared broker:
 * kcat produces transaction events that EventConsumer accepts on the partitions Java would pick, and reads
 * the zstd analytics-events that EventProducer wrote, with their CloudEvents headers.
 */
@ExtendWith(KafkaExtension.class)
class KcatInteropIT {

    @Test
    void eventsProducedWithKcatAsDocumentedAreAcceptedByEventConsumer(EmbeddedKafka kafka, TestNames names)
            throws Exception {
        InteropTopics t = InteropTopics.create(kafka, names, "transaction-events");
        List<ObjectNode> events = InteropSamples.transaction().valid();
        for (ObjectNode e : events) {
            // As in the docs: one kcat run per event, its key before the '|', its own ce_id and ce_time.
            String line = e.get("accountId").asText() + "|" + EventJson.mapper().writeValueAsString(e) + "\n";
            Run run = kcat(line, "-P", "-b", kafka.bootstrapServers(), "-t", t.name(), "-K", "|", "-z", "lz4",
                    "-X", "enable.idempotence=true", "-X", "partitioner=murmur2_random",
                    "-H", "ce_specversion=1.0", "-H", "ce_id=" + e.get("eventId").asText(),
                    "-H", "ce_source=/finflow/kcat", "-H", "ce_type=io.finflow.transaction",
                    "-H", "ce_time=" + e.get("occurredAt").asText(),
                    "-H", "ce_dataschema=https://schemas.finflow.io/transaction/v2.json",
                    "-H", "content-type=application/json");
            assertThat(run.exitCode()).as("%s", run).isZero();
        }

        Map<String, TransactionEvent> received = new ConcurrentHashMap<>();
        Map<String, EventMetadata> metadata = new ConcurrentHashMap<>();
        try (EventConsumer consumer = EventConsumer.create(ConsumerOptions.builder(
                ClientConfig.of(kafka.bootstrapServers()), names.group()).catalog(t.catalog()).build())) {
            consumer.subscribe(t.name(), TransactionEvent.class, (tx, meta) -> {
                received.put(tx.eventId(), tx);
                metadata.put(tx.eventId(), meta);
            }).start();
            await().atMost(Duration.ofSeconds(60)).until(() -> received.size() == events.size());
            assertThat(consumer.stats().deadLettered()).isZero();
        }
        for (ObjectNode e : events) {
            TransactionEvent tx = received.get(e.get("eventId").asText());
            assertThat(tx.amount().toPlainString()).isEqualTo(e.get("amount").asText());
            EventMetadata meta = metadata.get(tx.eventId());
            assertThat(meta.partition()).as("kcat with partitioner=murmur2_random partitions like Java")
                    .isEqualTo(t.partitionOf(tx.accountId()));
            assertThat(meta.schemaVersion()).isEqualTo(2);
            assertThat(meta.headers()).containsEntry("ce_source", "/finflow/kcat").containsEntry("ce_id", tx.eventId());
        }
    }

    @Test
    void kcatReadsTheZstdAnalyticsEventsWithTheirHeadersAsDocumented(EmbeddedKafka kafka, TestNames names)
            throws Exception {
        InteropTopics t = InteropTopics.create(kafka, names, "analytics-events");
        List<AnalyticsEvent> sent = List.of(AnalyticsEvent.pageView("sess-1", "/accounts/overview"),
                AnalyticsEvent.of("sess-2", AnalyticsEvent.CLICK, Map.of("button", "transfer", "step", 2)));
        try (EventProducer producer = EventProducer.create(ProducerOptions.builder(
                ClientConfig.of(kafka.bootstrapServers()), "/finflow/web-collector").catalog(t.catalog())
                .compression(Compression.of(t.producerCodec())).build())) {
            List<CompletableFuture<?>> acks = new ArrayList<>();
            sent.forEach(e -> acks.add(producer.send(t.name(), e)));
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        assertThat(t.producerCodec()).isEqualTo("zstd");

        Run run = kcat("", "-C", "-b", kafka.bootstrapServers(), "-t", t.name(), "-o", "beginning", "-e", "-q",
                "-f", "key=%k partition=%p offset=%o headers=%h\\n%s\\n");

        assertThat(run.exitCode()).as("%s", run).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(2 * sent.size());
        Map<String, JsonNode> values = new HashMap<>();
        Map<String, String> headerLines = new HashMap<>();
        for (int i = 0; i < lines.size(); i += 2) {
            JsonNode value = EventJson.mapper().readTree(lines.get(i + 1));
            values.put(value.get("eventId").asText(), value);
            headerLines.put(value.get("eventId").asText(), lines.get(i));
        }
        for (AnalyticsEvent e : sent) {
            assertThat(values.get(e.eventId())).isEqualTo(EventJson.readTree(EventJson.toBytes(e)));
            assertThat(headerLines.get(e.eventId())).startsWith("key=" + e.sessionId() + " partition=")
                    .contains("ce_id=" + e.eventId(), "ce_type=io.finflow.analytics", "ce_source=/finflow/web-collector",
                            "ce_dataschema=https://schemas.finflow.io/analytics/v1.json",
                            "content-type=application/json");
        }
    }

    private static Run kcat(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kcat"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("kcat", ".out");
        Path err = Files.createTempFile("kcat", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("kcat finished").isTrue();
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "kcat exit " + exitCode + "\nstdout: " + out + "\nstderr: " + err;
        }
    }
}
