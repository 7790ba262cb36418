package io.finflow.kafka.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.ops.acls.AclCatalog;
import io.finflow.kafka.ops.acls.AclPlanner;
import io.finflow.kafka.ops.acls.AclService;
import io.finflow.kafka.ops.topics.ActionType;
import io.finflow.kafka.ops.topics.ApplyResult;
import io.finflow.kafka.ops.topics.PlanOptions;
import io.finflow.kafka.ops.topics.TopicAction;
import io.finflow.kafka.ops.topics.TopicPlan;
import io.finflow.kafka.ops.topics.TopicsService;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.KafkaCluster;
import io.finflow.kafka.testkit.KafkaBroker;
import io.finflow.kafka.testkit.Passwords;
import io.finflow.kafka.testkit.SecuredKafka;
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
            "With --secure: one broker whose listener requires SASL_SSL (SCRAM-SHA-512,",
            "certificates of a CA generated for this run) and ACLs (StandardAuthorizer,",
            "deny by default). Every user of the ACL catalog (--acls, default",
            "config/acls.yaml) is created with a random password and its ACLs applied.",
            "Writes, mode 0600, to --data-dir DIR (default: a new temporary folder,",
            "deleted on exit): DIR/client.properties (the admin, for --command-config),",
            "DIR/clients/<user>.properties and DIR/ca.pem (for kcat, kafkajs). Prints",
            "the paths and user names, never a password.",
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
        },
        footer = {
            "",
            "Examples:",
            "  finflow dev",
            "  finflow dev --brokers 3 --profile prod",
            "  finflow dev --metrics-port 9404                # broker metrics for Prometheus",
            "  finflow dev --secure --data-dir .kafka-secure",
            "  finflow topics list --command-config .kafka-secure/client.properties"
        })
final class DevCommand implements Callable<Integer> {

    private static final Duration ACL_TIMEOUT = Duration.ofSeconds(30);

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "9092", paramLabel = "PORT",
            description = "Client port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--brokers", defaultValue = "1", paramLabel = "N",
            description = "1 for a single node (default), 3 for a local cluster of 3 brokers.")
    int brokers;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep broker data in DIR across restarts (default: a temporary folder, deleted on exit)."
                    + " With --secure: write the client files to DIR and keep them (the broker's data stays"
                    + " temporary: a restart makes new certificates and passwords).")
    Path dataDir;

    @Option(names = "--secure",
            description = "SASL_SSL with SCRAM-SHA-512, generated certificates, the ACL catalog's users and ACLs;"
                    + " writes client files (see above).")
    boolean secure;

    @Mixin
    AclsOptions aclsOptions;

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
        if (secure) {
            return runSecure();
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

    private int runSecure() throws Exception {
        if (brokers != 1) {
            throw new IllegalArgumentException("--secure starts a single broker; it cannot be used with --brokers "
                    + brokers);
        }
        AclCatalog acls = aclsOptions.acls();
        TopicCatalog topicCatalog = catalog.catalog();
        AclPlanner.desired(acls, topicCatalog); // refuse a bad ACL catalog before starting anything
        Path dir = dataDir != null ? dataDir : Files.createTempDirectory("finflow-secure-");
        boolean temporary = dataDir == null;
        Map<String, String> passwords = new LinkedHashMap<>();
        acls.principals().forEach(p -> passwords.put(p.user(), Passwords.random()));
        SecuredKafka.Builder builder = SecuredKafka.builder().port(port);
        passwords.forEach(builder::user);
        SecuredKafka kafka;
        try {
            kafka = builder.start();
        } catch (RuntimeException e) {
            if (temporary) {
                deleteQuietly(dir);
            }
            throw e;
        }
        BrokerMetrics metrics;
        try {
            metrics = metricsPort == null ? null
                    : BrokerMetrics.start(new java.net.InetSocketAddress("127.0.0.1", metricsPort));
        } catch (RuntimeException e) {
            kafka.close();
            if (temporary) {
                deleteQuietly(dir);
            }
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
            if (temporary) {
                deleteQuietly(dir);
            }
            stopped.countDown();
        }, "finflow-dev-shutdown"));
        PrintWriter err = spec.commandLine().getErr();
        if (!noTopics) {
            int created = applyCatalog(kafka, topicCatalog);
            err.println("Created " + created + " topics from the FinFlow catalog (profile " + catalog.profile() + ")");
        }
        int granted;
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            AclService service = new AclService(admin, ACL_TIMEOUT);
            granted = service.apply(service.plan(acls, topicCatalog, false)).size();
        }
        err.println("Applied " + granted + " ACLs for " + passwords.size() + " user(s) from " + acls.source());
        err.flush();
        SecureDevFiles.Written files = SecureDevFiles.write(dir, kafka, passwords);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Kafka ready at " + kafka.bootstrapServers());
        if (metrics != null) {
            out.println("Broker metrics at " + metrics.url());
        }
        out.println("Security: SASL_SSL, SCRAM-SHA-512, certificates of a CA generated for this run; ACLs deny by"
                + " default");
        out.println("Client files (mode 0600) in " + files.dir() + (temporary ? " (deleted on exit)" : "") + ":");
        Table table = new Table("FOR", "FILE");
        table.row("admin (super user)", files.admin());
        table.row("CA certificate (kcat, kafkajs)", files.ca());
        files.clients().forEach((user, file) -> table.row(user, file));
        table.lines().forEach(line -> out.println("  " + line));
        out.println("Users: " + SecuredKafka.ADMIN_USER + ", " + String.join(", ", files.clients().keySet())
                + " (passwords only in the files)");
        out.println("Try: finflow topics list --command-config " + files.admin());
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }

    /** Deletes the temporary client files folder; what cannot be deleted is left (it is under the temp dir). */
    private static void deleteQuietly(Path dir) {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (java.io.IOException ignored) {
                    // best effort on exit
                }
            });
        } catch (java.io.IOException | java.io.UncheckedIOException ignored) {
            // best effort on exit
        }
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
