package io.finflow.kafka.cli;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import io.finflow.examples.AccountingOptions;
import io.finflow.examples.AccountingService;
import io.finflow.examples.ConsumerHealth;
import io.finflow.examples.NotificationService;
import io.finflow.kafka.EventConsumer;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.metrics.PrometheusEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code finflow service run accounting|notifications}: one reference service until SIGTERM or Ctrl-C. */
@Command(name = "run",
        header = "Run the accounting or notification service until SIGTERM or Ctrl-C.",
        mixinStandardHelpOptions = true,
        description = {
            "Run one FinFlow reference service in this process until SIGTERM or Ctrl-C, then drain it:"
                + " the record in flight is finished and committed, the group is left, and the exit code is 0."
                + " A second signal stops it at once.",
            "",
            "accounting     consumes transaction-events (group accounting-service-group),",
            "               keeps balances, publishes them to account-balances and",
            "               large-debit / low-balance notifications to notification-events.",
            "               Exactly-once: the outputs of each record and its consumed",
            "               offset commit in one Kafka transaction. On start, and whenever",
            "               partitions are assigned to it, it restores their balances from",
            "               account-balances, so a restart after a crash (even SIGKILL)",
            "               counts every transaction once. Start several instances to",
            "               share the partitions; give each its own --instance-id, and a",
            "               restarted instance the id of the one it replaces.",
            "notifications  consumes notification-events (group notification-service-group)",
            "               and delivers them by email, push and in-app; an expired push",
            "               token fails every attempt and is dead-lettered.",
            "",
            "The catalog's topics must exist (finflow topics apply). When the service's consumer stops"
                + " working (an unsupported group protocol, a missing authorization, a restore that failed, a"
                + " newer instance with the same --instance-id), the command stops within seconds, names the"
                + " cause on stderr and exits 1."
        },
        footer = {
            "",
            "Examples:",
            "  finflow service run accounting --instance-id acc-1",
            "  finflow service run notifications --bootstrap kafka-1:9092 --profile prod",
            "  finflow service run accounting --instance-id acc-1 --metrics-port 9406"
        })
final class ServiceRunCommand implements Callable<Integer> {

    /** The reference services. */
    enum Service {
        accounting, notifications
    }

