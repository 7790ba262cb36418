package io.finflow.kafka.ops.topics;

import static io.finflow.kafka.ops.internal.KafkaCalls.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.finflow.kafka.ops.OperationRefusedException;
import io.finflow.kafka.ops.OpsException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Carries out the executable actions of a plan, one Admin request per action type. */
final class TopicApplier {

    private static final Logger log = LoggerFactory.getLogger(TopicApplier.class);
    private static final int FAILURES_SHOWN = 3;

    private final Admin admin;
    private final Duration timeout;

    TopicApplier(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    ApplyResult apply(TopicPlan plan) {
        List<TopicAction> refusals = plan.refusals();
        if (!refusals.isEmpty()) {
            TopicAction first = refusals.get(0);
            throw new OperationRefusedException("the plan has " + refusals.size() + " refused action(s), so nothing"
                    + " was applied; first: topic '" + first.topic() + "': " + first.message());
        }
        List<TopicAction> applied = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        create(plan.ofType(ActionType.CREATE), applied, failures);
        addPartitions(plan.ofType(ActionType.ADD_PARTITIONS), applied, failures);
        alterConfigs(plan.ofType(ActionType.CONFIG_CHANGE), applied, failures);
        delete(plan.ofType(ActionType.DELETE), applied, failures);
        if (!failures.isEmpty()) {
            throw new OpsException(failures.size() + " of " + plan.executable().size() + " topic action(s) failed ("
                    + applied.size() + " applied): " + String.join("; ", failures.subList(0,
                    Math.min(FAILURES_SHOWN, failures.size())))
                    + (failures.size() > FAILURES_SHOWN ? "; ..." : ""));
        }
        return new ApplyResult(applied);
    }

    private void create(List<TopicAction> actions, List<TopicAction> applied, List<String> failures) {
        if (actions.isEmpty()) {
            return;
        }
        List<NewTopic> topics = actions.stream()
                .map(a -> new NewTopic(a.topic(), a.layout().partitions(), a.layout().replicationFactor())
                        .configs(a.layout().configs()))
                .toList();
        Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
        collect(actions, a -> results.get(a.topic()), "create", applied, failures);
    }

    private void addPartitions(List<TopicAction> actions, List<TopicAction> applied, List<String> failures) {
        if (actions.isEmpty()) {
            return;
        }
        Map<String, NewPartitions> increases = new LinkedHashMap<>();
        actions.forEach(a -> increases.put(a.topic(), NewPartitions.increaseTo(a.layout().partitions())));
        Map<String, KafkaFuture<Void>> results = admin.createPartitions(increases).values();
        collect(actions, a -> results.get(a.topic()), "add partitions to", applied, failures);
    }

    private void alterConfigs(List<TopicAction> actions, List<TopicAction> applied, List<String> failures) {
        if (actions.isEmpty()) {
            return;
        }
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new LinkedHashMap<>();
        for (TopicAction a : actions) {
            changes.computeIfAbsent(resource(a.topic()), r -> new ArrayList<>())
                    .add(new AlterConfigOp(new ConfigEntry(a.setting(), a.wanted()), AlterConfigOp.OpType.SET));
        }
        Map<ConfigResource, KafkaFuture<Void>> results = admin.incrementalAlterConfigs(changes).values();
        collect(actions, a -> results.get(resource(a.topic())), "change configs of", applied, failures);
    }

    private void delete(List<TopicAction> actions, List<TopicAction> applied, List<String> failures) {
        if (actions.isEmpty()) {
            return;
        }
        Map<String, KafkaFuture<Void>> results =
                admin.deleteTopics(actions.stream().map(TopicAction::topic).toList()).topicNameValues();
        collect(actions, a -> results.get(a.topic()), "delete", applied, failures);
    }

    private void collect(List<TopicAction> actions, Function<TopicAction, KafkaFuture<Void>> resultOf, String verb,
                         List<TopicAction> applied, List<String> failures) {
        for (TopicAction action : actions) {
            try {
                await(resultOf.apply(action), timeout, verb + " topic '" + action.topic() + "'");
                log.info("applied {} on topic '{}': {}", action.type(), action.topic(), action.message());
                applied.add(action);
            } catch (OpsException e) {
                failures.add(e.getMessage());
            }
        }
    }

    private static ConfigResource resource(String topic) {
        return new ConfigResource(ConfigResource.Type.TOPIC, topic);
    }
}
