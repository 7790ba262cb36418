package io.finflow.kafka.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka (KRaft) in this JVM with production-style security: clients
 * connect over {@code SASL_SSL} with {@code SCRAM-SHA-512}, and the {@code StandardAuthorizer} denies
 * everything that no ACL allows.
 *
 * <pre>{@code
 * try (SecuredKafka kafka = SecuredKafka.builder().user("payments", "s3cret").start()) {
 *     Admin admin = Admin.create(kafka.clientProperties());               // as the super user "admin"
 *     ... admin.createAcls(...) for User:payments ...
 *     Producer<...> p = new KafkaProducer<>(kafka.clientPropertiesFor("payments", "s3cret"), ...);
 * }
 * }</pre>
 *
 * <p>What is generated in a temporary folder, deleted on {@link #close()}: a self-signed CA and a
 * server certificate for {@code 127.0.0.1} and {@code localhost} (PKCS12 key store and trust store,
 * random password, and the CA as PEM); the password of {@value #ADMIN_USER}; the credentials of the
 * broker's own identity, {@code User:broker}.
 *
 * <p>With {@link Builder#mutualTls()} a second client listener speaks plain TLS and requires a client
 * certificate signed by the CA (mutual TLS); the certificate's {@code CN} becomes the principal
 * ({@code CN=admin} is {@code User:admin}). {@link #mutualTlsClientProperties} issues such certificates,
 * {@link #untrustedClientProperties} one signed by another CA. Both {@code User:admin} and {@code User:broker} are super users;
 * {@code allow.everyone.if.no.acl.found} is false, so any other user needs ACLs for every resource.
 * The controller listener on 127.0.0.1 uses {@code SASL_PLAINTEXT}/{@code PLAIN} with the broker's
 * credentials only (SCRAM credentials live in the metadata log, which the controller listener must
 * serve first). Topic auto-creation is off. Like {@link EmbeddedKafka}, a fatal broker fault halts the
 * whole JVM.
 */
public final class SecuredKafka implements KafkaBroker {

    private static final Logger log = LoggerFactory.getLogger(SecuredKafka.class);

    /** The super user that {@link #clientProperties()} logs in as. */
    public static final String ADMIN_USER = "admin";

    /** The only SASL mechanism clients may use. */
    public static final String SASL_MECHANISM = ScramUsers.MECHANISM;

    /** Time allowed for start-up, and for a user made by {@link #createUser} to be able to log in. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    static final String BROKER_USER = "broker";
    private static final int BIND_ATTEMPTS = 3;

    private final KraftNode node;
    private final Path dir;
    private final TestCertificates certificates;
    private final String bootstrapServers;
    private final String mutualTlsBootstrapServers;
    private final String adminPassword;
    private final Duration timeout;
    private boolean closed;

    private SecuredKafka(KraftNode node, Path dir, TestCertificates certificates, String bootstrapServers,
            String mutualTlsBootstrapServers, String adminPassword, Duration timeout) {
        this.node = node;
        this.dir = dir;
        this.certificates = certificates;
        this.bootstrapServers = bootstrapServers;
        this.mutualTlsBootstrapServers = mutualTlsBootstrapServers;
        this.adminPassword = adminPassword;
        this.timeout = timeout;
    }

    /** A builder with defaults: free ports, only the {@value #ADMIN_USER} user, auto-create off. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Client properties that log in as the super user {@value #ADMIN_USER}. */
    @Override
    public Map<String, Object> clientProperties() {
        return clientPropertiesFor(ADMIN_USER, adminPassword);
    }

    /**
     * Client properties that log in as any user: {@code bootstrap.servers}, {@code SASL_SSL},
     * {@value #SASL_MECHANISM}, its JAAS line and the trust store. The credentials are not checked here,
     * so wrong ones can be used to test failures. The map is a fresh copy.
     */
    public Map<String, Object> clientPropertiesFor(String user, String password) {
        ScramUsers.validate(user, password);
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("security.protocol", "SASL_SSL");
        props.put("sasl.mechanism", SASL_MECHANISM);
        props.put("sasl.jaas.config", ScramUsers.jaasConfig(user, password));
        props.put("ssl.truststore.location", truststorePath().toString());
        props.put("ssl.truststore.password", truststorePassword());
        props.put("ssl.truststore.type", TestCertificates.STORE_TYPE);
        return props;
    }

    /** The PKCS12 trust store holding the CA that signed the broker's certificate. */
    public Path truststorePath() {
        return certificates.truststore();
    }

    /** The password of {@link #truststorePath()}. */
    public String truststorePassword() {
        return certificates.password();
    }

    /** The CA that signed the broker's certificate, as a PEM file (for kcat, kafkajs, {@code ssl.truststore.type=PEM}). */
    public Path caPemPath() {
        return certificates.caPem();
    }

    /**
     * The bootstrap servers of the mutual TLS listener.
     *
     * @throws IllegalStateException when the broker was started without {@link Builder#mutualTls()}
     */
    public String mutualTlsBootstrapServers() {
        if (mutualTlsBootstrapServers == null) {
            throw new IllegalStateException("this SecuredKafka has no mutual TLS listener: start it with"
                    + " SecuredKafka.builder().mutualTls()");
        }
        return mutualTlsBootstrapServers;
    }

    /**
     * Client properties for the mutual TLS listener with a new client certificate for
     * {@code CN=<commonName>} (principal {@code User:<commonName>}) signed by the broker's CA:
     * {@code security.protocol=SSL}, the client's PKCS12 key store and the trust store. A fresh map.
     *
     * @throws IllegalStateException when the broker has no mutual TLS listener
     */
    public Map<String, Object> mutualTlsClientProperties(String commonName) {
        ScramUsers.validate(commonName, "unused");
        ensureOpen();
        return mutualTlsProperties(certificates.issueClient(commonName));
    }

    /**
     * Like {@link #mutualTlsClientProperties}, but the client certificate is signed by another CA that the
     * broker does not trust: the broker must refuse the connection.
     */
    public Map<String, Object> untrustedClientProperties(String commonName) {
        ScramUsers.validate(commonName, "unused");
        ensureOpen();
        return mutualTlsProperties(TestCertificates.untrustedClient(dir.resolve("untrusted"), commonName));
    }

    private Map<String, Object> mutualTlsProperties(TestCertificates.ClientKeystore keystore) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", mutualTlsBootstrapServers());
        props.put("security.protocol", "SSL");
        props.put("ssl.keystore.location", keystore.keystore().toString());
        props.put("ssl.keystore.password", keystore.password());
        props.put("ssl.key.password", keystore.password());
        props.put("ssl.keystore.type", TestCertificates.STORE_TYPE);
        props.put("ssl.truststore.location", truststorePath().toString());
        props.put("ssl.truststore.password", truststorePassword());
        props.put("ssl.truststore.type", TestCertificates.STORE_TYPE);
        return props;
    }

    /**
     * Creates a SCRAM-SHA-512 user, or changes its password, through {@code Admin.alterUserScramCredentials},
     * and returns once the user can log in. The user has no ACLs: grant them with {@code Admin.createAcls}
     * for principal {@code User:<name>}.
     *
     * @throws IllegalArgumentException when the name or password has characters this testkit cannot pass on
     * @throws IllegalStateException    when the broker refuses the change or the user cannot log in in time
     */
    public void createUser(String name, String password) {
        ScramUsers.validate(name, password);
        ensureOpen();
        UserScramCredentialUpsertion upsertion = new UserScramCredentialUpsertion(name,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ScramUsers.ITERATIONS), password);
        try (Admin admin = Admin.create(clientProperties())) {
            admin.alterUserScramCredentials(List.of(upsertion)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating user '" + name + "'", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create user '" + name + "': " + e.getMessage(), e);
        }
        // The broker applies the new credential from the metadata log a moment after the controller commits it.
        Readiness.await("user '" + name + "' to be able to log in", timeout, () -> canLogIn(name, password));
    }

    private boolean canLogIn(String name, String password) throws Exception {
        Map<String, Object> props = clientPropertiesFor(name, password);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SaslAuthenticationException) {
                return false;
            }
            throw e;
        }
    }

    /** Stops the broker and deletes its data, certificates and key stores. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            node.stop();
        } finally {
            DataDirs.deleteRecursively(dir);
        }
    }

    private synchronized void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the secured Kafka broker is closed");
        }
    }

    /** Options of a {@link SecuredKafka}; {@link #start()} generates secrets, formats storage and starts. */
    public static final class Builder {
        private final Map<String, String> users = new LinkedHashMap<>();
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private Duration timeout = DEFAULT_TIMEOUT;
        private int port;
        private boolean mutualTls;

        private Builder() {
        }

        /** The SASL_SSL client port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Adds a client listener on a free port that speaks TLS and requires a client certificate signed by
         * the broker's CA (see {@link SecuredKafka#mutualTlsClientProperties}).
         */
        public Builder mutualTls() {
            this.mutualTls = true;
            return this;
        }

        /**
         * Adds a SCRAM-SHA-512 user, created when storage is formatted, so it can log in as soon as
         * the broker is up. The user has no ACLs.
         *
         * @throws IllegalArgumentException for a reserved name ({@value SecuredKafka#ADMIN_USER},
         *                                  {@code broker}) or characters this testkit cannot pass on
         */
        public Builder user(String name, String password) {
            ScramUsers.validate(name, password);
            if (name.equals(ADMIN_USER) || name.equals(BROKER_USER)) {
                throw new IllegalArgumentException("user name '" + name + "' is reserved by SecuredKafka");
            }
            users.put(name, password);
            return this;
        }

        /** How long {@link #start()} and {@link SecuredKafka#createUser} wait. */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** Sets any broker property, overriding the testkit's defaults (security ones included). */
        public Builder brokerProperty(String key, String value) {
            brokerProperties.put(key, value);
            return this;
        }

        /**
         * Generates certificates and passwords, formats storage with the SCRAM users, starts the
         * broker and returns once the admin user can describe the cluster.
         *
         * @throws IllegalStateException when the broker does not become ready within the timeout
         */
        public SecuredKafka start() {
            if (port != 0 && !Ports.isFree(port)) {
                throw new IllegalStateException("port " + port + " on 127.0.0.1 is already in use"
                        + " (is another Kafka running? choose another port)");
            }
            long started = System.nanoTime();
            Path dir = DataDirs.createTemp("finflow-kafka-secured-");
            try {
                TestCertificates certificates = TestCertificates.create(dir.resolve("tls"));
                Secrets secrets = new Secrets(Passwords.random(), Passwords.random());
                SecuredKafka kafka = startWithPortRetry(dir, certificates, secrets);
                log.info("secured Kafka started in {} ms at {}",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), kafka.bootstrapServers());
                return kafka;
            } catch (RuntimeException e) {
                DataDirs.deleteRecursively(dir);
                throw e;
            }
        }

        private SecuredKafka startWithPortRetry(Path dir, TestCertificates certificates, Secrets secrets) {
            RuntimeException last = null;
            for (int attempt = 1; attempt <= BIND_ATTEMPTS; attempt++) {
                Path data = dir.resolve("data");
                DataDirs.deleteRecursively(data);
                try {
                    return startOnce(dir, data, certificates, secrets, port != 0 ? port : Ports.freePort(),
                            mutualTls ? Ports.freePort() : 0, Ports.freePort());
                } catch (RuntimeException e) {
                    last = e;
                    if (!Ports.isBindFailure(e) || port != 0) {
                        break;
                    }
                    log.warn("port race on start-up (attempt {}), retrying: {}", attempt, e.getMessage());
                }
            }
            throw last;
        }

        private SecuredKafka startOnce(Path dir, Path data, TestCertificates certificates, Secrets secrets,
                int clientPort, int mtlsPort, int controllerPort) {
            try {
                Files.createDirectories(data);
            } catch (IOException e) {
                throw new UncheckedIOException("could not create data folder " + data, e);
            }
            Properties props = SecureBrokerConfig.properties(data, clientPort, mtlsPort, controllerPort, certificates,
                    secrets.broker());
            props.putAll(brokerProperties);
            KraftNode node = new KraftNode(props, scramArguments(secrets));
            SecuredKafka kafka = new SecuredKafka(node, dir, certificates, "127.0.0.1:" + clientPort,
                    mtlsPort == 0 ? null : "127.0.0.1:" + mtlsPort, secrets.admin(), timeout);
            try {
                node.formatAndStart();
                Readiness.awaitBrokers(kafka.clientProperties(), 1, timeout);
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

        private List<String> scramArguments(Secrets secrets) {
            List<String> arguments = new ArrayList<>();
            arguments.add(ScramUsers.formatterArgument(ADMIN_USER, secrets.admin()));
            arguments.add(ScramUsers.formatterArgument(BROKER_USER, secrets.broker()));
            users.forEach((name, password) -> arguments.add(ScramUsers.formatterArgument(name, password)));
            return arguments;
        }
    }

    /** Generated passwords of the admin user and of the broker's own identity. */
    private record Secrets(String admin, String broker) {
    }
}
