package io.finflow.kafka.ops.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PlanOptionsTest {

    @Test
    void deletionNeedsPermissionNeverTouchesInternalTopicsAndHonoursTheScope() {
        assertThat(PlanOptions.DEFAULT.mayDelete("orders")).isFalse();
        PlanOptions delete = PlanOptions.builder().allowDelete(true).build();
        assertThat(delete.mayDelete("orders")).isTrue();
        assertThat(delete.mayDelete("__consumer_offsets")).isFalse();
        PlanOptions scoped = delete.toBuilder().deleteScope("finflow-.*").build();
        assertThat(scoped.mayDelete("finflow-old")).isTrue();
        assertThat(scoped.mayDelete("payments")).isFalse();
        assertThat(scoped.allowKeyRemap()).isFalse();
        assertThat(scoped.toBuilder().allowKeyRemap(true).build().deleteScope()).isEqualTo("finflow-.*");
    }

    @Test
    void anInvalidDeleteScopeIsNamed() {
        assertThatThrownBy(() -> PlanOptions.builder().deleteScope("finflow-([").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deleteScope must be a regular expression, was 'finflow-(['");
    }

    @Test
    void cleanupPolicyComparesAsASetAndOtherConfigsAsText() {
        assertThat(TopicPlanner.sameValue("cleanup.policy", "delete,compact", "compact,delete")).isTrue();
        assertThat(TopicPlanner.sameValue("cleanup.policy", "compact", "compact,delete")).isFalse();
        assertThat(TopicPlanner.sameValue("retention.ms", "-1", "-1")).isTrue();
        assertThat(TopicPlanner.sameValue("retention.ms", null, "-1")).isFalse();
    }

    @Test
    void aPlanSplitsExecutableActionsRefusalsAndDrift() {
        TopicLayout layout = new TopicLayout(3, (short) 1, Map.of("retention.ms", "1000"));
        TopicAction create = new TopicAction(ActionType.CREATE, "a", null, null, "3", layout, "create");
        TopicAction drift = new TopicAction(ActionType.CONFIG_CHANGE, "b", "retention.ms", "5", "1000", layout, "drift");
        TopicAction refused = new TopicAction(ActionType.REFUSED, "c", "partitions", "3", "6", layout, "refused");
        TopicPlan plan = new TopicPlan("dev", List.of(create, drift, refused));
        assertThat(plan.isEmpty()).isFalse();
        assertThat(plan.executable()).containsExactly(create, drift);
        assertThat(plan.refusals()).containsExactly(refused);
        assertThat(plan.drift()).containsExactly(drift);
        assertThatThrownBy(() -> new TopicAction(ActionType.CREATE, "a", null, null, null, null, "m"))
                .hasMessageContaining("a CREATE action needs the catalog layout of topic 'a'");
    }
}
