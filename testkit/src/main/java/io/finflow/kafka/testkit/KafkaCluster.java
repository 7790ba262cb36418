package io.finflow.kafka.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real multi-broker Apache Kafka cluster (KRaft) running in this JVM: {@code n} brokers plus one
 * dedicated controller, built on Kafka's own {@code KafkaClusterTestKit}.
 *
 * <pre>{@code
 * try (KafkaCluster cluster = KafkaCluster.start(3)) {
 *     int leader = cluster.leaderOf("transaction-events", 0);
 *     cluster.stopBroker(leader);      // clients fail over to another replica
 *     cluster.restartBroker(leader);   // the broker rejoins and catches up
 * }
 * }</pre>
 *
 * <p>Defaults fit a small production-like cluster: topic auto-creation off; internal topics and
 * {@code default.replication.factor} at {@code min(3, brokers)}; {@code min.insync.replicas} and
 * {@code transaction.state.log.min.isr} at {@code min(2, brokers)}. Broker ids are {@code 0..n-1};
 * clients connect to {@code localhost}. A broker keeps its port across a restart, so
 * {@link #bootstrapServers()} stays valid. Unlike {@link EmbeddedKafka}, the kit's fault handlers
 * record a fatal broker fault instead of halting the JVM, and {@link #close()} reports the first one.
 *
 * <p>Methods are thread-safe; {@link #stopBroker(int)}, {@link #restartBroker(int)} and
 * {@link #close()} run one at a time.
 */
public final class KafkaCluster implements KafkaBroker {

    private static final Logger log = LoggerFactory.getLogger(KafkaCluster.class);

    /** Number of brokers of {@link #builder()}. */
    public static final int DEFAULT_BROKERS = 3;

    /** Time allowed for start-up, and for a stopped or restarted broker to be seen by the cluster. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final Duration ADMIN_CALL_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaClusterTestKit kit;
    private final Path dataDir;
    private final String bootstrapServers;
    private final Duration timeout;
    private final Set<Integer> stopped = new TreeSet<>();
    private Admin admin;
    private boolean closed;

    private KafkaCluster(KafkaClusterTestKit kit, Path dataDir, Duration timeout) {
        this.kit = kit;
        this.dataDir = dataDir;
        this.bootstrapServers = kit.bootstrapServers();
        this.timeout = timeout;
    }

    /** Starts a cluster of {@code brokers} brokers and one controller with default settings. */
    public static KafkaCluster start(int brokers) {
        return builder().brokers(brokers).start();
    }

    /** A builder with defaults: {@value #DEFAULT_BROKERS} brokers, one controller. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        return props;
    }

    /** Ids of all brokers, running or stopped, in ascending order. */
    public List<Integer> brokerIds() {
        return kit.brokers().keySet().stream().sorted().collect(Collectors.toList());
    }

    /** Ids of the brokers that are not stopped, in ascending order. */
    public synchronized List<Integer> runningBrokerIds() {
        return brokerIds().stream().filter(id -> !stopped.contains(id)).collect(Collectors.toList());
    }

    /** The folder holding every node's logs and metadata; deleted on {@link #close()}. */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * Shuts a broker down (controlled shutdown: its partition leaderships move to other replicas
     * first) and returns once the remaining brokers, if any, no longer list it.
     *
     * @throws IllegalArgumentException for an unknown broker id
     * @throws IllegalStateException    when the broker is already stopped or the cluster is closed
     */
    public synchronized void stopBroker(int id) {
        BrokerServer broker = runningBroker(id);
        long started = System.nanoTime();
        broker.shutdown();
        broker.awaitShutdown();
        stopped.add(id);
        long shutdownMs = elapsedMs(started);
        if (stopped.size() < kit.brokers().size()) {
            awaitClusterView("broker " + id + " to leave the cluster", nodes -> !nodes.contains(id));
        }
        log.info("stopped broker {} in {} ms (shutdown {} ms)", id, elapsedMs(started), shutdownMs);
    }

    /**
     * Starts a stopped broker again on the same port and data, first stopping it when it is running.
     * Returns once the cluster lists the broker again (registered and unfenced). The broker then
     * catches up on its replicas and rejoins their ISR; that takes a moment more, so wait for it
     * when a test depends on it.
     *
     * <p>The controller accepts the new registration only once the stopped broker's session has
     * expired ({@code broker.session.timeout.ms}, 4 s in this cluster instead of Kafka's 9 s), so a
     * restart right after a stop takes about that long; later it takes a few hundred milliseconds.
     *
     * @throws IllegalArgumentException for an unknown broker id
     * @throws IllegalStateException    when the cluster is closed or the broker does not come back
     */
    public synchronized void restartBroker(int id) {
        ensureOpen();
        BrokerServer broker = knownBroker(id);
        if (!stopped.contains(id)) {
            stopBroker(id);
        }
        long started = System.nanoTime();
        broker.startup();
        stopped.remove(id);
        awaitClusterView("broker " + id + " to rejoin the cluster", nodes -> nodes.contains(id));
        log.info("restarted broker {} in {} ms", id, elapsedMs(started));
    }

    /**
     * The id of the broker leading a partition, as the cluster metadata says now.
     *
     * @throws IllegalStateException when the partition has no leader (all its replicas are down)
     */
    public int leaderOf(String topic, int partition) {
        Node leader = partitionInfo(topic, partition).leader();
        if (leader == null || leader.isEmpty()) {
            throw new IllegalStateException("partition " + topic + "-" + partition + " has no leader");
        }
        return leader.id();
    }

    /** Ids of the in-sync replicas of a partition, as the cluster metadata says now. */
    public Set<Integer> inSyncReplicas(String topic, int partition) {
        return partitionInfo(topic, partition).isr().stream().map(Node::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Stops every broker and the controller and deletes the data folder. Idempotent.
     *
     * @throws IllegalStateException when a node failed to shut down or recorded a fault while it ran;
     *                               the data folder is deleted anyway
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long started = System.nanoTime();
        try {
            if (admin != null) {
                admin.close(Duration.ZERO);
            }
            kit.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the Kafka cluster", e);
        } catch (Exception e) {
            throw new IllegalStateException("the Kafka cluster did not shut down cleanly: " + e.getMessage(), e);
        } finally {
            DataDirs.deleteRecursively(dataDir);
            log.info("Kafka cluster stopped in {} ms", elapsedMs(started));
        }
    }

    private BrokerServer knownBroker(int id) {
        BrokerServer broker = kit.brokers().get(id);
        if (broker == null) {
            throw new IllegalArgumentException("no broker with id " + id + "; broker ids are " + brokerIds());
        }
        return broker;
    }

    private BrokerServer runningBroker(int id) {
        ensureOpen();
        BrokerServer broker = knownBroker(id);
        if (stopped.contains(id)) {
            throw new IllegalStateException("broker " + id + " is already stopped");
        }
        return broker;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the Kafka cluster is closed");
        }
    }

    private void awaitClusterView(String what, Predicate<Set<Integer>> condition) {
        Readiness.await(what, timeout, () -> condition.test(liveBrokerIds()));
    }

    private Set<Integer> liveBrokerIds() throws Exception {
        return admin().describeCluster().nodes().get(ADMIN_CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .stream().map(Node::id).collect(Collectors.toSet());
    }

    private TopicPartitionInfo partitionInfo(String topic, int partition) {
        try {
            List<TopicPartitionInfo> partitions = admin().describeTopics(List.of(topic)).allTopicNames()
                    .get(ADMIN_CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic).partitions();
            if (partition < 0 || partition >= partitions.size()) {
                throw new IllegalArgumentException("topic '" + topic + "' has partitions 0.."
                        + (partitions.size() - 1) + ", was " + partition);
            }
            return partitions.get(partition);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing topic '" + topic + "'", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not describe topic '" + topic + "': " + e.getMessage(), e);
        }
    }

    private synchronized Admin admin() {
        ensureOpen();
        if (admin == null) {
            Map<String, Object> props = clientProperties();
            props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_CALL_TIMEOUT.toMillis());
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_CALL_TIMEOUT.toMillis());
            admin = Admin.create(props);
        }
        return admin;
    }

    private static long elapsedMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** Options of a {@link KafkaCluster}; {@link #start()} formats storage and starts every node. */
    public static final class Builder {
        private int brokers = DEFAULT_BROKERS;
        private Duration timeout = DEFAULT_TIMEOUT;
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();

        private Builder() {
        }

        /** Number of brokers, at least 1 (default {@value KafkaCluster#DEFAULT_BROKERS}). */
        public Builder brokers(int brokers) {
            if (brokers < 1) {
                throw new IllegalArgumentException("brokers must be >= 1, was " + brokers);
            }
            this.brokers = brokers;
            return this;
        }

        /**
         * How long start-up may take, and how long {@link KafkaCluster#stopBroker(int)} and
         * {@link KafkaCluster#restartBroker(int)} wait for the cluster to see the change.
         */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** Sets a property on every node, overriding the testkit's defaults. */
        public Builder brokerProperty(String key, String value) {
            brokerProperties.put(key, value);
            return this;
        }

        /**
         * Formats storage, starts the controller and brokers and returns once every broker is
         * registered, unfenced and visible to clients.
         *
         * @throws IllegalStateException when the cluster does not start within the timeout
         */
        public KafkaCluster start() {
            long started = System.nanoTime();
            Path dir = DataDirs.createTemp("finflow-kafka-cluster-");
            KafkaClusterTestKit kit;
            try {
                kit = ClusterKits.build(dir, brokers, brokerProperties);
            } catch (RuntimeException e) {
                DataDirs.deleteRecursively(dir);
                throw e;
            }
            try {
                ClusterKits.formatAndStart(kit, timeout);
                KafkaCluster cluster = new KafkaCluster(kit, dir, timeout);
                Readiness.awaitBrokers(cluster.clientProperties(), brokers, timeout);
                log.info("Kafka cluster of {} brokers started in {} ms at {}",
                        brokers, elapsedMs(started), cluster.bootstrapServers());
                return cluster;
            } catch (RuntimeException e) {
                ClusterKits.closeQuietly(kit, e);
                DataDirs.deleteRecursively(dir);
                throw e;
            }
        }
    }
}
