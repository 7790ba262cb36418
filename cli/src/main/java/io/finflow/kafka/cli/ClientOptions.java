package io.finflow.kafka.cli;

import java.nio.file.Path;
import java.util.Map;

import io.finflow.kafka.config.ClientConfig;
import picocli.CommandLine.Option;

/**
 * Connection options shared by every command that talks to a cluster:
 * {@code --bootstrap} and {@code --command-config}.
 */
public final class ClientOptions {

    @Option(names = {"-b", "--bootstrap"}, paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "Kafka bootstrap servers (default: $FINFLOW_BOOTSTRAP, else 127.0.0.1:9092).")
    String bootstrap;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "Kafka client properties file: security.protocol, sasl.*, ssl.*, timeouts.")
    Path commandConfig;

    /** The client configuration these options describe. */
    public ClientConfig clientConfig() {
        ClientConfig config = bootstrap == null ? ClientConfig.fromEnvironment() : ClientConfig.of(bootstrap);
        return commandConfig == null ? config : config.withFile(commandConfig);
    }

    /** Client properties for a Kafka client constructor. */
    public Map<String, Object> clientProperties() {
        return clientConfig().toMap();
    }
}
