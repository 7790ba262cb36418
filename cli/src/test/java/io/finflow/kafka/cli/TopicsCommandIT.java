package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.KafkaExtension;
import io.finflow.kafka.testkit.TestNames;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaExtension.class)
class TopicsCommandIT {

    @TempDir
    Path dir;

    private Kafka kafka;
    private TestNames names;

    @BeforeEach
    void setUp(EmbeddedKafka broker, TestNames names) {
        this.kafka = new Kafka(broker);
        this.names = names;
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    @Test
    void planListsCreatesApplyCreatesThemAndASecondApplyChangesNothing() throws Exception {
        String a = names.topic("payments");
        String b = names.topic("audit");
        Path catalog = Kafka.catalog(dir, "topics.yaml", 3, "P1D", a, b);

        CliRun plan = kafka.run("topics", "plan", "--catalog", catalog.toString());
        assertThat(plan.exitCode()).as(plan.describe()).isZero();
        assertThat(plan.out()).contains("Topic plan for profile dev (" + catalog + ") against " + kafka.bootstrap())
                .containsPattern("\\+\\s+create\\s+" + a + "\\s+3 partitions, replication factor 1")
                .containsPattern("\\+\\s+create\\s+" + b + ".dlq\\s+2 partitions")
                .contains("Plan: 4 to create, 0 partition increase(s), 0 config change(s) (drift), 0 to delete,"
                        + " 0 refused.");
        assertThat(kafka.admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain(a, b);

        CliRun apply = kafka.run("topics", "apply", "--catalog", catalog.toString());
        assertThat(apply.exitCode()).as(apply.describe()).isZero();
        assertThat(apply.out()).contains("Applied 4 change(s).");
        Map<Integer, Long> ends = kafka.logEnds(a);
        assertThat(ends).hasSize(3);
        assertThat(kafka.logEnds(b + ".dlq")).hasSize(2);

        CliRun again = kafka.run("topics", "apply", "--catalog", catalog.toString());
        assertThat(again.exitCode()).as(again.describe()).isZero();
        assertThat(again.out()).contains("No changes: the cluster matches the catalog.").contains("Nothing to apply.");
    }

    @Test
    void driftAndAKeyedPartitionIncreaseAreShownAndTheRefusalBlocksTheWholeApply() throws Exception {
        String topic = names.topic("ledger");
        Path v1 = Kafka.catalog(dir, "v1.yaml", 2, "P1D", topic);
        assertThat(kafka.run("topics", "apply", "--catalog", v1.toString()).exitCode()).isZero();
        // Someone changed retention by hand: drift.
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        kafka.admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                new ConfigEntry("retention.ms", "1000"), AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
        Path v2 = Kafka.catalog(dir, "v2.yaml", 4, "P1D", topic);

        CliRun plan = kafka.run("topics", "plan", "--catalog", v2.toString());
        assertThat(plan.exitCode()).as(plan.describe()).isEqualTo(ExitCodes.FAILURE);
        assertThat(plan.out())
                .containsPattern("~\\s+config\\s+" + topic + "\\s+retention.ms: 1000 -> 86400000 \\(drift\\)")
                .containsPattern("!\\s+refused\\s+" + topic + "\\s+partitions 2 -> 4 refused: topic is keyed by service")
                .contains("--allow-key-remap")
                .contains("1 config change(s) (drift)").contains("1 refused.");
        assertThat(plan.err().lines()).hasSize(1).first().asString().startsWith("finflow: error: the plan has 1 refused");

        CliRun refused = kafka.run("topics", "apply", "--catalog", v2.toString());
        assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(ExitCodes.FAILURE);
        assertThat(refused.err().lines()).hasSize(1).first().asString()
                .startsWith("finflow: error: the plan has 1 refused action(s), so nothing was applied");
        assertThat(kafka.logEnds(topic)).as("no partition added").hasSize(2);
        assertThat(retentionOf(topic)).as("drift not fixed either: nothing applied").isEqualTo("1000");

        CliRun remap = kafka.run("topics", "apply", "--catalog", v2.toString(), "--allow-key-remap");
        assertThat(remap.exitCode()).as(remap.describe()).isZero();
        assertThat(remap.out()).containsPattern("~\\s+partitions\\s+" + topic + "\\s+partitions 2 -> 4")
                .contains("Applied 2 change(s).");
        assertThat(kafka.logEnds(topic)).hasSize(4);
        assertThat(retentionOf(topic)).isEqualTo("86400000");
    }

    @Test
    void allowDeleteWithinAScopeDeletesOnlyUncataloguedTopicsOfThatScope() throws Exception {
        String kept = names.topic("kept");
        String stray = names.topic("stray");
        String prefix = kept.replaceAll("-\\d+-kept$", "");
        Path catalog = Kafka.catalog(dir, "topics.yaml", 1, "P1D", kept);
        assertThat(kafka.run("topics", "apply", "--catalog", catalog.toString()).exitCode()).isZero();
        kafka.createTopic(stray, 1);

        CliRun plan = kafka.run("topics", "plan", "--catalog", catalog.toString(), "--allow-delete",
                "--delete-scope", java.util.regex.Pattern.quote(prefix) + ".*");
        assertThat(plan.exitCode()).as(plan.describe()).isZero();
        assertThat(plan.out()).containsPattern("-\\s+delete\\s+" + stray).contains("1 to delete");
        assertThat(plan.out()).doesNotContain("delete  " + kept);

        CliRun apply = kafka.run("topics", "apply", "--catalog", catalog.toString(), "--allow-delete",
                "--delete-scope", java.util.regex.Pattern.quote(prefix) + ".*");
        assertThat(apply.exitCode()).as(apply.describe()).isZero();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(kafka.admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain(stray)
                        .contains(kept, kept + ".dlq"));
    }

    @Test
    void listMarksManagedTopicsAndDescribeShowsPartitionsAndConfigs() throws Exception {
        String managed = names.topic("managed");
        String other = names.topic("other");
        Path catalog = Kafka.catalog(dir, "topics.yaml", 2, "P1D", managed);
        assertThat(kafka.run("topics", "apply", "--catalog", catalog.toString()).exitCode()).isZero();
        kafka.createTopic(other, 1);

        CliRun list = kafka.run("topics", "list", "--catalog", catalog.toString());
        assertThat(list.exitCode()).as(list.describe()).isZero();
        assertThat(list.out()).startsWith("TOPIC").containsPattern(managed + "\\s+2\\s+1\\s+yes")
                .containsPattern(other + "\\s+1\\s+1\\s+no");

        CliRun describe = kafka.run("topics", "describe", managed);
        assertThat(describe.exitCode()).as(describe.describe()).isZero();
        assertThat(describe.out()).contains("Topic " + managed).containsPattern("(?m)^\\s+0\\s+1\\s+1\\s+1$")
                .containsPattern("retention.ms\\s+86400000\\s+DYNAMIC_TOPIC_CONFIG");

        CliRun json = kafka.run("topics", "describe", managed, "--output", "json");
        JsonNode tree = new ObjectMapper().readTree(json.out());
        assertThat(tree.at("/partitions").size()).isEqualTo(2);
        assertThat(tree.at("/name").asText()).isEqualTo(managed);

        CliRun missing = kafka.run("topics", "describe", names.topic("missing"));
        assertThat(missing.exitCode()).as(missing.describe()).isEqualTo(ExitCodes.FAILURE);
        assertThat(missing.err()).matches("finflow: error: topic '.*-missing' does not exist\\R");
    }

    @Test
    void planAsJsonListsTheActionsForScripts() throws Exception {
        String topic = names.topic("json");
        Path catalog = Kafka.catalog(dir, "topics.yaml", 1, "P1D", topic);
        CliRun plan = kafka.run("topics", "plan", "--catalog", catalog.toString(), "-o", "json");
        assertThat(plan.exitCode()).as(plan.describe()).isZero();
        JsonNode tree = new ObjectMapper().readTree(plan.out());
        assertThat(tree.at("/actions").size()).isEqualTo(2);
        assertThat(tree.at("/actions/0/type").asText()).isEqualTo("CREATE");
        assertThat(tree.at("/actions/0/topic").asText()).isEqualTo(topic);
        assertThat(tree.at("/refused").asInt()).isZero();
    }

    @Test
    void unreachableClusterIsOneLineAndExitOne() throws Exception {
        Path config = dir.resolve("fast.properties");
        java.nio.file.Files.writeString(config, "default.api.timeout.ms=3000\nrequest.timeout.ms=2000\n");
        CliRun run = CliRun.run("topics", "list", "--bootstrap", "127.0.0.1:1", "--command-config", config.toString());
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err().lines()).hasSize(1).first().asString()
                .startsWith("finflow: error: Kafka at 127.0.0.1:1: connection refused");
    }

    private String retentionOf(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return kafka.admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
                .get("retention.ms").value();
    }
}
