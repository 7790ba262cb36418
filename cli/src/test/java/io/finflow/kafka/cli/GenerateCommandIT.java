package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.KafkaExtension;
import io.finflow.kafka.testkit.TestNames;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code finflow generate}: the demo's stream written to a cluster, counted as Kafka acknowledged it. */
@ExtendWith(KafkaExtension.class)
class GenerateCommandIT {

    @Test
    void writesTheStreamAndPrintsWhatEachTopicAcknowledged(EmbeddedKafka kafka, TestNames names) throws Exception {
        String prefix = names.topic("gen") + ".";
        TopicCatalog catalog = AccountingFaultIT.createTopics(kafka, prefix);
        CliRun run = CliRun.run("generate", "--events", "1500", "--accounts", "20", "--seed", "3",
                "--bootstrap", kafka.bootstrapServers(), "--topic-prefix", prefix, "--output", "json");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        long transactions = json.path("acknowledged").path("transaction-events").asLong();
        long poison = json.path("poisonWritten").asLong();
        assertThat(json.path("refusedAtProducer").size()).as("schema-invalid events refused, by defect").isPositive();
        assertThat(poison).isPositive();
        assertThat(json.path("sendFailures").asLong()).isZero();
        assertThat(json.path("acknowledged").path("user-events").asLong()).as("one registration per account")
                .isEqualTo(20);
        try (Kafka k = new Kafka(kafka)) {
            List<ConsumerRecord<byte[], byte[]>> records = k.readAll(catalog.topicForEventType("transaction").name());
            assertThat(records).as("every acknowledged transaction and every poison record is in the topic, nothing else")
                    .hasSize((int) (transactions + poison));
            assertThat(k.readAll(catalog.topicForEventType("analytics").name()))
                    .hasSize(json.path("acknowledged").path("analytics-events").asInt());
            Set<TransactionEvent.Status> statuses = EnumSet.noneOf(TransactionEvent.Status.class);
            for (ConsumerRecord<byte[], byte[]> r : records) {
                try {
                    statuses.add(EventJson.fromBytes(r.value(), TransactionEvent.class).status());
                } catch (RuntimeException poisonRecord) {
                    // written raw on purpose
                }
            }
            assertThat(statuses).as("the transaction lifecycle").containsExactlyInAnyOrder(TransactionEvent.Status.values());
        }
    }

    @Test
    void printsATableForPeople(EmbeddedKafka kafka, TestNames names) {
        String prefix = names.topic("gen") + ".";
        AccountingFaultIT.createTopics(kafka, prefix);
        CliRun run = CliRun.run("generate", "--events", "300", "--accounts", "10", "--bootstrap",
                kafka.bootstrapServers(), "--topic-prefix", prefix);
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).contains("Generated 300 events (seed 42, 10 accounts)")
                .contains("Acknowledged by Kafka").contains("transaction-events").contains("user-events");
    }

    @Test
    void badArgumentsAreUsageErrorsAndMissingTopicsAFailure(EmbeddedKafka kafka, TestNames names) {
        CliRun zero = CliRun.run("generate", "--events", "0");
        assertThat(zero.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(zero.err()).contains("--events must be >= 1, was 0");
        CliRun rate = CliRun.run("generate", "--events", "10", "--rate", "-5");
        assertThat(rate.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(rate.err()).contains("--rate must be a number of events per second >= 0, was -5.0");
        CliRun missing = CliRun.run("generate", "--events", "10", "--bootstrap", kafka.bootstrapServers(),
                "--topic-prefix", names.topic("none") + ".");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(missing.err()).contains("do not exist");
    }
}
