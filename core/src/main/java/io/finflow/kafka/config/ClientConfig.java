package io.finflow.kafka.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * How to reach a Kafka cluster: bootstrap servers plus any Kafka client properties (security,
 * timeouts). The one place where connection settings are loaded, so TLS, SASL and config
 * providers pass through to the library and to every CLI command alike.
 *
 * <pre>{@code
 * ClientConfig config = ClientConfig.of("broker1:9093")
 *         .withFile(Path.of("config/client-prod.properties"));   // security.protocol=SASL_SSL, ...
 * Map<String, Object> props = config.toMap();
 * }</pre>
 *
 * <p>Immutable. Values from a properties file may reference Kafka config providers
 * (e.g. {@code ${file:/etc/finflow/secrets.properties:password}}) when the file declares them.
 */
public final class ClientConfig {

    /** Environment variable giving the default bootstrap servers. */
    public static final String BOOTSTRAP_ENV = "FINFLOW_BOOTSTRAP";
    /** Bootstrap servers used when nothing else is given: a local {@code finflow dev}. */
    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

    private final Map<String, Object> properties;

    private ClientConfig(Map<String, Object> properties) {
        this.properties = Collections.unmodifiableMap(properties);
    }

    /** A config with only bootstrap servers. */
    public static ClientConfig of(String bootstrapServers) {
        requireBootstrap(bootstrapServers);
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        return new ClientConfig(props);
    }

    /** A config from client properties, which must contain {@code bootstrap.servers}. */
    public static ClientConfig of(Map<String, ?> clientProperties) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        Object bootstrap = props.get("bootstrap.servers");
        requireBootstrap(bootstrap == null ? null : bootstrap.toString());
        return new ClientConfig(props);
    }

    /** Bootstrap from {@value #BOOTSTRAP_ENV}, else {@value #DEFAULT_BOOTSTRAP}. */
    public static ClientConfig fromEnvironment() {
        String env = System.getenv(BOOTSTRAP_ENV);
        return of(env == null || env.isBlank() ? DEFAULT_BOOTSTRAP : env.trim());
    }

    /**
     * Adds every property of a Kafka client properties file; the file's {@code bootstrap.servers},
     * if any, is ignored in favour of the one already set.
     *
     * @throws IllegalArgumentException when the file cannot be read, naming it
     */
    public ClientConfig withFile(Path file) {
        Objects.requireNonNull(file, "file");
        Properties loaded = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            loaded.load(in);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("client config file " + file + " does not exist", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read client config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, Object> props = new HashMap<>();
        loaded.stringPropertyNames().forEach(k -> props.put(k, loaded.getProperty(k)));
        props.putAll(properties);
        return new ClientConfig(props);
    }

    /** Returns a copy with one more (or a replaced) property. */
    public ClientConfig with(String key, Object value) {
        Map<String, Object> props = new HashMap<>(properties);
        props.put(key, value);
        return new ClientConfig(props);
    }

    /** The bootstrap servers. */
    public String bootstrapServers() {
        return properties.get("bootstrap.servers").toString();
    }

    /** A fresh mutable copy of all client properties, ready for a Kafka client constructor. */
    public Map<String, Object> toMap() {
        return new HashMap<>(properties);
    }

    @Override
    public String toString() {
        // Never print secrets: only the bootstrap and the security protocol.
        return "ClientConfig[bootstrap.servers=" + bootstrapServers()
                + ", security.protocol=" + properties.getOrDefault("security.protocol", "PLAINTEXT") + "]";
    }

    private static void requireBootstrap(String bootstrap) {
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers must be given, e.g. 127.0.0.1:9092");
        }
        for (String server : bootstrap.split(",")) {
            String s = server.trim();
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || colon == s.length() - 1 || !s.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("bootstrap server '" + s + "' must be HOST:PORT, e.g. 127.0.0.1:9092");
            }
        }
    }
}
