package io.finflow.kafka.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.finflow.kafka.catalog.CatalogException;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.schema.SchemaRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad topic catalog files ({@code config/topics.yaml}): each is refused by {@link TopicCatalog#load} with a
 * {@link CatalogException} naming the file, where the problem is (topic, key path, line) and what is wrong. A
 * refused catalog creates nothing: {@code BadCliInputIT} checks that {@code finflow topics apply} leaves the
 * cluster untouched.
 */
@Tag("reliability")
class BadCatalogTest {

    private static final String PROFILES = """
            profiles:
              dev: {replicationFactor: 1, minInsyncReplicas: 1}
            dlqDefaults: {partitions: 2, retention: P7D}
            topics:
            """;
    private static final BadInputSummary SUMMARY = new BadInputSummary("topics.yaml (TopicCatalog.load)");

    @TempDir
    static Path dir;

    /** A catalog of one topic whose entry is {@code entry} (a YAML flow mapping or block). */
    private static String topic(String entry) {
        return PROFILES + "  - " + entry + "\n";
    }

    private static final String GOOD = "{name: payments-events, eventType: system, key: service, partitions: 3";

    static Stream<Arguments> badCatalogs() {
        return Stream.of(
                arguments("partitions 0", topic(GOOD.replace("partitions: 3", "partitions: 0") + "}"),
                        new String[] {"partitions must be >= 1 for topic 'payments-events', was 0"}),
                arguments("partitions negative", topic(GOOD.replace("partitions: 3", "partitions: -4") + "}"),
                        new String[] {"partitions must be >= 1", "was -4"}),
                arguments("partitions not a number", topic(GOOD.replace("partitions: 3", "partitions: many") + "}"),
                        new String[] {"topics[0].partitions must be a whole number, was 'many'", "line 5"}),
                arguments("partitions a fraction", topic(GOOD.replace("partitions: 3", "partitions: 1.5") + "}"),
                        new String[] {"topics[0].partitions must be a whole number, was '1.5'"}),
                arguments("partitions beyond int", topic(GOOD.replace("partitions: 3", "partitions: 99999999999") + "}"),
                        new String[] {"topics[0].partitions must be a whole number", "was 99999999999"}),
                arguments("partitions missing", topic(GOOD.replace(", partitions: 3", "") + "}"),
                        new String[] {"topic 'payments-events' has no partitions"}),
                arguments("unknown key (typo)", topic(GOOD + ", partitons: 6}"),
                        new String[] {"unknown key 'partitons' in topics[0]", "allowed keys: cleanupPolicy"}),
                arguments("per-topic dlq key", topic(GOOD + ", dlq: {partitions: 1}}"),
                        new String[] {"unknown key 'dlq' in topics[0]", "dlqDefaults"}),
                arguments("unknown top-level key", PROFILES.replace("topics:\n", "version: 2\ntopics:\n")
                                + "  - " + GOOD + "}\n",
                        new String[] {"unknown key 'version' at the top level", "allowed keys: dlqDefaults, profiles, topics"}),
                arguments("key given twice", topic(GOOD + ", partitions: 6}"),
                        new String[] {"key 'partitions' is given twice in topics[0]"}),
                arguments("retention not ISO-8601", topic(GOOD + ", retention: 7 days}"),
                        new String[] {"retention of topic 'payments-events' must be an ISO-8601 duration", "'7 days'"}),
                arguments("retention negative", topic(GOOD + ", retention: -P7D}"),
                        new String[] {"retention must be positive or forever for topic 'payments-events'"}),
                arguments("DLQ retention bad", PROFILES.replace("retention: P7D", "retention: a month")
                                + "  - " + GOOD + "}\n",
                        new String[] {"retention of topic 'payments-events.dlq'", "'a month'"}),
                arguments("DLQ partitions 0", PROFILES.replace("partitions: 2", "partitions: 0")
                                + "  - " + GOOD + "}\n",
                        new String[] {"partitions must be >= 1 for topic 'payments-events.dlq', was 0"}),
                arguments("topic named like a DLQ", topic(GOOD.replace("payments-events", "payments-events.dlq") + "}"),
                        new String[] {"topic name 'payments-events.dlq' ends in .dlq", "reserved for the dead letter topic"}),
                arguments("duplicate topic", topic(GOOD + "}") + "  - " + GOOD + "}\n",
                        new String[] {"topic 'payments-events' is declared twice"}),
                arguments("invalid topic name", topic(GOOD.replace("payments-events", "payments events!") + "}"),
                        new String[] {"invalid topic name 'payments events!'"}),
                arguments("no eventType", topic(GOOD.replace(" eventType: system,", "") + "}"),
                        new String[] {"topic 'payments-events' has no eventType"}),
                arguments("eventType not a folder name", topic(GOOD.replace("eventType: system", "eventType: Payments") + "}"),
                        new String[] {"eventType of topic 'payments-events' must be a schema folder name", "'Payments'"}),
                arguments("no key", topic(GOOD.replace(" key: service,", "") + "}"),
                        new String[] {"topic 'payments-events' has no key field"}),
                arguments("key is a list", topic(GOOD.replace("key: service", "key: [service]") + "}"),
                        new String[] {"topics[0].key must be a text value, was a list"}),
                arguments("bad cleanupPolicy", topic(GOOD + ", cleanupPolicy: compacted}"),
                        new String[] {"cleanupPolicy must be delete, compact or compact,delete", "'compacted'"}),
                arguments("configs override retention", topic(GOOD + ", retention: P1D, configs: {retention.ms: '1'}}"),
                        new String[] {"configs of topic 'payments-events' set retention.ms", "use retention instead"}),
                arguments("configs value missing", topic(GOOD + ", configs: {compression.type: }}"),
                        new String[] {"configs of topic 'payments-events' give no value for compression.type"}),
                arguments("configs value a list", topic(GOOD + ", configs: {compression.type: [zstd]}}"),
                        new String[] {"topics[0].configs.compression.type must be a text value, was a list"}),
                arguments("empty topic entry", PROFILES + "  -\n",
                        new String[] {"topics[0] must be a mapping", "was empty"}),
                arguments("topics is a mapping", PROFILES.replace("topics:\n", "topics: {a: b}\n"),
                        new String[] {"topics must be a list, was a mapping"}),
                arguments("no topics", PROFILES.replace("topics:\n", "topics: []\n"),
                        new String[] {"no topics in"}),
                arguments("profile missing", PROFILES.replace("dev:", "prod:") + "  - " + GOOD + "}\n",
                        new String[] {"unknown profile 'dev'", "known profiles: prod"}),
                arguments("profile empty", PROFILES.replace("dev: {replicationFactor: 1, minInsyncReplicas: 1}", "dev:")
                                + "  - " + GOOD + "}\n",
                        new String[] {"profiles.dev must be a mapping", "was empty"}),
                arguments("replicationFactor 0", PROFILES.replace("replicationFactor: 1", "replicationFactor: 0")
                                + "  - " + GOOD + "}\n",
                        new String[] {"replicationFactor of profile 'dev' must be between 1 and 32767, was 0"}),
                arguments("replicationFactor beyond short", PROFILES.replace("replicationFactor: 1",
                                "replicationFactor: 70000") + "  - " + GOOD + "}\n",
                        new String[] {"replicationFactor of profile 'dev' must be between 1 and 32767, was 70000"}),
                arguments("minInsyncReplicas above replication", PROFILES.replace("minInsyncReplicas: 1",
                                "minInsyncReplicas: 2") + "  - " + GOOD + "}\n",
                        new String[] {"minInsyncReplicas must be between 1 and the replication factor (1)"}),
                arguments("YAML: unclosed flow mapping", topic(GOOD),
                        new String[] {"YAML syntax error: expected ',' or '}'", "line 6, column 1",
                                "while parsing a flow mapping (line 5"}),
                arguments("YAML: tab indentation", PROFILES + "  - name: payments-events\n\teventType: system\n",
                        new String[] {"YAML syntax error", "TAB", "line 6, column 1"}),
                arguments("YAML: bad indentation", PROFILES + "  - name: payments-events\n     eventType: system\n",
                        new String[] {"YAML syntax error: mapping values are not allowed here (line 6, column 15)"}),
                arguments("YAML: a list, not a catalog", "- transaction-events\n- user-events\n",
                        new String[] {"the catalog must be a mapping", "was a list"}),
                arguments("empty file", "", new String[] {"the file is empty"}),
                arguments("comments only", "# topics come later\n", new String[] {"the file is empty"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCatalogs")
    void aBadCatalogFileIsRefusedNamingTheFileThePlaceAndTheProblem(String name, String yaml, String[] expected)
            throws IOException {
        Path file = Files.writeString(dir.resolve(name.replaceAll("[^a-zA-Z0-9]+", "-") + ".yaml"), yaml);
        Throwable error = catchThrowable(() -> TopicCatalog.load(file, "dev"));
        SUMMARY.add(name, error == null ? "ACCEPTED" : error.getMessage().replace(file.toString(), "FILE"));
        assertThat(error).as(name).isInstanceOf(CatalogException.class).hasMessageContaining(file.toString());
        assertThat(error.getMessage()).as("one line").doesNotContain("\n");
        assertThat(error.getMessage()).as("no Java class names").doesNotContain("io.finflow").doesNotContain("java.");
        for (String fragment : expected) {
            assertThat(error.getMessage()).as(name).contains(fragment);
        }
    }

    @Test
    void aMissingFileOrAFolderIsNamedAsSuch() throws IOException {
        Throwable missing = catchThrowable(() -> TopicCatalog.load(dir.resolve("nope.yaml"), "dev"));
        assertThat(missing).isInstanceOf(CatalogException.class)
                .hasMessage("topic catalog file " + dir.resolve("nope.yaml") + " does not exist");
        Path folder = Files.createDirectories(dir.resolve("a-folder.yaml"));
        Throwable isFolder = catchThrowable(() -> TopicCatalog.load(folder, "dev"));
        assertThat(isFolder).isInstanceOf(CatalogException.class).hasMessage("topic catalog " + folder
                + " is a folder, not a file");
        SUMMARY.add("file missing", missing.getMessage());
        SUMMARY.add("a folder instead of a file", isFolder.getMessage());
    }

    @Test
    void aTopicWhoseEventTypeHasNoSchemaOrWhoseKeyIsNotARequiredFieldCannotCarryEvents() throws IOException {
        SchemaRegistry schemas = SchemaRegistry.fromClasspath();
        Path unknownType = Files.writeString(dir.resolve("unknown-type.yaml"),
                topic(GOOD.replace("eventType: system", "eventType: payment") + "}"));
        Throwable noSchema = catchThrowable(() -> TopicCatalog.load(unknownType, "dev").requireSchemas(schemas));
        assertThat(noSchema).isInstanceOf(CatalogException.class)
                .hasMessageContaining("topic 'payments-events' has eventType 'payment', which has no schema")
                .hasMessageContaining("known event types: analytics, balance");
        Path wrongKey = Files.writeString(dir.resolve("wrong-key.yaml"),
                topic(GOOD.replace("key: service", "key: serviceName") + "}"));
        Throwable badKey = catchThrowable(() -> TopicCatalog.load(wrongKey, "dev").requireSchemas(schemas));
        assertThat(badKey).isInstanceOf(CatalogException.class)
                .hasMessageContaining("topic 'payments-events' has key 'serviceName', which is not a required property"
                        + " of schema system v1 (required: eventId, service, type, occurredAt)");
        SUMMARY.add("eventType without a schema", noSchema.getMessage());
        SUMMARY.add("key not a required field of the schema", badKey.getMessage());

        // The bundled catalog passes the same check, under both profiles.
        assertThat(TopicCatalog.fromClasspath("dev").requireSchemas(schemas).topics()).hasSize(6);
        assertThat(TopicCatalog.fromClasspath("prod").requireSchemas(schemas).topics()).hasSize(6);
    }

    @AfterAll
    static void printSummary() {
        SUMMARY.print();
    }
}
