package io.finflow.kafka.ops.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.ops.Fixtures;
import io.finflow.kafka.ops.OperationRefusedException;
import io.finflow.kafka.ops.OpsException;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.KafkaExtension;
import io.finflow.kafka.testkit.junit.TestNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaExtension.class)
class TopicsServiceIT {

    private static final Duration CONVERGE = Duration.ofSeconds(30);
    private static final String SEVEN_DAYS_MS = String.valueOf(Duration.ofDays(7).toMillis());

    @TempDir
    Path dir;

    private Admin admin;
    private TopicsService topics;
    private String prefix;
    private String orders;
    private String balances;

    @BeforeEach
    void setUp(EmbeddedKafka kafka, TestNames names) {
        admin = Admin.create(kafka.clientProperties());
        topics = new TopicsService(admin);
        prefix = names.topic();
        orders = prefix + "-orders";
        balances = prefix + "-balances";
    }

    @AfterEach
    void tearDown() {
        admin.close();
    }

    @Test
    void planOnAnEmptyClusterCreatesEveryTopicAndASecondPlanAfterApplyIsEmpty() throws Exception {
        TopicCatalog catalog = catalog(3);
        TopicPlan plan = topics.plan(catalog, PlanOptions.DEFAULT);

        assertThat(plan.actions()).extracting(TopicAction::type, TopicAction::topic).containsExactly(
                tuple(ActionType.CREATE, orders),
                tuple(ActionType.CREATE, balances),
                tuple(ActionType.CREATE, orders + ".dlq"),
                tuple(ActionType.CREATE, balances + ".dlq"));
        assertThat(plan.refusals()).isEmpty();
        TopicAction createOrders = plan.actions().get(0);
        assertThat(createOrders.wanted()).isEqualTo("3 partitions, replication factor 1");
        assertThat(createOrders.message()).contains("retention.ms=" + SEVEN_DAYS_MS);

        ApplyResult result = topics.apply(plan);

        assertThat(result.applied()).containsExactlyElementsOf(plan.actions());
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(topics.plan(catalog, PlanOptions.DEFAULT).actions())
                .as("idempotent: nothing left to do").isEmpty());
        assertThat(topics.apply(topics.plan(catalog, PlanOptions.DEFAULT)).applied()).isEmpty();

        TopicDetails details = topics.describe(orders);
        assertThat(details.partitions()).hasSize(3).allSatisfy(p -> {
            assertThat(p.leader()).isNotNull();
            assertThat(p.replicas()).containsExactly(p.leader());
            assertThat(p.isr()).containsExactly(p.leader());
        });
        assertThat(details.configs()).contains(
                new ConfigValue("retention.ms", SEVEN_DAYS_MS, "DYNAMIC_TOPIC_CONFIG"),
                new ConfigValue("cleanup.policy", "delete", "DYNAMIC_TOPIC_CONFIG"));
        assertThat(topics.describe(balances).configs())
                .contains(new ConfigValue("cleanup.policy", "compact", "DYNAMIC_TOPIC_CONFIG"),
                        new ConfigValue("compression.type", "zstd", "DYNAMIC_TOPIC_CONFIG"),
                        new ConfigValue("retention.ms", "-1", "DYNAMIC_TOPIC_CONFIG"));

