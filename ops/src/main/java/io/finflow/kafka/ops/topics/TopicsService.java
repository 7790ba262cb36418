package io.finflow.kafka.ops.topics;

import static io.finflow.kafka.ops.internal.KafkaCalls.await;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.ops.OpsException;
import io.finflow.kafka.ops.internal.KafkaCalls;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Topics as code: compares the {@link TopicCatalog} with the cluster, applies the difference, and lists
 * and describes topics.
 *
 * <pre>{@code
 * TopicsService topics = new TopicsService(admin);
 * TopicPlan plan = topics.plan(TopicCatalog.fromClasspath("prod"), PlanOptions.DEFAULT);
 * plan.actions().forEach(a -> out.println(a.topic() + ": " + a.message()));
 * topics.apply(plan);                       // throws OperationRefusedException on refusals
 * }</pre>
 *
 * <p>Planning only reads. {@link #apply(TopicPlan)} is idempotent: planning again after a successful
 * apply gives an empty plan. The service does not close the {@code Admin}; it is safe to use from
 * several threads as far as {@code Admin} is.
 */
public final class TopicsService {

    private final Admin admin;
    private final Duration timeout;
    private final TopicPlanner planner;
    private final TopicApplier applier;

    /** A service whose Admin calls may take {@link KafkaCalls#DEFAULT_TIMEOUT} each. */
    public TopicsService(Admin admin) {
        this(admin, KafkaCalls.DEFAULT_TIMEOUT);
    }

    /** A service whose Admin calls may take {@code timeout} each. */
    public TopicsService(Admin admin, Duration timeout) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.timeout = KafkaCalls.requirePositive(timeout);
        this.planner = new TopicPlanner(admin, timeout);
        this.applier = new TopicApplier(admin, timeout);
    }

    /**
     * Compares every topic of {@code catalog} (event topics and their dead letter topics) with the
     * cluster and lists what differs: topics to create, partitions to add, managed configs that drifted
     * (with their current value), and the differences apply refuses (replication factor, fewer partitions,
     * a partition increase on a keyed or compacted topic without key remap). Topics that the catalog does
     * not declare are proposed for deletion only with {@link PlanOptions#allowDelete()}.
     *
     * @throws OpsException when the cluster cannot be read
     */
    public TopicPlan plan(TopicCatalog catalog, PlanOptions options) {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(options, "options");
        return planner.plan(catalog, options);
    }

    /**
     * Carries out the plan's executable actions: creates topics (with the catalog's configs), adds
     * partitions, sets drifted configs with an incremental alter ({@code SET}, other configs are left
     * alone) and deletes topics. Order: create, add partitions, configs, delete.
     *
     * @throws io.finflow.kafka.ops.OperationRefusedException when the plan holds a refusal; nothing is changed
     * @throws OpsException when Kafka rejects some actions; the message names them, the others were applied
     */
    public ApplyResult apply(TopicPlan plan) {
        Objects.requireNonNull(plan, "plan");
        ApplyResult result = applier.apply(plan);
        Set<String> grown = new java.util.TreeSet<>();
        result.applied().stream()
                .filter(a -> a.type() == ActionType.CREATE || a.type() == ActionType.ADD_PARTITIONS)
                .forEach(a -> grown.add(a.topic()));
        awaitWritable(grown);
        return result;
    }

    /**
     * Waits until every partition of these topics has a leader that answers offset requests. Right
     * after a topic is created an idempotent producer can see its first batch bounced (NOT_LEADER)
     * while later batches are accepted, then fail with OutOfOrderSequenceException (seen with Kafka
     * 4.3); {@link #apply} therefore returns only once new partitions are writable.
     *
     * @throws OpsException when the leaders are not ready within the service's timeout
     */
    public void awaitWritable(Set<String> topics) {
        if (topics.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                java.util.Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> request =
                        new java.util.HashMap<>();
                admin.describeTopics(topics).allTopicNames().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                        .forEach((name, description) -> description.partitions().forEach(p -> request.put(
                                new org.apache.kafka.common.TopicPartition(name, p.partition()),
                                org.apache.kafka.clients.admin.OffsetSpec.latest())));
                admin.listOffsets(request).all().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OpsException("interrupted while waiting for the leaders of " + topics, e);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new OpsException("the partitions of " + topics + " have no ready leader after "
                            + timeout.toSeconds() + " s: " + KafkaCalls.describe(e), e);
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OpsException("interrupted while waiting for the leaders of " + topics, e);
            }
        }
    }

    /**
     * The cluster's topics, Kafka's internal ones excepted, sorted by name, each marked managed when
     * {@code catalog} declares it.
     *
     * @throws OpsException when the cluster cannot be read
     */
    public List<TopicSummary> list(TopicCatalog catalog) {
        Objects.requireNonNull(catalog, "catalog");
        Set<String> names = await(admin.listTopics(new ListTopicsOptions().listInternal(false)).names(), timeout,
                "list topics");
        if (names.isEmpty()) {
            return List.of();
        }
        return await(admin.describeTopics(names).allTopicNames(), timeout, "describe topics").values().stream()
                .map(d -> new TopicSummary(d.name(), d.partitions().size(),
                        d.partitions().isEmpty() ? 0 : d.partitions().get(0).replicas().size(),
                        catalog.find(d.name()).isPresent()))
                .sorted(Comparator.comparing(TopicSummary::name))
                .toList();
    }

    /**
     * One topic's partitions (leader, replicas, in-sync replicas) and its configs that are not Kafka
     * defaults.
     *
     * @throws OpsException "topic 'x' does not exist" for an unknown topic, or when the cluster cannot be read
     */
    public TopicDetails describe(String topic) {
        Objects.requireNonNull(topic, "topic");
        TopicDescription description;
        try {
            description = await(admin.describeTopics(List.of(topic)).allTopicNames(), timeout,
                    "describe topic '" + topic + "'").get(topic);
        } catch (OpsException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new OpsException("topic '" + topic + "' does not exist", e.getCause());
            }
            throw e;
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = await(admin.describeConfigs(List.of(resource)).all(), timeout,
                "describe configs of topic '" + topic + "'").get(resource);
        List<ConfigValue> configs = config.entries().stream()
                .filter(e -> e.source() != ConfigEntry.ConfigSource.DEFAULT_CONFIG)
                .map(e -> new ConfigValue(e.name(), e.isSensitive() ? null : e.value(), e.source().name()))
                .sorted(Comparator.comparing(ConfigValue::name))
                .toList();
        List<PartitionDetails> partitions = description.partitions().stream()
                .sorted(Comparator.comparingInt(TopicPartitionInfo::partition))
                .map(TopicsService::partitionDetails)
                .toList();
        return new TopicDetails(description.name(), description.topicId().toString(), description.isInternal(),
                partitions, configs);
    }

    private static PartitionDetails partitionDetails(TopicPartitionInfo p) {
        Node leader = p.leader();
        return new PartitionDetails(p.partition(), leader == null || leader.isEmpty() ? null : leader.id(),
                p.replicas().stream().map(Node::id).toList(), p.isr().stream().map(Node::id).toList());
    }
}
