package io.finflow.bench;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.testkit.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;

/**
 * The broker the benchmarks run against: an embedded single node started here, or an existing cluster
 * given with {@code --bootstrap}. Creates the benchmark topics under a prefix unique to this run,
 * measures their size on disk, and on {@link #close()} deletes them (on an existing cluster) or stops the
 * embedded broker, whose data folder goes with it.
 */
final class BenchCluster implements AutoCloseable {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedKafka embedded;
    private final String bootstrap;
    private final int replicationFactor;
    private final Admin admin;
    private final String runId;
    private final List<String> created = new ArrayList<>();
    private final boolean keep;

    private BenchCluster(EmbeddedKafka embedded, String bootstrap, int replicationFactor, boolean keep) {
        this.keep = keep;
        this.embedded = embedded;
        this.bootstrap = bootstrap;
        this.replicationFactor = replicationFactor;
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
        this.runId = "bench-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMddHHmmss")) + "-";
    }

    /** Starts an embedded broker, or connects to {@code options.bootstrap()}. */
    static BenchCluster start(BenchOptions options) {
        if (options.embedded()) {
            EmbeddedKafka kafka = EmbeddedKafka.builder().start();
            try {
                return new BenchCluster(kafka, kafka.bootstrapServers(), 1, false);
            } catch (RuntimeException e) {
                kafka.close();
                throw e;
            }
        }
        return new BenchCluster(null, options.bootstrap(), options.replicationFactor(), options.keepTopics());
    }

    /** Bootstrap servers of the cluster. */
    String bootstrap() {
        return bootstrap;
    }

    /** Client configuration for the library's options. */
    ClientConfig clientConfig() {
        return ClientConfig.of(bootstrap);
    }

    /** "embedded single node" or the bootstrap servers, for the report. */
    String describe() {
        return embedded != null ? "embedded single-node KRaft broker in the benchmark JVM (" + bootstrap + ")"
                : "existing cluster at " + bootstrap + ", replication factor " + replicationFactor;
    }

    /**
     * The bundled catalog with every topic renamed {@code bench-<time>-<scope>-<name>}, so runs never
     * share a topic and the library's catalog checks still apply.
     */
    TopicCatalog catalog(String scope) {
        return TopicCatalog.fromClasspath(TopicCatalog.DEFAULT_PROFILE).withPrefix(runId + scope + "-");
    }

    /** A topic name unique to this run. */
    String topicName(String suffix) {
        return runId + suffix;
    }

    /**
     * Creates a topic and waits until every partition's leader answers (an idempotent producer writing
     * to a partition whose leader is not ready yet can fail with OutOfOrderSequence).
     *
     * @param configs topic configs; {@code min.insync.replicas} is set to fit the replication factor
     */
    void createTopic(String name, int partitions, Map<String, String> configs) {
        Map<String, String> all = new HashMap<>(configs);
        all.putIfAbsent("min.insync.replicas", String.valueOf(Math.max(1, replicationFactor - 1)));
        NewTopic topic = new NewTopic(name, partitions, (short) replicationFactor).configs(all);
        await(admin.createTopics(List.of(topic)).all(), "create topic " + name);
        created.add(name);
        awaitLeaders(name, partitions);
    }

    private void awaitLeaders(String topic, int partitions) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("leaders of " + topic + " not ready after 60 s: " + e.getMessage(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the leaders of " + topic, e);
            }
            sleep(100);
        }
    }

    /**
     * Bytes of the topic's log segments on disk, summed over its partitions and replicas
     * ({@code Admin.describeLogDirs}, the size Kafka itself reports per replica).
     */
    long logBytes(String topic) {
        Collection<Integer> brokers = await(admin.describeCluster().nodes(), "describe cluster").stream()
                .map(Node::id).toList();
        Map<Integer, Map<String, LogDirDescription>> dirs =
                await(admin.describeLogDirs(brokers).allDescriptions(), "describe log dirs");
        long bytes = 0;
        for (Map<String, LogDirDescription> byDir : dirs.values()) {
            for (LogDirDescription dir : byDir.values()) {
                for (Map.Entry<TopicPartition, ReplicaInfo> replica : dir.replicaInfos().entrySet()) {
                    if (replica.getKey().topic().equals(topic)) {
                        bytes += replica.getValue().size();
                    }
                }
            }
        }
        return bytes;
    }

    /** The cluster's Admin (owned by this cluster: do not close). */
    Admin admin() {
        return admin;
    }

    /** Replication factor of the benchmark topics (bytes on disk count every replica). */
    int replicationFactor() {
        return replicationFactor;
    }

    /** Deletes the topics this run created (existing cluster), or stops the embedded broker. */
    @Override
    public void close() {
        try {
            if (embedded == null && !created.isEmpty() && !keep) {
                try {
                    await(admin.deleteTopics(created).all(), "delete benchmark topics");
                } catch (RuntimeException e) {
                    System.err.println("could not delete benchmark topics " + created + ": " + e.getMessage());
                }
            }
            admin.close(Duration.ofSeconds(5));
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future, String what) {
        try {
            return future.get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " did not answer within " + ADMIN_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
