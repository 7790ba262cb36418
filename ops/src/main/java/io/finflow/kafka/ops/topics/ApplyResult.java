package io.finflow.kafka.ops.topics;

import java.util.List;

/**
 * What {@link TopicsService#apply(TopicPlan)} did.
 *
 * @param applied the actions carried out, in the order they were sent to Kafka
 */
public record ApplyResult(List<TopicAction> applied) {

    /** Copies the list. */
    public ApplyResult {
        applied = List.copyOf(applied);
    }
}
