package io.finflow.kafka.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import io.finflow.kafka.ops.diagnosis.ConnectionDiagnoser;
import io.finflow.kafka.ops.diagnosis.ConnectionProblem;
import io.finflow.kafka.ops.diagnosis.ConnectionProblemException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;

/**
 * Opens the Kafka clients of the commands from the {@link ClientOptions}, and checks first that the cluster
 * can be used, so that a command fails within {@code --timeout} with the cause (connection refused,
 * unknown host, TLS, SASL, ...) and the next step instead of Kafka's generic timeout.
 */
final class KafkaClients {

    /** Pause between two connection attempts of a long-running command. */
    static final Duration RETRY_INTERVAL = Duration.ofSeconds(3);

    private KafkaClients() {
    }

    /**
     * An Admin whose requests give up after {@code timeout}, unless the client config says otherwise. No
     * connection check: for commands that report connectivity themselves (doctor) and for local brokers.
     */
    static Admin admin(Map<String, Object> clientProperties, Duration timeout) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "finflow-cli");
        int ms = (int) timeout.toMillis();
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        props.putIfAbsent(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, (long) Math.min(ms, 10_000));
        props.putIfAbsent(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, (long) ms);
        return Admin.create(props);
    }

    /**
     * An Admin for a one-shot command, once the cluster answered it.
     *
     * @throws ConnectionProblemException within about {@code --timeout} when the cluster cannot be used
     */
    static Admin admin(ClientOptions client) {
        ConnectionDiagnoser diagnoser = new ConnectionDiagnoser(client.context(), client.timeout());
        Optional<ConnectionProblem> network = diagnoser.checkNetwork();
        if (network.isPresent()) {
            throw new ConnectionProblemException(network.get(), null);
        }
        Admin admin;
        try {
            admin = admin(client.clientProperties(), client.timeout());
        } catch (KafkaException | IllegalArgumentException e) {
            // e.g. no JAAS entry for SASL, an unreadable key store: the config is wrong before any connection
            throw new ConnectionProblemException(diagnoser.explain(e), e);
        }
        Optional<ConnectionProblem> problem;
        try {
            problem = diagnoser.checkCluster(admin);
        } catch (RuntimeException e) {
            admin.close(Duration.ZERO);
            throw e;
        }
        if (problem.isPresent()) {
            admin.close(Duration.ZERO);
            throw new ConnectionProblemException(problem.get(), null);
        }
        return admin;
    }

    /**
     * Checks that the cluster can be used, for commands that open producers or consumers only.
     *
     * @throws ConnectionProblemException within about {@code --timeout} when it cannot
     */
    static void requireConnection(ClientOptions client) {
        Optional<ConnectionProblem> problem = new ConnectionDiagnoser(client.context(), client.timeout()).diagnose();
        if (problem.isPresent()) {
            throw new ConnectionProblemException(problem.get(), null);
        }
    }

    /**
     * For long-running commands: returns once the cluster can be used. Until then prints the diagnosis to
     * {@code err} (within about {@code --timeout}, then again whenever it changes) and retries every
     * {@link #RETRY_INTERVAL}.
     *
     * @return false when {@code stop} said so or the thread was interrupted before the cluster answered
     */
    static boolean awaitConnection(ClientOptions client, PrintWriter err, BooleanSupplier stop) {
        ConnectionDiagnoser diagnoser = new ConnectionDiagnoser(client.context(), client.timeout());
        String last = null;
        while (!stop.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
            Optional<ConnectionProblem> problem = diagnoser.diagnose();
            if (problem.isEmpty()) {
                if (last != null) {
                    err.println("finflow: connected to Kafka at " + client.clientConfig().bootstrapServers());
                    err.flush();
                }
                return true;
            }
            String message = problem.get().message();
            if (!message.equals(last)) {
                err.println("finflow: warning: " + message + " (retrying every " + RETRY_INTERVAL.toSeconds()
                        + " s; Ctrl-C to stop)");
                err.flush();
                last = message;
            }
            try {
                Thread.sleep(RETRY_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
