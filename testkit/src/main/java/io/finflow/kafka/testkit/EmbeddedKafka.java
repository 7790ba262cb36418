package io.finflow.kafka.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka (KRaft, combined broker and controller) running in this JVM on
 * 127.0.0.1.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.builder().port(9092).start()) {
 *     Map<String, Object> props = kafka.clientProperties();
 *     ...
 * }
 * }</pre>
 *
 * <p>Data lives in a temporary folder deleted on {@link #close()}, or in a folder given with
 * {@link Builder#dataDir(Path)}, which is kept so that topics and offsets survive a restart.
 * Topic auto-creation is off by default: FinFlow declares its topics as code. Note that Kafka halts
 * the whole JVM on a fatal broker fault; use a child JVM when that matters.
 */
public final class EmbeddedKafka implements KafkaBroker {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    /** Time allowed from start-up until clients can connect. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    private static final int BIND_ATTEMPTS = 3;

    private final KraftNode node;
    private final Path dataDir;
    private final boolean deleteDataOnClose;
    private final String bootstrapServers;
    private boolean closed;

    private EmbeddedKafka(KraftNode node, Path dataDir, boolean deleteDataOnClose, String bootstrapServers) {
        this.node = node;
        this.dataDir = dataDir;
        this.deleteDataOnClose = deleteDataOnClose;
        this.bootstrapServers = bootstrapServers;
    }

    /** A builder with defaults: a free port, temporary data, auto-create off. */
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

    /** The folder holding the broker's logs and metadata. */
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            node.stop();
        } finally {
            if (deleteDataOnClose) {
                DataDirs.deleteRecursively(dataDir);
            }
        }
    }

    /** Options of an {@link EmbeddedKafka}; {@link #start()} formats storage and starts the broker. */
    public static final class Builder {
        private int port;
        private Path dataDir;
        private boolean autoCreateTopics;
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();

        private Builder() {
        }

        /** The client port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** Keeps data in this folder across restarts instead of a temporary folder. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Lets the broker create topics on first use (off by default). */
        public Builder autoCreateTopics(boolean enabled) {
            this.autoCreateTopics = enabled;
            return this;
        }

        /** How long {@link #start()} waits for the broker to accept clients. */
        public Builder startTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive, was " + timeout);
            }
            this.startTimeout = timeout;
            return this;
        }

        /** Sets any broker property, overriding the testkit's defaults. */
        public Builder brokerProperty(String key, String value) {
            brokerProperties.put(key, value);
            return this;
        }

        /**
         * Formats storage (unless the data folder is already formatted), starts the broker and
         * returns once a client can describe the cluster.
         *
         * @throws IllegalStateException when the port is taken or the broker does not become ready
         */
        public EmbeddedKafka start() {
            if (port != 0 && !Ports.isFree(port)) {
                throw new IllegalStateException("port " + port + " on 127.0.0.1 is already in use"
                        + " (is another Kafka running? choose another port)");
            }
            boolean temp = dataDir == null;
            Path dir = temp ? DataDirs.createTemp("finflow-kafka-") : dataDir.toAbsolutePath();
            RuntimeException last = null;
            for (int attempt = 1; attempt <= BIND_ATTEMPTS; attempt++) {
                int clientPort = port != 0 ? port : Ports.freePort();
                int controllerPort = Ports.freePort();
                try {
                    return startOnce(dir, temp, clientPort, controllerPort);
                } catch (RuntimeException e) {
                    last = e;
                    if (port != 0 || !Ports.isBindFailure(e)) {
                        break;
                    }
                    log.warn("port race on start-up (attempt {}), retrying: {}", attempt, e.getMessage());
                }
            }
            if (temp) {
                DataDirs.deleteRecursively(dir);
            }
            throw last;
        }

        private EmbeddedKafka startOnce(Path dir, boolean temp, int clientPort, int controllerPort) {
            try {
                Files.createDirectories(dir);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("could not create data folder " + dir, e);
            }
            Properties props = KraftNode.singleNodeDefaults(dir, controllerPort);
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort
                    + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("auto.create.topics.enable", String.valueOf(autoCreateTopics));
            props.putAll(brokerProperties);

            KraftNode node = new KraftNode(props, List.of());
            String bootstrap = "127.0.0.1:" + clientPort;
            EmbeddedKafka kafka = new EmbeddedKafka(node, dir, temp, bootstrap);
            try {
                node.formatAndStart();
                Readiness.awaitBrokers(kafka.clientProperties(), 1, startTimeout);
                return kafka;
            } catch (RuntimeException e) {
                try {
                    node.stop();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
    }
}
