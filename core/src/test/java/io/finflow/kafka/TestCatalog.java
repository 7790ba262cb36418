package io.finflow.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.catalog.TopicSpec;
import io.finflow.kafka.testkit.KafkaBroker;
import io.finflow.kafka.testkit.junit.TestNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A copy of the FinFlow catalog whose topics carry a unique prefix, created on the shared broker,
 * so that each test has its own five topics and DLQs.
 */
public final class TestCatalog {

    private TestCatalog() {
    }

    /** Writes and loads a uniquely named catalog; its topics are created on the broker. */
    public static TopicCatalog create(KafkaBroker kafka, TestNames names) {
        return create(kafka, names, true);
    }

    /** Like {@link #create(KafkaBroker, TestNames)}; {@code withDlqs=false} leaves the DLQ topics uncreated. */
    public static TopicCatalog create(KafkaBroker kafka, TestNames names, boolean withDlqs) {
        TopicCatalog catalog = load(names.topic("cat"));
        createTopics(kafka, catalog, withDlqs);
        return catalog;
    }

    /** Creates a catalog's topics and DLQs. */
    public static void createTopics(KafkaBroker kafka, TopicCatalog catalog) {
        createTopics(kafka, catalog, true);
    }

    /** Creates a catalog's DLQ topics only (e.g. later than its topics). */
    public static void createDeadLetterTopics(KafkaBroker kafka, TopicCatalog catalog) {
        create(kafka, catalog.deadLetterTopics());
    }

    private static void createTopics(KafkaBroker kafka, TopicCatalog catalog, boolean withDlqs) {
        create(kafka, withDlqs ? catalog.allTopics() : catalog.topics());
    }

    private static void create(KafkaBroker kafka, List<TopicSpec> specs) {
        List<NewTopic> topics = new ArrayList<>();
        for (TopicSpec spec : specs) {
            topics.add(new NewTopic(spec.name(), Optional.of(spec.partitions()), Optional.of(spec.replicationFactor()))
                    .configs(spec.topicConfigs()));
        }
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
            awaitLeaders(admin, topics);
        } catch (Exception e) {
            throw new IllegalStateException("could not create test topics: " + e.getMessage(), e);
        }
    }

    /**
     * Waits until every partition has a leader that answers offset requests: producing in the
     * first milliseconds after creation only earns NOT_LEADER retries.
     */
    private static void awaitLeaders(Admin admin, List<NewTopic> topics) {
        java.util.Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> request =
                new java.util.HashMap<>();
        for (NewTopic t : topics) {
            for (int p = 0; p < t.numPartitions(); p++) {
                request.put(new org.apache.kafka.common.TopicPartition(t.name(), p),
                        org.apache.kafka.clients.admin.OffsetSpec.latest());
            }
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> admin.listOffsets(request).all().get(5, TimeUnit.SECONDS).size() == request.size());
    }

    /** The bundled catalog with every topic renamed {@code <prefix>.<topic>}; nothing is created. */
    public static TopicCatalog load(String prefix) {
        return load(prefix, 0);
    }

    /** Like {@link #load(String)}, with every topic given {@code partitions} partitions (0 keeps the catalog's). */
    public static TopicCatalog load(String prefix, int partitions) {
        TopicCatalog bundled = TopicCatalog.fromClasspath("dev");
        StringBuilder yaml = new StringBuilder("""
                profiles:
                  dev: {replicationFactor: 1, minInsyncReplicas: 1}
                dlqDefaults: {partitions: 2, retention: P7D}
                topics:
                """);
        for (TopicSpec spec : bundled.topics()) {
            yaml.append("  - name: ").append(prefix).append('.').append(spec.name()).append('\n')
                    .append("    eventType: ").append(spec.eventType()).append('\n')
                    .append("    key: ").append(spec.keyField()).append('\n')
                    .append("    partitions: ").append(partitions > 0 ? partitions : spec.partitions()).append('\n')
                    .append("    cleanupPolicy: ").append(spec.cleanupPolicy()).append('\n');
        }
        try {
            Path file = Files.createTempFile("finflow-catalog", ".yaml");
            Files.writeString(file, yaml);
            TopicCatalog catalog = TopicCatalog.load(file, "dev");
            Files.delete(file);
            return catalog;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test catalog's name for a FinFlow topic, e.g. {@code transaction-events}. */
    public static String topic(TopicCatalog catalog, String finflowTopic) {
        return catalog.topics().stream().map(TopicSpec::name).filter(n -> n.endsWith("." + finflowTopic))
                .findFirst().orElseThrow();
    }
}
