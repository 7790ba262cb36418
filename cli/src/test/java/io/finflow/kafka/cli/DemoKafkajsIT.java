package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.InstanceNotFoundException;
import javax.management.ObjectName;

import com.fasterxml.jackson.databind.JsonNode;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.KafkaExtension;
import io.finflow.kafka.testkit.junit.TestNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What issue 15 found broken: a Node.js service reading analytics-events as {@code finflow demo} writes it.
 * The demo runs through the real command line on the shared broker under a topic prefix, then kafkajs
 * ({@code interop/kafkajs/consume.js}, with the fixture's codecs) reads the whole zstd topic.
 */
@ExtendWith(KafkaExtension.class)
class DemoKafkajsIT {

    private static final Path FIXTURE = Path.of("..", "interop", "kafkajs").toAbsolutePath().normalize();
    private static final Pattern PRODUCED_ANALYTICS = Pattern.compile("analytics-events\\s+([0-9,]+)");

    @Test
    void kafkajsReadsTheAnalyticsEventsTheDemoWrote(EmbeddedKafka kafka, TestNames names) throws Exception {
        String prefix = names.topic("demo") + ".";
        String topic = prefix + "analytics-events";
        CliRun demo = CliRun.run("demo", "--bootstrap", kafka.bootstrapServers(), "--events", "600",
                "--accounts", "20", "--topic-prefix", prefix);
        assertThat(demo.exitCode()).as(demo.describe()).isZero();
        Matcher produced = PRODUCED_ANALYTICS.matcher(demo.out());
        assertThat(produced.find()).as(demo.describe()).isTrue();
        int analytics = Integer.parseInt(produced.group(1).replace(",", ""));
        assertThat(analytics).isPositive();
        assertThat(topicCompression(kafka, topic)).isEqualTo("zstd");
        assertThat(produceConversions(topic)).as("the demo sends zstd to the zstd topic: stored as sent, no"
                + " recompression by the broker").isZero();

        List<String> lines = consumeWithKafkajs(kafka.bootstrapServers(), "analytics-events", prefix);

        assertThat(lines).hasSize(analytics);
        Set<String> ids = new HashSet<>();
        for (String line : lines) {
            JsonNode record = EventJson.mapper().readTree(line);
            JsonNode event = record.get("event");
            JsonNode meta = record.get("meta");
            assertThat(event.get("name").asText()).matches("[a-z][a-z0-9_]*");
            assertThat(meta.get("key").asText()).as("key = sessionId").isEqualTo(event.get("sessionId").asText());
            assertThat(meta.at("/headers/ce_type").asText()).isEqualTo("io.finflow.analytics");
            assertThat(meta.at("/headers/ce_id").asText()).isEqualTo(event.get("eventId").asText());
            assertThat(meta.at("/headers/ce_source").asText()).isEqualTo("/finflow/transaction-generator");
            ids.add(event.get("eventId").asText());
        }
        assertThat(ids).as("every analytics event once").hasSize(analytics);
    }

    private static List<String> consumeWithKafkajs(String bootstrap, String topic, String prefix) throws Exception {
        assertThat(FIXTURE.resolve("node_modules/kafkajs")).as("kafkajs installed by tools/test-tools.sh").exists();
        Path out = Files.createTempFile("consume", ".out");
        Path err = Files.createTempFile("consume", ".err");
        try {
            Process p = new ProcessBuilder("node", FIXTURE.resolve("consume.js").toString(), bootstrap, topic,
                    "--prefix", prefix).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("consume.js finished").isTrue();
            assertThat(p.exitValue()).as("consume.js: %s", Files.readString(err)).isZero();
            return Files.readAllLines(out, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String topicCompression(EmbeddedKafka kafka, String topic) throws Exception {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        try (Admin admin = Admin.create(props)) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            return config.get("compression.type").value();
        }
    }

    /** Records of a topic the in-process broker rewrote (recompressed); the meter appears on the first one. */
    private static long produceConversions(String topic) throws Exception {
        ObjectName name = new ObjectName("kafka.server:type=BrokerTopicMetrics,name=ProduceMessageConversionsPerSec,"
                + "topic=" + topic);
        try {
            return ((Number) ManagementFactory.getPlatformMBeanServer().getAttribute(name, "Count")).longValue();
        } catch (InstanceNotFoundException e) {
            return 0;
        }
    }
}
