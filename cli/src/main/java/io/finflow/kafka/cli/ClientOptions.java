package io.finflow.kafka.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.ops.diagnosis.ClientContext;
import picocli.CommandLine.Option;

/**
 * Connection options shared by every command that talks to a cluster: {@code --bootstrap},
 * {@code --command-config} and {@code --timeout}.
 *
 * <p>One precedence for every value (see {@link ClientConfig}): the command line ({@code --bootstrap}),
 * then the {@code --command-config} file, then the environment ({@code FINFLOW_BOOTSTRAP},
 * {@code FINFLOW_KAFKA_<NAME>}), then the default ({@code 127.0.0.1:9092}).
 */
public final class ClientOptions {

    /** Seconds a one-shot command waits for Kafka before it explains why it got no answer. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 10;

    @Option(names = {"-b", "--bootstrap"}, paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "Kafka bootstrap servers (default: bootstrap.servers of --command-config, else"
                    + " $FINFLOW_BOOTSTRAP, else 127.0.0.1:9092).")
    String bootstrap;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "Kafka client properties: security.protocol, sasl.*, ssl.*, config providers, e.g."
                    + " config/clients/prod.properties. Command-line options win over it; it wins over"
                    + " FINFLOW_KAFKA_* variables.")
    Path commandConfig;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Time allowed to reach Kafka and to each call before the command explains what is wrong"
                    + " (default: " + DEFAULT_TIMEOUT_SECONDS + ").")
    Integer timeoutSeconds;

    private ClientConfig cached;

    /** The client configuration these options describe, with the environment and defaults below them. */
    public ClientConfig clientConfig() {
        if (cached == null) {
            ClientConfig config = ClientConfig.fromEnvironment();
            if (commandConfig != null) {
                config = config.withFile(commandConfig);
            }
            if (bootstrap != null) {
                config = config.with(ClientConfig.BOOTSTRAP_SERVERS, bootstrap.trim());
            }
            cached = config;
        }
        return cached;
    }

    /** Client properties for a Kafka client constructor. */
    public Map<String, Object> clientProperties() {
        return clientConfig().toMap();
    }

    /** What messages about this client need: bootstrap, principal, the file to fix. */
    public ClientContext context() {
        return ClientContext.of(clientConfig());
    }

    /** {@code --timeout}, or its default. */
    public Duration timeout() {
        int seconds = timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
        if (seconds < 1) {
            throw new IllegalArgumentException("--timeout must be >= 1 second, was " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    /** True when {@code --timeout} was given. */
    boolean timeoutGiven() {
        return timeoutSeconds != null;
    }

    /**
     * True when a cluster was named on the command line or in the {@code --command-config} file (not only by
     * the environment or the default): commands that otherwise start their own broker use it then.
     */
    public boolean clusterGiven() {
        ClientConfig.Source source = clientConfig().setting(ClientConfig.BOOTSTRAP_SERVERS).orElseThrow().source();
        return source == ClientConfig.Source.COMMAND_LINE || source == ClientConfig.Source.FILE;
    }
}
