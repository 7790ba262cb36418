package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.KafkaExtension;
import io.finflow.kafka.testkit.junit.TestNames;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaExtension.class)
class TailProduceCommandIT {

    @TempDir
    Path dir;

    private Kafka kafka;
    private TestNames names;
    private String topic;
    private Path catalog;

    @BeforeEach
    void setUp(EmbeddedKafka broker, TestNames names) throws Exception {
        this.kafka = new Kafka(broker);
        this.names = names;
        topic = names.topic("system");
        catalog = Kafka.catalog(dir, "topics.yaml", 2, "P1D", topic);
        CliRun apply = kafka.run("topics", "apply", "--catalog", catalog.toString());
        assertThat(apply.exitCode()).as(apply.describe()).isZero();
        kafka.awaitLeaders(topic);
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    private static String event(String service, String type) {
        return "{\"eventId\":\"" + UUID.randomUUID() + "\",\"service\":\"" + service + "\",\"type\":\"" + type
                + "\",\"occurredAt\":\"2026-01-01T10:00:00Z\"}";
    }

    @Test
    void produceSendsAValidFileAndTailShowsEachEventValidWithItsHeaders() throws Exception {
        Path file = dir.resolve("events.jsonl");
        Files.write(file, List.of(event("billing-service", "startup"), "", "# a comment",
                event("billing-service", "shutdown"), event("ledger-service", "startup")));
        CliRun produce = kafka.run("produce", topic, "--file", file.toString(), "--catalog", catalog.toString());
        assertThat(produce.exitCode()).as(produce.describe()).isZero();
        assertThat(produce.out()).startsWith("Sent 3 event(s) from " + file + " to " + topic);
        List<ConsumerRecord<byte[], byte[]>> sent = kafka.readAll(topic);
        assertThat(sent).hasSize(3);

        CliRun tail = kafka.run("tail", topic, "--from-beginning", "--limit", "3", "--catalog", catalog.toString());
        assertThat(tail.exitCode()).as(tail.describe()).isZero();
        assertThat(tail.out()).containsPattern("partition \\d offset 0  \\S+  key billing-service")
                .containsPattern("headers ce_specversion=1.0 ce_id=[0-9a-f-]{36} ce_source=/finflow/cli"
                        + " ce_type=io.finflow.system ce_time=2026-01-01T10:00:00Z"
                        + " ce_dataschema=https://schemas.finflow.io/system/v1.json")
                .contains("value   {\"eventId\"")
                .contains("key ledger-service");
        assertThat(tail.out().lines().filter(l -> l.equals("  valid (system v1)")).count()).isEqualTo(3);
    }

    @Test
    void produceReportsEveryBadLineWithItsNumberAndSendsNothing() throws Exception {
        Path file = dir.resolve("events.jsonl");
        Files.write(file, List.of(event("billing-service", "startup"), "{not json",
                event("Billing Service", "startup"), event("billing-service", "reboot"),
                event("billing-service", "shutdown")));
        CliRun run = kafka.run("produce", topic, "--file", file.toString(), "--catalog", catalog.toString());
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.FAILURE);
        List<String> lines = run.err().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith(file + ":2: not valid JSON");
        assertThat(lines.get(1)).startsWith(file + ":3: event rejected by schema system v1: /service:");
        assertThat(lines.get(2)).startsWith(file + ":4: event rejected by schema system v1: /type:");
        assertThat(lines.get(3)).isEqualTo("finflow: error: 3 bad line(s) in " + file + ": nothing was sent to "
                + topic);
        assertThat(kafka.logEnds(topic).values()).as("nothing sent").containsOnly(0L);

        CliRun unknown = kafka.run("produce", names.topic("unknown"), "--file", file.toString(), "--catalog",
                catalog.toString());
        assertThat(unknown.exitCode()).as(unknown.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err().lines()).hasSize(1);
    }

    @Test
    void tailShowsViolationsOfForeignRecordsAndCommitsWithAGroup() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            producer.send(new ProducerRecord<>(topic, 0, Kafka.bytes("svc"),
                    Kafka.bytes("{\"service\":\"svc\",\"type\":\"explode\"}"))).get();
            producer.send(new ProducerRecord<>(topic, 0, Kafka.bytes("svc"), Kafka.bytes("plain text"))).get();
        }
        String group = names.group();
        CliRun tail = kafka.run("tail", topic, "--from-beginning", "--limit", "2", "--group", group,
                "--catalog", catalog.toString());
        assertThat(tail.exitCode()).as(tail.describe()).isZero();
        assertThat(tail.out()).contains("headers (no ce_* headers)")
                .contains("INVALID (system v1): /eventId: is required")
                .contains("/type: ")
                .contains("INVALID: value is not valid JSON");
        assertThat(kafka.committed(group, topic)).isEqualTo(Map.of(0, 2L));

        String other = names.topic("foreign");
        kafka.createTopic(other, 1);
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            producer.send(new ProducerRecord<>(other, Kafka.bytes("k"), Kafka.bytes("{}"))).get();
        }
        CliRun json = kafka.run("tail", other, "--from-beginning", "--limit", "1", "-o", "json", "--catalog",
                catalog.toString());
        assertThat(json.exitCode()).as(json.describe()).isZero();
        JsonNode line = new ObjectMapper().readTree(json.out().lines().findFirst().orElseThrow());
        assertThat(line.at("/validation/status").asText()).isEqualTo("UNCHECKED");
        assertThat(line.at("/offset").asLong()).isZero();
        assertThat(line.at("/key").asText()).isEqualTo("k");
        assertThat(kafka.committed(names.group(), other)).as("no group without --group").isEmpty();
    }

    @Test
    void tailAcceptsANewerSchemaVersionOfTheTopicsTypeAsTheConsumerDoes() throws Exception {
        // Written by a producer that already knows system v99 (a rolling upgrade): the consumer reads it,
        // so tail must not call it INVALID. Another type's schema stays invalid for this topic.
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            ProducerRecord<byte[], byte[]> newer = new ProducerRecord<>(topic, 0, Kafka.bytes("billing-service"),
                    Kafka.bytes(event("billing-service", "startup").replace("}", ",\"region\":\"eu-west-1\"}")));
            newer.headers().add("ce_dataschema", Kafka.bytes("https://schemas.finflow.io/system/v99.json"));
            producer.send(newer).get();
            ProducerRecord<byte[], byte[]> foreign = new ProducerRecord<>(topic, 0, Kafka.bytes("billing-service"),
                    Kafka.bytes(event("billing-service", "startup")));
            foreign.headers().add("ce_dataschema", Kafka.bytes("https://schemas.finflow.io/user/v99.json"));
            producer.send(foreign).get();
        }
        CliRun tail = kafka.run("tail", topic, "--from-beginning", "--limit", "2", "--catalog", catalog.toString());
        assertThat(tail.exitCode()).as(tail.describe()).isZero();
        List<String> verdicts = tail.out().lines().filter(l -> l.startsWith("  valid") || l.startsWith("  INVALID"))
                .toList();
        assertThat(verdicts).hasSize(2);
        assertThat(verdicts.get(0)).startsWith("  valid (system v99");
        assertThat(verdicts.get(1)).startsWith("  INVALID").contains("user/v99");
    }

    @Test
    void tailOfAMissingTopicIsOneLine() {
        CliRun run = kafka.run("tail", names.topic("missing"), "--limit", "1");
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).matches("finflow: error: topic '.*-missing' does not exist\\R");
    }
}
