package io.finflow.kafka.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.KRaftVersion;
import org.apache.kafka.server.common.MetadataVersion;

/** Builds, starts and stops Kafka's {@link KafkaClusterTestKit} with FinFlow's cluster defaults. */
final class ClusterKits {

    /**
     * Node id of the single controller: the kit numbers controllers from 3000
     * ({@code TestKitDefaults.CONTROLLER_ID_OFFSET}, in a jar that is only on the runtime path) and
     * rejects per-server properties for an unknown id, so a change would fail loudly.
     */
    static final int CONTROLLER_ID = 3000;

    private ClusterKits() {
    }

    /** Builds (does not start) a kit of {@code brokers} brokers and one dedicated controller. */
    static KafkaClusterTestKit build(Path baseDir, int brokers, Map<String, String> overrides) {
        TestKitNodes nodes = new TestKitNodes.Builder()
                // Combined broker+controller nodes hit a fatal raft fault with 3 nodes: keep them apart.
                .setCombined(false)
                .setNumBrokerNodes(brokers)
                .setNumControllerNodes(1)
                // The kit defaults to the latest, unstable metadata version, and bootstraps no other
                // feature: without group.version the brokers refuse the KIP-848 consumer group protocol.
                .setBootstrapMetadata(bootstrapMetadata())
                // Our own folder: the kit's default temp folder registers a JVM shutdown hook per cluster.
                .setBaseDirectory(baseDir)
                // Kafka 4.3 reads this on the controller and warns when a broker defines it.
                .setPerServerProperties(Map.of(CONTROLLER_ID, Map.of(
                        "default.replication.factor", String.valueOf(replicationFactor(brokers)))))
                .build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
        defaults(brokers).forEach(builder::setConfigProp);
        overrides.forEach(builder::setConfigProp);
        try {
            return builder.build();
        } catch (Exception e) {
            throw new IllegalStateException("could not build a Kafka cluster of " + brokers + " brokers: "
                    + e.getMessage(), e);
        }
    }

    /**
     * What {@code kafka-storage format --release-version} writes for the latest production release, as
     * the single node's {@code Formatter} does: its metadata version and every production feature at its
     * default level for that version ({@code group.version} turns on the KIP-848 consumer group protocol,
     * {@code transaction.version} the KIP-890 transactions). {@code kraft.version} is the quorum's own.
     */
    static BootstrapMetadata bootstrapMetadata() {
        MetadataVersion release = MetadataVersion.latestProduction();
        Map<String, Short> features = new TreeMap<>();
        for (Feature feature : Feature.PRODUCTION_FEATURES) {
            if (!feature.featureName().equals(KRaftVersion.FEATURE_NAME)) {
                features.put(feature.featureName(), feature.defaultLevel(release));
            }
        }
        return BootstrapMetadata.fromVersions(release, features, "finflow testkit");
    }

    private static int replicationFactor(int brokers) {
        return Math.min(3, brokers);
    }

    /** Broker settings that suit a cluster of this size: replicated internal topics, no auto-create. */
    static Map<String, String> defaults(int brokers) {
        String replicationFactor = String.valueOf(replicationFactor(brokers));
        String minIsr = String.valueOf(Math.min(2, brokers));
        return Map.ofEntries(
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("min.insync.replicas", minIsr),
                Map.entry("offsets.topic.replication.factor", replicationFactor),
                Map.entry("offsets.topic.num.partitions", "10"),
                Map.entry("transaction.state.log.replication.factor", replicationFactor),
                Map.entry("transaction.state.log.min.isr", minIsr),
                Map.entry("transaction.state.log.num.partitions", "5"),
                Map.entry("share.coordinator.state.topic.replication.factor", replicationFactor),
                Map.entry("share.coordinator.state.topic.min.isr", minIsr),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // A restarted broker can register again only once its previous session expired
                // (9 s by default); frequent heartbeats also end a controlled shutdown sooner.
                Map.entry("broker.heartbeat.interval.ms", "500"),
                Map.entry("broker.session.timeout.ms", "4000"));
    }

    /**
     * The kit's format step prints the bootstrap metadata to System.out, which would break a command
     * whose standard output is its result (finflow dev prints one ready line): it is sent nowhere.
     */
    private static synchronized void formatQuietly(KafkaClusterTestKit kit) throws Exception {
        java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream(), true,
                java.nio.charset.StandardCharsets.UTF_8));
        try {
            kit.format();
        } finally {
            System.setOut(stdout);
        }
    }

    /**
     * Formats every node, starts them and waits until all brokers are ready, giving up after the
     * timeout (the kit itself would wait for minutes).
     */
    static void formatAndStart(KafkaClusterTestKit kit, Duration timeout) {
        ExecutorService starter = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "finflow-kafka-cluster-start");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<?> start = starter.submit(() -> {
                formatQuietly(kit);
                kit.startup();
                kit.waitForReadyBrokers();
                return null;
            });
            start.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the Kafka cluster", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the Kafka cluster failed to start: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the Kafka cluster did not start within " + timeout.toSeconds() + " s", e);
        } finally {
            starter.shutdownNow();
        }
    }

    /** Closes a kit after a failed start, attaching any close failure to the start failure. */
    static void closeQuietly(KafkaClusterTestKit kit, RuntimeException cause) {
        try {
            kit.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cause.addSuppressed(e);
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }
}
