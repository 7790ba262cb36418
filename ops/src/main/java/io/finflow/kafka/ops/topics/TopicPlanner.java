package io.finflow.kafka.ops.topics;

import static io.finflow.kafka.ops.internal.KafkaCalls.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.catalog.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;

/** Compares the catalog with the cluster; read-only. */
final class TopicPlanner {

    private final Admin admin;
    private final Duration timeout;

    TopicPlanner(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    TopicPlan plan(TopicCatalog catalog, PlanOptions options) {
        List<TopicSpec> specs = catalog.allTopics();
        Set<String> onCluster = await(admin.listTopics(new ListTopicsOptions().listInternal(false)).names(),
                timeout, "list topics");
        List<String> existing = specs.stream().map(TopicSpec::name).filter(onCluster::contains).toList();
        Map<String, TopicDescription> descriptions = describeTopics(existing);
        Map<String, Config> configs = describeConfigs(existing);

        List<TopicAction> actions = new ArrayList<>();
        for (TopicSpec spec : specs) {
            TopicLayout layout = layoutOf(spec);
            TopicDescription description = descriptions.get(spec.name());
            if (description == null) {
                actions.add(create(spec.name(), layout));
            } else {
                comparePartitions(spec, layout, description, options, actions);
                compareReplication(spec.name(), layout, description, actions);
                compareConfigs(spec.name(), layout, configs.get(spec.name()), actions);
            }
        }
        Set<String> managed = specs.stream().map(TopicSpec::name).collect(Collectors.toSet());
        for (String topic : new TreeSet<>(onCluster)) {
            if (!managed.contains(topic) && options.mayDelete(topic)) {
                actions.add(new TopicAction(ActionType.DELETE, topic, null, null, null, null,
                        "delete: on the cluster but not in the catalog"));
            }
        }
        return new TopicPlan(catalog.profile(), actions);
    }

    static TopicLayout layoutOf(TopicSpec spec) {
        return new TopicLayout(spec.partitions(), spec.replicationFactor(), spec.topicConfigs());
    }

    private Map<String, TopicDescription> describeTopics(List<String> topics) {
        if (topics.isEmpty()) {
            return Map.of();
        }
        return await(admin.describeTopics(topics).allTopicNames(), timeout, "describe topics " + topics);
    }

    private Map<String, Config> describeConfigs(List<String> topics) {
        if (topics.isEmpty()) {
            return Map.of();
        }
        List<ConfigResource> resources = topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        return await(admin.describeConfigs(resources).all(), timeout, "describe configs of topics " + topics)
                .entrySet().stream().collect(Collectors.toMap(e -> e.getKey().name(), Map.Entry::getValue));
    }

    private static TopicAction create(String topic, TopicLayout layout) {
        String configs = layout.configs().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        String wanted = layout.partitions() + " partitions, replication factor " + layout.replicationFactor();
        return new TopicAction(ActionType.CREATE, topic, null, null, wanted, layout,
                "create with " + wanted + ", " + configs);
    }

    private static void comparePartitions(TopicSpec spec, TopicLayout layout, TopicDescription description,
                                          PlanOptions options, List<TopicAction> actions) {
        int current = description.partitions().size();
        int wanted = layout.partitions();
        String from = String.valueOf(current);
        String to = String.valueOf(wanted);
        if (wanted > current) {
            if ((spec.isKeyed() || spec.isCompacted()) && !options.allowKeyRemap()) {
                actions.add(new TopicAction(ActionType.REFUSED, spec.name(), TopicAction.PARTITIONS, from, to, layout,
                        "partitions " + current + " -> " + wanted + " refused: " + keyRemapReason(spec)
                                + "; allow it with allowKeyRemap (--allow-key-remap) once producers are stopped"
                                + " and consumers have caught up"));
            } else {
                actions.add(new TopicAction(ActionType.ADD_PARTITIONS, spec.name(), TopicAction.PARTITIONS, from, to,
                        layout, "add partitions: " + current + " -> " + wanted
                                + (spec.isKeyed() || spec.isCompacted() ? " (key remap allowed)" : "")));
            }
        } else if (wanted < current) {
            actions.add(new TopicAction(ActionType.PARTITION_DECREASE_UNSUPPORTED, spec.name(), TopicAction.PARTITIONS,
                    from, to, layout, "partitions " + current + " -> " + wanted
                            + " unsupported: Kafka cannot remove partitions; raise the catalog to " + current
                            + " or recreate the topic"));
        }
    }

    private static String keyRemapReason(TopicSpec spec) {
        StringBuilder why = new StringBuilder("topic is");
        if (spec.isKeyed()) {
            why.append(" keyed by ").append(spec.keyField());
        }
        if (spec.isCompacted()) {
            why.append(spec.isKeyed() ? " and" : "").append(" compacted (cleanup.policy=")
                    .append(spec.cleanupPolicy()).append(')');
        }
        why.append(", and new partitions move keys to other partitions, which breaks per-key order");
        if (spec.isCompacted()) {
            why.append(" and leaves each key's old value behind on its old partition");
        }
        return why.toString();
    }

    private static void compareReplication(String topic, TopicLayout layout, TopicDescription description,
                                           List<TopicAction> actions) {
        Set<Integer> factors = description.partitions().stream()
                .map(TopicPartitionInfo::replicas).map(List::size).collect(Collectors.toCollection(TreeSet::new));
        int wanted = layout.replicationFactor();
        if (factors.size() == 1 && factors.contains(wanted)) {
            return;
        }
        String current = factors.stream().map(String::valueOf).collect(Collectors.joining(","));
        actions.add(new TopicAction(ActionType.REPLICATION_CHANGE_UNSUPPORTED, topic, TopicAction.REPLICATION_FACTOR,
                current, String.valueOf(wanted), layout, "replication factor " + current + " -> " + wanted
                        + " unsupported: it needs a partition reassignment (kafka-reassign-partitions),"
                        + " which apply does not do"));
    }

    private static void compareConfigs(String topic, TopicLayout layout, Config config, List<TopicAction> actions) {
        for (Map.Entry<String, String> wanted : layout.configs().entrySet()) {
            String name = wanted.getKey();
            ConfigEntry entry = config == null ? null : config.get(name);
            String current = entry == null ? null : entry.value();
            if (sameValue(name, current, wanted.getValue())) {
                continue;
            }
            String source = entry == null ? "not set" : sourceText(entry.source());
            actions.add(new TopicAction(ActionType.CONFIG_CHANGE, topic, name, current, wanted.getValue(), layout,
                    "drift: " + name + " is " + current + " on the cluster (" + source + "), the catalog wants "
                            + wanted.getValue()));
        }
    }

    static boolean sameValue(String name, String current, String wanted) {
        if (current == null) {
            return false;
        }
        if (name.equals("cleanup.policy")) {
            return listValue(current).equals(listValue(wanted));
        }
        return current.trim().equals(wanted.trim());
    }

    private static Set<String> listValue(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String sourceText(ConfigEntry.ConfigSource source) {
        return switch (source) {
            case DYNAMIC_TOPIC_CONFIG -> "set on the topic";
            case DEFAULT_CONFIG -> "Kafka default";
            case STATIC_BROKER_CONFIG, DYNAMIC_BROKER_CONFIG, DYNAMIC_DEFAULT_BROKER_CONFIG -> "broker default";
            default -> source.name();
        };
    }
}
