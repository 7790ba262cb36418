package io.finflow.kafka.ops.acls;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.catalog.TopicSpec;
import io.finflow.kafka.ops.OpsException;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Derives the Kafka ACLs of every principal of an {@link AclCatalog}:
 * <ul>
 *   <li>{@code produces T}: WRITE and DESCRIBE on topic T;</li>
 *   <li>{@code consumes T}: READ and DESCRIBE on topic T;</li>
 *   <li>{@code groups G}: READ on group G; and, since FinFlow consumers dead-letter, WRITE and DESCRIBE on the
 *       dead letter topic of every consumed topic that has one in the topic catalog;</li>
 *   <li>{@code idempotent} (the default) with anything to write: IDEMPOTENT_WRITE on the cluster;</li>
 *   <li>{@code transactionalIdPrefix P}: WRITE and DESCRIBE on the transactional ids starting with P.</li>
 * </ul>
 * Every topic must be in the topic catalog (an event topic or its {@code .dlq}). Stateless.
 */
public final class AclPlanner {

    private AclPlanner() {
    }

    /**
     * The ACLs the catalog asks for, without duplicates, in catalog order.
     *
     * @throws OpsException when a principal names a topic the topic catalog does not have
     */
    public static List<AclRule> desired(AclCatalog acls, TopicCatalog topics) {
        Map<AclBinding, AclRule> rules = new LinkedHashMap<>();
        for (ServiceAccess s : acls.principals()) {
            String p = s.principal();
            List<String> writes = new ArrayList<>();
            for (String topic : s.produces()) {
                requireTopic(acls, topics, s, topic);
                add(rules, topicRule(p, topic, AclOperation.WRITE, "produces " + topic));
                add(rules, topicRule(p, topic, AclOperation.DESCRIBE, "produces " + topic));
                writes.add(topic);
            }
            for (String topic : s.consumes()) {
                requireTopic(acls, topics, s, topic);
                add(rules, topicRule(p, topic, AclOperation.READ, "consumes " + topic));
                add(rules, topicRule(p, topic, AclOperation.DESCRIBE, "consumes " + topic));
            }
            for (String group : s.groups()) {
                add(rules, AclRule.allow(p, ResourceType.GROUP, group, PatternType.LITERAL, AclOperation.READ,
                        "consumer group " + group));
            }
            if (!s.groups().isEmpty()) {
                for (String topic : s.consumes()) {
                    TopicSpec spec = topics.find(topic).orElseThrow();
                    if (spec.dlqTopic() != null) {
                        String reason = "dead letters of " + topic;
                        add(rules, topicRule(p, spec.dlqTopic(), AclOperation.WRITE, reason));
                        add(rules, topicRule(p, spec.dlqTopic(), AclOperation.DESCRIBE, reason));
                        writes.add(spec.dlqTopic());
                    }
                }
            }
            if (s.idempotent() && !writes.isEmpty()) {
                add(rules, AclRule.allow(p, ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL,
                        AclOperation.IDEMPOTENT_WRITE, "idempotent producer"));
            }
            if (s.transactionalIdPrefix() != null) {
                String reason = "exactly-once (transactional ids " + s.transactionalIdPrefix() + "*)";
                add(rules, AclRule.allow(p, ResourceType.TRANSACTIONAL_ID, s.transactionalIdPrefix(),
                        PatternType.PREFIXED, AclOperation.WRITE, reason));
                add(rules, AclRule.allow(p, ResourceType.TRANSACTIONAL_ID, s.transactionalIdPrefix(),
                        PatternType.PREFIXED, AclOperation.DESCRIBE, reason));
            }
        }
        return List.copyOf(rules.values());
    }

    private static AclRule topicRule(String principal, String topic, AclOperation operation, String reason) {
        return AclRule.allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, operation, reason);
    }

    private static void add(Map<AclBinding, AclRule> rules, AclRule rule) {
        rules.putIfAbsent(rule.binding(), rule);
    }

    private static void requireTopic(AclCatalog acls, TopicCatalog topics, ServiceAccess s, String topic) {
        if (topics.find(topic).isEmpty()) {
            throw new OpsException("user '" + s.user() + "' in " + acls.source() + " names topic '" + topic
                    + "', which is not in the topic catalog; known topics: "
                    + topics.allTopics().stream().map(TopicSpec::name).toList());
        }
    }
}
