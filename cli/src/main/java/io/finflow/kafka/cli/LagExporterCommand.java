package io.finflow.kafka.cli;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.finflow.kafka.metrics.PrometheusEndpoint;
import io.finflow.kafka.ops.lag.LagExporter;
import io.finflow.kafka.ops.lag.LagExporterOptions;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code finflow lag-exporter}: consumer lag for Prometheus. */
@Command(name = "lag-exporter",
        header = "Serve consumer lag and Burrow-style status to Prometheus.",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the consumer lag of every group (or of --group) on",
            "http://HOST:PORT/metrics for Prometheus, with kafka-lag-exporter's metric",
            "names: kafka_consumergroup_group_lag (offset lag) and",
            "kafka_consumergroup_group_lag_seconds (time lag) per group, topic and",
            "partition, kafka_consumergroup_group_max_lag_seconds per group, and more",
            "(docs/metrics.md). Plus a Burrow-style status, one-hot: per partition",
            "kafka_consumergroup_group_partition_status{status=OK|WARN|STOP|STALL|REWIND}",
            "and per group kafka_consumergroup_group_status{status=OK|WARN|ERR}, judged",
            "over the last --window samples: no thresholds to tune.",
            "",
            "Every --interval it reads the groups' committed offsets and members and the",
            "log end offsets in a few batched Admin requests; time lag is estimated from",
            "the sampled log end offsets and their times (no record is read). /metrics is",
            "served at once; while Kafka does not answer, stderr says why (within",
            "--timeout) and the exporter retries. Runs until Ctrl-C or SIGTERM."
        },
        footer = {
            "",
            "Examples:",
            "  finflow lag-exporter                              # every group, port 9308",
            "  finflow lag-exporter --group '.*-service-group' --port 9309",
            "  finflow lag-exporter --interval 30s --window 10   # longer window, fewer samples"
        })
final class LagExporterCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Option(names = "--port", defaultValue = "9308", paramLabel = "PORT",
            description = "Port to serve /metrics on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", defaultValue = "0.0.0.0", paramLabel = "HOST",
            description = "Interface to listen on (default: ${DEFAULT-VALUE}, every interface).")
    String host;

    @Option(names = "--group", paramLabel = "REGEX",
            description = "Only the groups whose whole id matches REGEX (default: every group).")
    String group;

    @Option(names = "--interval", defaultValue = "10s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Time between two samples of the offsets (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--window", defaultValue = "6", paramLabel = "N",
            description = "Samples a status is judged over; the first status other than OK can come"
                    + " (N-1) x interval after start (default: ${DEFAULT-VALUE}: within a minute).")
    int window;

    @Option(names = "--cluster-name", defaultValue = LagExporterOptions.DEFAULT_CLUSTER_NAME, paramLabel = "NAME",
            description = "Value of the cluster_name label (default: ${DEFAULT-VALUE}).")
    String clusterName;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, was " + port);
        }
        LagExporterOptions options = LagExporterOptions.defaults().withInterval(interval).withWindow(window)
                .withGroups(groupPattern()).withClusterName(clusterName).withTimeout(client.timeout());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Served at once: while Kafka is unreachable Prometheus still sees the exporter up, with no lag yet.
        PrometheusEndpoint endpoint = PrometheusEndpoint.start(registry, new InetSocketAddress(host, port));
        Running running = new Running(endpoint);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "finflow-lag-exporter-shutdown"));
        out.printf("Serving consumer lag of %s on %s (sampling every %s, status over %d samples)%n",
                group == null ? "every group" : "groups matching '" + group + "'", url(endpoint), human(interval),
                window);
        out.flush();
        if (!KafkaClients.awaitConnection(client, err, running::isClosed)) {
            return ExitCodes.OK; // stopped before Kafka answered
        }
        running.start(KafkaClients.admin(client.clientProperties(), options.timeout()), options,
                registry.getPrometheusRegistry());
        stopped.await();
        return ExitCodes.OK;
    }

    /** What runs, closed once by the shutdown hook whatever has started by then. */
    private static final class Running {

        private final PrometheusEndpoint endpoint;
        private Admin admin;
        private LagExporter exporter;
        private boolean closed;

        Running(PrometheusEndpoint endpoint) {
            this.endpoint = endpoint;
        }

        synchronized void start(Admin newAdmin, LagExporterOptions options,
                                io.prometheus.metrics.model.registry.PrometheusRegistry registry) {
            admin = newAdmin;
            if (closed) {
                admin.close(Duration.ofSeconds(5));
                return;
            }
            exporter = LagExporter.start(admin, options);
            registry.register(exporter.collector());
        }

        synchronized boolean isClosed() {
            return closed;
        }

        synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            endpoint.close();
            if (exporter != null) {
                exporter.close();
            }
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
            }
        }
    }

    private Pattern groupPattern() {
        if (group == null) {
            return null;
        }
        try {
            return Pattern.compile(group);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("--group '" + group + "' is not a valid regular expression: "
                    + e.getDescription());
        }
    }

    private String url(PrometheusEndpoint endpoint) {
        String shown = "0.0.0.0".equals(host) ? "127.0.0.1" : host;
        return "http://" + shown + ":" + endpoint.port() + PrometheusEndpoint.PATH;
    }

    static String human(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + " ms";
        }
        return d.toSeconds() + " s";
    }
}
