package io.finflow.kafka.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicCatalogTest {

    @Test
    void bundledCatalogDeclaresTheFiveFinFlowTopicsWithKeysAndDeadLetterTopics() {
        TopicCatalog catalog = TopicCatalog.fromClasspath("dev");
        assertThat(catalog.topics()).extracting(TopicSpec::name).containsExactly(
                "transaction-events", "user-events", "notification-events", "system-events", "analytics-events",
                "account-balances");
        assertThat(catalog.require("account-balances").isCompacted()).isTrue();
        TopicSpec tx = catalog.require("transaction-events");
        assertThat(tx.keyField()).isEqualTo("accountId");
        assertThat(tx.eventType()).isEqualTo("transaction");
        assertThat(tx.retentionMs()).as("event sourcing keeps transactions forever").isEqualTo(-1L);
        assertThat(tx.dlqTopic()).isEqualTo("transaction-events.dlq");
        assertThat(catalog.find("transaction-events.dlq")).get().extracting(TopicSpec::dlqTopic).isNull();
        assertThat(catalog.allTopics()).hasSize(12);
    }

    @Test
    void profilesChangeReplicationWithoutDuplicatingTheCatalog() {
        TopicSpec dev = TopicCatalog.fromClasspath("dev").require("user-events");
        TopicSpec prod = TopicCatalog.fromClasspath("prod").require("user-events");
        assertThat(dev.replicationFactor()).isEqualTo((short) 1);
        assertThat(dev.minInsyncReplicas()).isEqualTo(1);
        assertThat(prod.replicationFactor()).isEqualTo((short) 3);
        assertThat(prod.minInsyncReplicas()).isEqualTo(2);
        assertThat(prod.partitions()).isEqualTo(dev.partitions());
        assertThat(prod.topicConfigs()).containsEntry("min.insync.replicas", "2")
                .containsEntry("retention.ms", String.valueOf(Duration.ofDays(90).toMillis()))
                .containsEntry("cleanup.policy", "delete");
    }

    @Test
    void aPrefixedCopyRenamesEveryTopicAndItsDeadLetterTopic() {
        TopicCatalog catalog = TopicCatalog.fromClasspath("dev").withPrefix("demo1.");
        assertThat(catalog.topicForEventType("transaction").name()).isEqualTo("demo1.transaction-events");
        assertThat(catalog.require("demo1.transaction-events").dlqTopic()).isEqualTo("demo1.transaction-events.dlq");
        assertThat(catalog.find("demo1.transaction-events.dlq")).isPresent();
        assertThat(catalog.allTopics()).allSatisfy(t -> assertThat(t.name()).startsWith("demo1."));
        assertThatThrownBy(() -> catalog.topicForEventType("payment"))
                .hasMessageContaining("no topic carries 'payment' events");
    }

    @Test
    void unknownTopicAndProfileAreNamed() {
        TopicCatalog catalog = TopicCatalog.fromClasspath("dev");
        assertThatThrownBy(() -> catalog.require("payments"))
                .isInstanceOf(UnknownTopicException.class)
                .hasMessageContaining("'payments'")
                .hasMessageContaining("transaction-events");
        assertThatThrownBy(() -> TopicCatalog.fromClasspath("staging"))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("unknown profile 'staging'")
                .hasMessageContaining("dev, prod");
    }

    @Test
    void invalidCatalogFilesAreRefusedWithTheFileAndTheProblem(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("topics.yaml");
        Files.writeString(file, """
                profiles:
                  dev: {replicationFactor: 1, minInsyncReplicas: 1}
                topics:
                  - {name: a, eventType: x, key: id, partitions: 0}
                """);
        assertThatThrownBy(() -> TopicCatalog.load(file, "dev"))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("partitions must be >= 1 for topic 'a', was 0")
                .hasMessageContaining(file.toString());

        Files.writeString(file, """
                profiles:
                  dev: {replicationFactor: 1, minInsyncReplicas: 2}
                topics:
                  - {name: a, eventType: x, key: id, partitions: 1}
                """);
        assertThatThrownBy(() -> TopicCatalog.load(file, "dev"))
                .hasMessageContaining("minInsyncReplicas must be between 1 and the replication factor (1)");

        Files.writeString(file, """
                profiles:
                  dev: {replicationFactor: 1, minInsyncReplicas: 1}
                topics:
                  - {name: a, eventType: x, key: id, partitions: 1, retention: 7 days}
                """);
        assertThatThrownBy(() -> TopicCatalog.load(file, "dev"))
                .hasMessageContaining("retention of topic 'a' must be an ISO-8601 duration");

        Files.writeString(file, """
                profiles:
                  dev: {replicationFactor: 1, minInsyncReplicas: 1}
                topics:
                  - {name: a, eventType: x, key: id, partitions: 1, partitons: 3}
                """);
        assertThatThrownBy(() -> TopicCatalog.load(file, "dev"))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("partitons");

        assertThatThrownBy(() -> TopicCatalog.load(dir.resolve("missing.yaml"), "dev"))
                .hasMessageContaining("does not exist");
    }
}