        String stray = prefix + "-stray";
        Fixtures.createTopic(admin, stray, 2);
        assertThat(topics.list(catalog)).contains(
                new TopicSummary(orders, 3, 1, true),
                new TopicSummary(orders + ".dlq", 1, 1, true),
                new TopicSummary(stray, 2, 1, false));
    }

    @Test
    void aRetentionChangedByHandIsReportedAsDriftWithItsCurrentValueAndApplyRestoresIt() throws Exception {
        TopicCatalog catalog = applied(catalog(3));
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, orders);
        admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                new ConfigEntry("retention.ms", "3600000"), AlterConfigOp.OpType.SET))))
                .all().get(30, TimeUnit.SECONDS);

        // The broker applies a config change from the metadata log shortly after the controller accepted it.
        await().atMost(CONVERGE).untilAsserted(() ->
                assertThat(topics.plan(catalog, PlanOptions.DEFAULT).actions()).isNotEmpty());
        TopicPlan plan = topics.plan(catalog, PlanOptions.DEFAULT);

        assertThat(plan.actions()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(ActionType.CONFIG_CHANGE);
            assertThat(a.isDrift()).isTrue();
            assertThat(a.topic()).isEqualTo(orders);
            assertThat(a.setting()).isEqualTo("retention.ms");
            assertThat(a.current()).isEqualTo("3600000");
            assertThat(a.wanted()).isEqualTo(SEVEN_DAYS_MS);
            assertThat(a.message()).isEqualTo("drift: retention.ms is 3600000 on the cluster (set on the topic),"
                    + " the catalog wants " + SEVEN_DAYS_MS);
        });
        assertThat(plan.drift()).isEqualTo(plan.actions());

        topics.apply(plan);

        await().atMost(CONVERGE).untilAsserted(() ->
                assertThat(topics.plan(catalog, PlanOptions.DEFAULT).isEmpty()).isTrue());
        assertThat(topics.describe(orders).configs())
                .contains(new ConfigValue("retention.ms", SEVEN_DAYS_MS, "DYNAMIC_TOPIC_CONFIG"));
    }

    @Test
    void aPartitionIncreaseOnAKeyedTopicIsRefusedUnlessKeyRemapIsAllowed() {
        applied(catalog(3));
        TopicCatalog more = catalog(5);

        TopicPlan refused = topics.plan(more, PlanOptions.DEFAULT);

        assertThat(refused.actions()).extracting(TopicAction::type, TopicAction::topic, TopicAction::current,
                        TopicAction::wanted)
                .containsExactly(tuple(ActionType.REFUSED, orders, "3", "5"));
        assertThat(refused.actions().get(0).message()).contains("keyed by orderId", "per-key order",
                "--allow-key-remap");
        assertThatThrownBy(() -> topics.apply(refused))
                .isInstanceOf(OperationRefusedException.class)
                .hasMessageContaining("1 refused action(s), so nothing was applied")
                .hasMessageContaining(orders);
        assertThat(topics.describe(orders).partitions()).hasSize(3);

        PlanOptions remap = PlanOptions.builder().allowKeyRemap(true).build();
        TopicPlan allowed = topics.plan(more, remap);
        assertThat(allowed.actions()).extracting(TopicAction::type).containsExactly(ActionType.ADD_PARTITIONS);

        topics.apply(allowed);

        await().atMost(CONVERGE).untilAsserted(() -> assertThat(topics.plan(more, remap).isEmpty()).isTrue());
        assertThat(topics.describe(orders).partitions()).hasSize(5);
    }

    @Test
    void aPartitionIncreaseOnACompactedTopicExplainsWhatCompactionLoses() {
        applied(catalog(3));
        TopicPlan plan = topics.plan(catalog(3, 4), PlanOptions.DEFAULT);

        assertThat(plan.actions()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(ActionType.REFUSED);
            assertThat(a.topic()).isEqualTo(balances);
            assertThat(a.message()).contains("compacted (cleanup.policy=compact)", "old value behind");
        });
    }

    @Test
    void replicationFactorAndPartitionDecreaseAreReportedAsUnsupportedAndBlockApply() {
        applied(catalog(3));

        TopicPlan wider = topics.plan(catalog(dir.resolve("topics.yaml"), "wide", 3, 1), PlanOptions.DEFAULT);
        assertThat(wider.actions()).extracting(TopicAction::type).containsOnly(ActionType.REPLICATION_CHANGE_UNSUPPORTED);
        assertThat(wider.actions()).extracting(TopicAction::topic)
                .containsExactly(orders, balances, orders + ".dlq", balances + ".dlq");
        assertThat(wider.actions().get(0)).satisfies(a -> {
            assertThat(a.current()).isEqualTo("1");
            assertThat(a.wanted()).isEqualTo("2");
            assertThat(a.message()).contains("partition reassignment");
        });
        assertThatThrownBy(() -> topics.apply(wider)).isInstanceOf(OperationRefusedException.class);

        TopicPlan fewer = topics.plan(catalog(2), PlanOptions.builder().allowKeyRemap(true).build());
        assertThat(fewer.actions()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(ActionType.PARTITION_DECREASE_UNSUPPORTED);
            assertThat(a.current()).isEqualTo("3");
            assertThat(a.wanted()).isEqualTo("2");
        });
        assertThatThrownBy(() -> topics.apply(fewer)).isInstanceOf(OperationRefusedException.class)
                .hasMessageContaining("Kafka cannot remove partitions");
    }

    @Test
    void topicsMissingFromTheCatalogAreDeletedOnlyWhenDeletionIsAllowed() throws Exception {
        TopicCatalog catalog = applied(catalog(3));
        String stray = prefix + "-stray";
        Fixtures.createTopic(admin, stray, 1);

        assertThat(topics.plan(catalog, PlanOptions.DEFAULT).isEmpty()).as("no deletion unless allowed").isTrue();

        TopicPlan everything = topics.plan(catalog, PlanOptions.builder().allowDelete(true).build());
        assertThat(everything.ofType(ActionType.DELETE)).extracting(TopicAction::topic)
                .contains(stray)
                .noneMatch(t -> t.startsWith("__"));

        PlanOptions scoped = PlanOptions.builder().allowDelete(true).deleteScope(Pattern.quote(prefix) + ".*").build();
        TopicPlan plan = topics.plan(catalog, scoped);
        assertThat(plan.actions()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(ActionType.DELETE);
            assertThat(a.topic()).isEqualTo(stray);
        });

        topics.apply(plan);

        await().atMost(CONVERGE).untilAsserted(() -> assertThat(Fixtures.topicNames(admin)).doesNotContain(stray));
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(topics.plan(catalog, scoped).isEmpty()).isTrue());
    }

    @Test
    void describingAnUnknownTopicNamesIt() {
        assertThatThrownBy(() -> topics.describe(prefix + "-nope"))
                .isInstanceOf(OpsException.class)
                .hasMessage("topic '" + prefix + "-nope' does not exist");
    }

    /** Applies the catalog and waits until the cluster matches it. */
    private TopicCatalog applied(TopicCatalog catalog) {
        topics.apply(topics.plan(catalog, PlanOptions.DEFAULT));
        await().atMost(CONVERGE).untilAsserted(() ->
                assertThat(topics.plan(catalog, PlanOptions.DEFAULT).isEmpty()).isTrue());
        return catalog;
    }

    private TopicCatalog catalog(int orderPartitions) {
        return catalog(orderPartitions, 1);
    }

    private TopicCatalog catalog(int orderPartitions, int balancePartitions) {
        return catalog(dir.resolve("topics.yaml"), "dev", orderPartitions, balancePartitions);
    }

    /** A catalog of two keyed topics (one compacted) under this test's unique prefix, in a temp file. */
    private TopicCatalog catalog(Path file, String profile, int orderPartitions, int balancePartitions) {
        try {
            Files.writeString(file, """
                    profiles:
                      dev: {replicationFactor: 1, minInsyncReplicas: 1}
                      wide: {replicationFactor: 2, minInsyncReplicas: 1}
                    dlqDefaults: {partitions: 1, retention: P1D}
                    topics:
                      - name: %s
                        eventType: order
                        key: orderId
                        partitions: %d
                        retention: P7D
                        cleanupPolicy: delete
                      - name: %s
                        eventType: balance
                        key: accountId
                        partitions: %d
                        retention: forever
                        cleanupPolicy: compact
                        configs:
                          compression.type: zstd
                    """.formatted(orders, orderPartitions, balances, balancePartitions));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return TopicCatalog.load(file, profile);
    }
}
