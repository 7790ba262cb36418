package io.finflow.kafka.ops.topics;

import java.util.List;
import java.util.Objects;

/**
 * The difference between the topic catalog and the cluster, as a list of actions in catalog order
 * (deletions last). An empty plan means the cluster matches the catalog.
 *
 * @param profile the catalog profile the plan was made for, e.g. {@code prod}
 * @param actions what {@link TopicsService#apply(TopicPlan)} would do, refusals included
 */
public record TopicPlan(String profile, List<TopicAction> actions) {

    /** Copies the actions into an unmodifiable list. */
    public TopicPlan {
        Objects.requireNonNull(profile, "profile");
        actions = List.copyOf(actions);
    }

    /** True when the cluster matches the catalog: there is nothing to do and nothing refused. */
    public boolean isEmpty() {
        return actions.isEmpty();
    }

    /** The actions {@code apply} carries out. */
    public List<TopicAction> executable() {
        return actions.stream().filter(a -> a.type().executable()).toList();
    }

    /**
     * The actions {@code apply} refuses ({@link ActionType#REFUSED} and the two {@code *_UNSUPPORTED});
     * while there is one, {@code apply} changes nothing.
     */
    public List<TopicAction> refusals() {
        return actions.stream().filter(a -> !a.type().executable()).toList();
    }

    /** The managed configs that differ on the cluster, each with its current value. */
    public List<TopicAction> drift() {
        return actions.stream().filter(TopicAction::isDrift).toList();
    }

    /** The actions of one type. */
    public List<TopicAction> ofType(ActionType type) {
        return actions.stream().filter(a -> a.type() == type).toList();
    }
}
