package io.finflow.kafka.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How to reach a Kafka cluster: bootstrap servers plus any Kafka client properties (security,
 * timeouts). The one place where connection settings are loaded, so TLS, SASL and config providers
 * pass through to the library and to every CLI command alike, and every value remembers where it came
 * from.
 *
 * <p><b>Precedence</b>, highest first (one rule for the library and the CLI):
 * <ol>
 *   <li>{@link Source#COMMAND_LINE}: {@code --bootstrap} on the command line, or a value set in code
 *       ({@link #of(String)}, {@link #of(Map)}, {@link #with(String, Object)});</li>
 *   <li>{@link Source#FILE}: a client properties file ({@link #withFile(Path)}, {@code --command-config}),
 *       e.g. the profiles {@code config/clients/dev.properties} and {@code prod.properties};</li>
 *   <li>{@link Source#ENVIRONMENT}: {@value #BOOTSTRAP_ENV} for the bootstrap servers, and
 *       {@code FINFLOW_KAFKA_<NAME>} for any client property (upper case, dots as underscores:
 *       {@code FINFLOW_KAFKA_SECURITY_PROTOCOL=SASL_SSL} sets {@code security.protocol});</li>
 *   <li>{@link Source#DEFAULT}: {@value #DEFAULT_BOOTSTRAP}, a local {@code finflow dev}.</li>
 * </ol>
 *
 * <pre>{@code
 * ClientConfig config = ClientConfig.fromEnvironment()                       // default + environment
 *         .withFile(Path.of("config/clients/prod.properties"));              // the file wins over both
 * EventProducer producer = EventProducer.create(ProducerOptions.defaults(config, "/finflow/payments"));
 * }</pre>
 *
 * <p><b>Secrets.</b> Committed files never hold a secret in clear: they reference Kafka config providers,
 * which the Kafka clients resolve when they start, e.g.
 * {@code config.providers=env} and {@code password="${env:FINFLOW_SASL_PASSWORD}"} (see docs/security.md).
 * This class does not resolve them; {@link #toString()}, {@link Setting#toString()} and
 * {@link Setting#displayValue()} never show a secret value ({@link SecretMasker}).
 *
 * <p>Immutable and thread-safe.
 */
public final class ClientConfig {

    /** Environment variable giving the bootstrap servers. */
    public static final String BOOTSTRAP_ENV = "FINFLOW_BOOTSTRAP";
    /** Prefix of environment variables that set any client property. */
    public static final String PROPERTY_ENV_PREFIX = "FINFLOW_KAFKA_";
    /** Bootstrap servers used when nothing else is given: a local {@code finflow dev}. */
    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
    /** The Kafka property holding the bootstrap servers. */
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";

    /** Where a value came from, highest precedence first. */
    public enum Source {
        /** The command line ({@code --bootstrap}), or set in code. */
        COMMAND_LINE("command line"),
        /** A client properties file. */
        FILE("file"),
        /** An environment variable. */
        ENVIRONMENT("environment"),
        /** FinFlow's default. */
        DEFAULT("default");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        /** Lower-case name for people, e.g. {@code command line}. */
        public String label() {
            return label;
        }

        boolean outranks(Source other) {
            return ordinal() < other.ordinal();
        }
    }

    /**
     * One client property with its origin.
     *
     * @param key    the Kafka property name
     * @param value  the value as given (a config provider reference stays unresolved)
     * @param source where it came from
     * @param origin the file path or environment variable it came from; empty for the command line and defaults
     */
    public record Setting(String key, Object value, Source source, String origin) {

        /** Validates the components. */
        public Setting {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value of " + key);
            Objects.requireNonNull(source, "source");
            origin = origin == null ? "" : origin;
        }

        /** The value with any secret masked ({@link SecretMasker}): safe to print. */
        public String displayValue() {
            return SecretMasker.mask(key, value);
        }

        /** Where it came from, e.g. {@code file config/clients/prod.properties}. */
        public String describeSource() {
            return origin.isEmpty() ? source.label() : source.label() + " " + origin;
        }

        /** {@code key=value (source)} with secrets masked. */
        @Override
        public String toString() {
            return key + "=" + displayValue() + " (" + describeSource() + ")";
        }
    }

    private final Map<String, Setting> settings;

    private ClientConfig(Map<String, Setting> settings) {
        this.settings = Collections.unmodifiableMap(new TreeMap<>(settings));
        requireBootstrap(String.valueOf(this.settings.get(BOOTSTRAP_SERVERS).value()));
    }

    /** A config with only bootstrap servers, given in code (ranked as {@link Source#COMMAND_LINE}). */
    public static ClientConfig of(String bootstrapServers) {
        requireBootstrap(bootstrapServers);
        return new ClientConfig(Map.of(BOOTSTRAP_SERVERS,
                new Setting(BOOTSTRAP_SERVERS, bootstrapServers, Source.COMMAND_LINE, null)));
    }

    /**
     * A config from client properties given in code (ranked as {@link Source#COMMAND_LINE}), which must
     * contain {@code bootstrap.servers}.
     */
    public static ClientConfig of(Map<String, ?> clientProperties) {
        Object bootstrap = clientProperties.get(BOOTSTRAP_SERVERS);
        requireBootstrap(bootstrap == null ? null : bootstrap.toString());
        Map<String, Setting> settings = new HashMap<>();
        clientProperties.forEach((k, v) -> settings.put(k, new Setting(k, v, Source.COMMAND_LINE, null)));
        return new ClientConfig(settings);
    }

    /** The default ({@value #DEFAULT_BOOTSTRAP}) overridden by this process's environment variables. */
    public static ClientConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * The default ({@value #DEFAULT_BOOTSTRAP}) overridden by the given environment: {@value #BOOTSTRAP_ENV},
     * and {@code FINFLOW_KAFKA_<NAME>} for any property. Blank values are ignored.
     *
     * @throws IllegalArgumentException when {@value #BOOTSTRAP_ENV} is not a HOST:PORT list, naming it
     */
    public static ClientConfig fromEnvironment(Map<String, String> environment) {
        Map<String, Setting> settings = new HashMap<>();
        settings.put(BOOTSTRAP_SERVERS, new Setting(BOOTSTRAP_SERVERS, DEFAULT_BOOTSTRAP, Source.DEFAULT, null));
        new TreeMap<>(environment).forEach((name, value) -> {
            if (value == null || value.isBlank()) {
                return;
            }
            String key = name.equals(BOOTSTRAP_ENV) ? BOOTSTRAP_SERVERS : propertyOfVariable(name);
            if (key == null) {
                return;
            }
            if (key.equals(BOOTSTRAP_SERVERS) && !isValidBootstrap(value.trim())) {
                throw new IllegalArgumentException("environment variable " + name + " must be HOST:PORT[,HOST:PORT...],"
                        + " e.g. 127.0.0.1:9092, was '" + value.trim() + "'");
            }
            Setting existing = settings.get(key);
            // FINFLOW_BOOTSTRAP wins over FINFLOW_KAFKA_BOOTSTRAP_SERVERS: it is the documented one
            if (existing == null || existing.source() == Source.DEFAULT || name.equals(BOOTSTRAP_ENV)) {
                settings.put(key, new Setting(key, value.trim(), Source.ENVIRONMENT, name));
            }
        });
        return new ClientConfig(settings);
    }

    /**
     * The client property an environment variable sets: {@code FINFLOW_KAFKA_SASL_MECHANISM} gives
     * {@code sasl.mechanism}; empty for any other variable.
     */
    static String propertyOfVariable(String name) {
        if (!name.startsWith(PROPERTY_ENV_PREFIX) || name.length() == PROPERTY_ENV_PREFIX.length()) {
            return null;
        }
        return name.substring(PROPERTY_ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /**
     * Adds every property of a Kafka client properties file. A file value replaces one from the
     * environment or a default, never one given on the command line or in code.
     *
     * @throws IllegalArgumentException when the file cannot be read or holds a bad {@code bootstrap.servers},
     *                                  naming the file
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
        String bootstrap = loaded.getProperty(BOOTSTRAP_SERVERS);
        if (bootstrap != null && !isValidBootstrap(bootstrap.trim())) {
            throw new IllegalArgumentException("bootstrap.servers in " + file + " must be HOST:PORT[,HOST:PORT...],"
                    + " e.g. 127.0.0.1:9092, was '" + bootstrap.trim() + "'");
        }
        Map<String, Setting> merged = new HashMap<>(settings);
        for (String key : loaded.stringPropertyNames()) {
            Setting existing = merged.get(key);
            if (existing == null || !existing.source().outranks(Source.FILE)) {
                merged.put(key, new Setting(key, loaded.getProperty(key).trim(), Source.FILE, file.toString()));
            }
        }
        return new ClientConfig(merged);
    }

    /** Returns a copy with one more (or a replaced) property, given in code ({@link Source#COMMAND_LINE}). */
    public ClientConfig with(String key, Object value) {
        return with(key, value, Source.COMMAND_LINE, null);
    }

    /**
     * Returns a copy with one more property from the given source, unless a value of a higher-ranked
     * source is already set.
     *
     * @param origin the file or variable it came from, or null
     */
    public ClientConfig with(String key, Object value, Source source, String origin) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value of " + key);
        if (key.equals(BOOTSTRAP_SERVERS)) {
            requireBootstrap(value.toString());
        }
        Setting existing = settings.get(key);
        if (existing != null && existing.source().outranks(source)) {
            return this;
        }
        Map<String, Setting> merged = new HashMap<>(settings);
        merged.put(key, new Setting(key, value, source, origin));
        return new ClientConfig(merged);
    }

    /** The bootstrap servers. */
    public String bootstrapServers() {
        return settings.get(BOOTSTRAP_SERVERS).value().toString();
    }

    /** A fresh mutable copy of all client properties, ready for a Kafka client constructor. */
    public Map<String, Object> toMap() {
        Map<String, Object> props = new HashMap<>();
        settings.forEach((k, s) -> props.put(k, s.value()));
        return props;
    }

    /** Every setting with its source, sorted by key. */
    public List<Setting> settings() {
        return List.copyOf(settings.values());
    }

    /** The setting of one property, if set. */
    public Optional<Setting> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    /** The security protocol, {@code PLAINTEXT} when not set. */
    public String securityProtocol() {
        Setting s = settings.get("security.protocol");
        return s == null ? "PLAINTEXT" : s.value().toString().trim().toUpperCase(Locale.ROOT);
    }

    /**
     * The SASL user name in {@code sasl.jaas.config} ({@code username="..."}), if any, as written: a
     * config provider reference stays unresolved.
     */
    public Optional<String> saslUsername() {
        Setting jaas = settings.get("sasl.jaas.config");
        return jaas == null ? Optional.empty() : JaasOptions.value(jaas.value().toString(), "username");
    }

    /** Never prints secrets: only the bootstrap and the security protocol. */
    @Override
    public String toString() {
        return "ClientConfig[bootstrap.servers=" + bootstrapServers() + ", security.protocol=" + securityProtocol() + "]";
    }

    private static void requireBootstrap(String bootstrap) {
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers must be given, e.g. 127.0.0.1:9092");
        }
        for (String server : bootstrap.split(",")) {
            String s = server.trim();
            if (!isValidServer(s)) {
                throw new IllegalArgumentException("bootstrap server '" + s + "' must be HOST:PORT, e.g. 127.0.0.1:9092");
            }
        }
    }

    private static boolean isValidBootstrap(String bootstrap) {
        if (bootstrap.isBlank()) {
            return false;
        }
        for (String server : bootstrap.split(",")) {
            if (!isValidServer(server.trim())) {
                return false;
            }
        }
        return true;
    }

    private static boolean isValidServer(String s) {
        if (ConfigReferences.isReference(s)) {
            return true; // resolved by Kafka's config providers when the client starts
        }
        int colon = s.lastIndexOf(':');
        return colon > 0 && colon < s.length() - 1 && s.substring(colon + 1).chars().allMatch(Character::isDigit);
    }
}