    /** How often the consumer's health is checked. */
    static final Duration WATCH_INTERVAL = Duration.ofMillis(200);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "accounting or notifications.")
    Service service;

    @Mixin
    ClientOptions client;

    @Mixin
    CatalogOptions catalogOptions;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "",
            description = "Prefix of every catalog topic, as given to finflow generate and the demo (default: none).")
    String topicPrefix;

    @Option(names = "--instance-id", paramLabel = "ID",
            description = "Accounting only: names this instance; its transactional id is accounting-service-ID"
                    + " (default: a random id). A restarted instance given the id of the one it replaces"
                    + " aborts that one's unfinished transaction at once.")
    String instanceId;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve the service's metrics (FinFlow's and the Kafka clients') for Prometheus on"
                    + " 127.0.0.1:PORT/metrics; 0 picks a free port (default: not served). docs/metrics.md lists them.")
    Integer metricsPort;

    /** A started service, as this command sees it. */
    private record Running(String name, EventConsumer consumer, AutoCloseable service, Supplier<String> summary) {
    }

    @Override
    public Integer call() throws Exception {
        if (instanceId != null && service != Service.accounting) {
            throw new IllegalArgumentException("--instance-id applies to the accounting service only");
        }
        if (metricsPort != null && (metricsPort < 0 || metricsPort > 65_535)) {
            throw new IllegalArgumentException("--metrics-port must be between 0 and 65535, was " + metricsPort);
        }
        AccountingOptions accountingOptions = AccountingOptions.exactlyOnceDefaults();
        if (instanceId != null) {
            accountingOptions = accountingOptions.toBuilder().instanceId(instanceId).build();
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClientConfig config = client.clientConfig();
        TopicCatalog catalog = catalogOptions.catalog().withPrefix(topicPrefix);
        StopSignal stop = StopSignal.install();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // first: a port in use fails before anything connects
        try (PrometheusEndpoint endpoint = metricsPort == null ? null
                : PrometheusEndpoint.start(registry, new InetSocketAddress("127.0.0.1", metricsPort))) {
            // long-running: say what is wrong within --timeout and keep retrying until Kafka answers
            if (!KafkaClients.awaitConnection(client, err, stop::requested)) {
                return stop.signal() == null ? ExitCodes.FAILURE : ExitCodes.OK;
            }
            try (Admin admin = KafkaClients.admin(client)) {
                RequiredTopics.check(admin, topicsOf(catalog), topicPrefix);
            }
            Running running = start(config, catalog, accountingOptions, endpoint == null ? null : registry);
            if (endpoint != null) {
                out.println(running.name() + " metrics at " + endpoint.url());
            }
            return run(running, stop, accountingOptions, config, out, err);
        } finally {
            stop.finished();
        }
    }

    /** Watches the started service until a stop signal or a consumer failure; returns the exit code. */
    private int run(Running running, StopSignal stop, AccountingOptions accountingOptions, ClientConfig config,
                    PrintWriter out, PrintWriter err) throws InterruptedException {
        out.printf("%s running: group %s%s, on %s%s. Stop with Ctrl-C or SIGTERM.%n", running.name(),
                running.consumer().options().groupId(),
                service == Service.accounting ? ", exactly-once, transactional id "
                        + accountingOptions.transactionalId() : "",
                config.bootstrapServers(), topicPrefix.isEmpty() ? "" : ", topics prefixed '" + topicPrefix + "'");
        out.flush();
        Optional<String> problem = Optional.empty();
        while (problem.isEmpty() && !stop.await(WATCH_INTERVAL)) {
            problem = ConsumerHealth.problem(running.name(), running.consumer());
        }
        close(running, err);
        if (problem.isPresent()) {
            err.println("finflow: error: " + problem.get());
            err.flush();
            return ExitCodes.FAILURE;
        }
        out.println(running.name() + " stopped (" + stop.signal() + "): " + running.summary().get());
        out.flush();
        return ExitCodes.OK;
    }

    private Running start(ClientConfig config, TopicCatalog catalog, AccountingOptions accountingOptions,
                          MeterRegistry metrics) {
        if (service == Service.accounting) {
            AccountingService accounting = new AccountingService(config, catalog, accountingOptions, metrics).start();
            return new Running("accounting-service", accounting.consumer(), accounting, () -> String.format(
                    "%,d records handled (transactions and transfer legs), %,d dead-lettered, %,d notifications"
                            + " and %,d transfer legs written",
                    accounting.consumer().stats().processed(), accounting.consumer().stats().deadLettered(),
                    accounting.notificationsSent(), accounting.legsWritten()));
        }
        NotificationService notifications = new NotificationService(config, catalog, metrics).start();
        return new Running("notification-service", notifications.consumer(), notifications, () -> String.format(
                "%,d delivered %s, %,d dead-lettered", notifications.consumer().stats().processed(),
                notifications.deliveredByChannel(), notifications.consumer().stats().deadLettered()));
    }

    private List<String> topicsOf(TopicCatalog catalog) {
        List<String> topics = new ArrayList<>();
        topics.add(catalog.topicForEventType("system").name());
        topics.add(catalog.topicForEventType("notification").name());
        if (service == Service.accounting) {
            topics.add(catalog.topicForEventType("transaction").name());
            topics.add(catalog.topicForEventType("balance").name());
            topics.add(catalog.topicForEventType("transaction").dlqTopic());
        } else {
            topics.add(catalog.topicForEventType("notification").dlqTopic());
        }
        return topics;
    }

    private static void close(Running running, PrintWriter err) {
        try {
            running.service().close();
        } catch (Exception e) {
            err.println("finflow: warning: " + running.name() + " did not close cleanly: " + e.getMessage());
        }
    }
}
