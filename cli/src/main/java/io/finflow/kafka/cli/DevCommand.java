package io.finflow.kafka.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.ops.topics.ActionType;
import io.finflow.kafka.ops.topics.ApplyResult;
import io.finflow.kafka.ops.topics.PlanOptions;
import io.finflow.kafka.ops.topics.TopicAction;
import io.finflow.kafka.ops.topics.TopicPlan;
import io.finflow.kafka.ops.topics.TopicsService;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.KafkaCluster;
import io.finflow.kafka.testkit.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code finflow dev}: a real Kafka on this machine for local development. */
@Command(name = "dev",
        mixinStandardHelpOptions = true,
        description = {
            "Run a real Kafka broker locally for development.",
            "",
            "Starts Apache Kafka (KRaft) in this process on 127.0.0.1, applies the topic",
            "catalog (as finflow topics apply: --catalog, --profile), prints",
            "'Kafka ready at HOST:PORT' once clients can connect, and runs until Ctrl-C",
            "or SIGTERM. Data is temporary unless --data-dir is given.",
            "With --brokers 3: three brokers and a controller on free ports (the ready line",
            "lists them); use --profile prod for replication factor 3 and min ISR 2.",
            "",
            "--metrics-port PORT serves the broker's JMX metrics on",
            "http://127.0.0.1:PORT/metrics for Prometheus, named by the JMX exporter rules",
            "of deploy/jmx-exporter/kafka-broker.yml (e.g.",
            "kafka_server_replicamanager_underreplicatedpartitions); 9404 by convention.",
            "With --brokers 3 the brokers share this JVM and so one set of MBeans: a",
            "gauge (under-replicated partitions, leader count, ...) shows the first",
            "broker that registered it, a rate (messages in, bytes in) counts all three",
            "brokers together. Per-broker metrics need one JVM per broker (the compose",
            "stack, or a real cluster)."
        })
final class DevCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "9092", paramLabel = "PORT",
            description = "Client port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--brokers", defaultValue = "1", paramLabel = "N",
            description = "1 for a single node (default), 3 for a local cluster of 3 brokers.")
    int brokers;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep broker data in DIR across restarts (default: a temporary folder, deleted on exit).")
    Path dataDir;

    @Mixin
    CatalogOptions catalog;

    @Option(names = "--no-topics", negatable = false,
            description = "Do not create the catalog's topics at start.")
    boolean noTopics;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve the broker's metrics for Prometheus on 127.0.0.1:PORT/metrics (9404 by"
                    + " convention; 0 picks a free port). Off by default.")
    Integer metricsPort;

    @Override
    public Integer call() throws Exception {
        if (metricsPort != null && (metricsPort < 0 || metricsPort > 65_535)) {
            throw new IllegalArgumentException("--metrics-port must be between 0 and 65535, was " + metricsPort);
        }
        // A bad catalog or profile fails before a broker is started, not after.
        TopicCatalog topicCatalog = noTopics ? null : catalog.catalog();
        KafkaBroker kafka = startBrokers();
        BrokerMetrics metrics;
        try {
            metrics = metricsPort == null ? null
                    : BrokerMetrics.start(new java.net.InetSocketAddress("127.0.0.1", metricsPort));
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            spec.commandLine().getErr().println("Stopping Kafka...");
            spec.commandLine().getErr().flush();
            if (metrics != null) {
                metrics.close();
            }
            kafka.close();
            stopped.countDown();
        }, "finflow-dev-shutdown"));
        if (!noTopics) {
            int created = applyCatalog(kafka, topicCatalog);
            spec.commandLine().getErr().println("Created " + created + " topics from the FinFlow catalog (profile "
                    + catalog.profile() + ")");
        }
        spec.commandLine().getOut().println("Kafka ready at " + kafka.bootstrapServers());
        if (metrics != null) {
            spec.commandLine().getOut().println("Broker metrics at " + metrics.url());
        }
        spec.commandLine().getOut().flush();
        stopped.await();
        return ExitCodes.OK;
    }

    private KafkaBroker startBrokers() {
        if (brokers == 1) {
            return EmbeddedKafka.builder().port(port).dataDir(dataDir).start();
        }
        if (brokers != 3) {
            throw new IllegalArgumentException("--brokers must be 1 or 3, was " + brokers);
        }
        if (dataDir != null) {
            throw new IllegalArgumentException("--data-dir keeps a single broker's data; it cannot be used with --brokers 3");
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--port")) {
            throw new IllegalArgumentException("--port applies to a single broker; the 3 brokers of --brokers 3 use"
                    + " free ports, printed in the ready line");
        }
        return KafkaCluster.start(3);
    }

    /**
     * Plans the catalog against the broker and applies what can be applied; refusals (a --data-dir broker
     * made from an older catalog) are reported, not fatal: the broker keeps running. Returns the topics created.
     */
    private int applyCatalog(KafkaBroker kafka, TopicCatalog topicCatalog) {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            TopicsService topics = new TopicsService(admin);
            TopicPlan plan = topics.plan(topicCatalog, PlanOptions.DEFAULT);
            for (TopicAction refused : plan.refusals()) {
                spec.commandLine().getErr().println("finflow: warning: topic '" + refused.topic() + "' not converged: "
                        + refused.message());
            }
            if (plan.executable().isEmpty()) {
                return 0;
            }
            ApplyResult result = topics.apply(new TopicPlan(plan.profile(), plan.executable()));
            return (int) result.applied().stream().filter(a -> a.type() == ActionType.CREATE).count();
        }
    }
}
