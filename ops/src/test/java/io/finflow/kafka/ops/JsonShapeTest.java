package io.finflow.kafka.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.finflow.kafka.ops.groups.GroupLag;
import io.finflow.kafka.ops.groups.PartitionLag;
import io.finflow.kafka.ops.offsets.OffsetResetPlan;
import io.finflow.kafka.ops.offsets.PartitionReset;
import io.finflow.kafka.ops.topics.ActionType;
import io.finflow.kafka.ops.topics.TopicAction;
import io.finflow.kafka.ops.topics.TopicLayout;
import io.finflow.kafka.ops.topics.TopicPlan;
import org.junit.jupiter.api.Test;

/** The result records serialize to JSON with a plain Jackson mapper, as the CLI's --output json will. */
class JsonShapeTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void topicPlanSerializesItsActions() throws Exception {
        TopicLayout layout = new TopicLayout(3, (short) 1, Map.of("retention.ms", "1000"));
        TopicPlan plan = new TopicPlan("dev", List.of(new TopicAction(ActionType.CONFIG_CHANGE, "a", "retention.ms",
                "5", "1000", layout, "drift: retention.ms is 5")));
        JsonNode tree = json.readTree(json.writeValueAsString(plan));
        assertThat(tree.at("/profile").asText()).isEqualTo("dev");
        assertThat(tree.at("/actions/0/type").asText()).isEqualTo("CONFIG_CHANGE");
        assertThat(tree.at("/actions/0/current").asText()).isEqualTo("5");
        assertThat(tree.at("/actions/0/layout/configs/retention.ms").asText()).isEqualTo("1000");
    }

    @Test
    void aclPlanSerializesEachActionFlat() throws Exception {
        io.finflow.kafka.ops.acls.AclPlan plan = io.finflow.kafka.ops.acls.AclPlanner.desired(
                io.finflow.kafka.ops.acls.AclCatalog.of(List.of(new io.finflow.kafka.ops.acls.ServiceAccess("svc", null,
                        List.of("user-events"), List.of(), List.of(), true, null)), "test"),
                io.finflow.kafka.catalog.TopicCatalog.fromClasspath("dev")).stream()
                .map(r -> new io.finflow.kafka.ops.acls.AclAction(io.finflow.kafka.ops.acls.AclAction.Type.GRANT, r))
                .collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(),
                        actions -> new io.finflow.kafka.ops.acls.AclPlan("test", actions)));
        JsonNode tree = json.readTree(json.writeValueAsString(plan));
        assertThat(tree.at("/actions/0/type").asText()).isEqualTo("GRANT");
        assertThat(tree.at("/actions/0/principal").asText()).isEqualTo("User:svc");
        assertThat(tree.at("/actions/0/resource").asText()).isEqualTo("topic user-events");
        assertThat(tree.at("/actions/0/operation").asText()).isEqualTo("WRITE");
        assertThat(tree.at("/actions/0/reason").asText()).isEqualTo("produces user-events");
        assertThat(tree.at("/actions/0/rule").isMissingNode()).isTrue();
    }

    @Test
    void lagAndResetPlansSerializeWithIsoTimestamps() throws Exception {
        GroupLag lag = new GroupLag("g", "Empty", 0, 7, 60L, List.of(new PartitionLag("t", 0, 3L, 10L, 7L, 60L,
                Instant.parse("2026-01-01T10:00:00Z"), null)));
        JsonNode tree = json.readTree(json.writeValueAsString(lag));
        assertThat(tree.at("/partitions/0/oldestUnconsumedTimestamp").asText()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(tree.at("/partitions/0/timeLagSeconds").asLong()).isEqualTo(60);

        OffsetResetPlan plan = new OffsetResetPlan("g", "to-earliest",
                List.of(new PartitionReset("t", 0, null, 0, 0, 10, null)));
        tree = json.readTree(json.writeValueAsString(plan));
        assertThat(tree.at("/partitions/0/newOffset").asLong()).isZero();
        assertThat(tree.at("/partitions/0/currentOffset").isNull()).isTrue();
    }
}
