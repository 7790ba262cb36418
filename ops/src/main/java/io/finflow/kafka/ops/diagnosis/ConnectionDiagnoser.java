package io.finflow.kafka.ops.diagnosis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.finflow.kafka.config.ConfigReferences;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.IllegalSaslStateException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;

/**
 * Finds out why a client cannot use a cluster, within a time budget, and says what to do: connection
 * refused, unknown host, no answer, TLS required or not spoken, TLS handshake (untrusted broker
 * certificate, refused client certificate, host name mismatch), SASL authentication, authorization,
 * invalid client configuration.
 *
 * <pre>{@code
 * ConnectionDiagnoser diagnoser = new ConnectionDiagnoser(ClientContext.of(config), Duration.ofSeconds(10));
 * diagnoser.diagnose().ifPresent(problem -> err.println(problem.message()));
 * }</pre>
 *
 * <p>{@link #diagnose()} first opens plain TCP connections to the bootstrap servers (refused and unknown
 * hosts are reported at once, without waiting for Kafka's retries), then asks the cluster to describe
 * itself with the full client config; a failure is classified from Kafka's exception, and a silent
 * broker is probed for TLS to tell a security protocol mismatch from a dead one. Every message is
 * scrubbed of the config's secrets. Thread-safe; each call blocks for at most about the timeout.
 */
public final class ConnectionDiagnoser {

    /** How long a plaintext client waits for the cluster before checking whether the port wants TLS. */
    static final Duration EARLY_TLS_PROBE = Duration.ofSeconds(2);

    private final ClientContext context;
    private final Duration timeout;

    /** @param timeout the budget of one diagnosis */
    public ConnectionDiagnoser(ClientContext context, Duration timeout) {
        this.context = Objects.requireNonNull(context, "context");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }

    /** Checks the bootstrap servers, then opens an Admin and checks the cluster answers; empty when all is well. */
    public Optional<ConnectionProblem> diagnose() {
        Optional<ConnectionProblem> network = checkNetwork();
        if (network.isPresent()) {
            return network;
        }
        Admin admin;
        try {
            admin = Admin.create(adminProperties(context.config().toMap(), timeout));
        } catch (KafkaException | IllegalArgumentException e) {
            return Optional.of(explain(e));
        }
        try (admin) {
            return checkCluster(admin);
        }
    }

    /** Like {@link #diagnose()}, with an Admin the caller opened (and closes) with the same config. */
    public Optional<ConnectionProblem> diagnose(Admin admin) {
        Optional<ConnectionProblem> network = checkNetwork();
        return network.isPresent() ? network : checkCluster(admin);
    }

    /** The TCP check alone: empty when at least one bootstrap server accepts a connection. */
    public Optional<ConnectionProblem> checkNetwork() {
        List<NetworkProbe.Result> failures = new ArrayList<>();
        for (String server : context.bootstrap().split(",")) {
            String s = server.trim();
            if (ConfigReferences.isReference(s)) {
                return Optional.empty(); // resolved by the Kafka client: let it try
            }
            NetworkProbe.Result r = NetworkProbe.tcp(s, timeout);
            if (r.reach() == NetworkProbe.Reach.OPEN) {
                return Optional.empty();
            }
            failures.add(r);
        }
        NetworkProbe.Result first = failures.get(0);
        String detail = failures.stream().map(NetworkProbe.Result::detail).reduce((a, b) -> a + "; " + b).orElse("");
        return Optional.of(switch (first.reach()) {
            case REFUSED -> problem(ProblemCause.CONNECTION_REFUSED, detail,
                    "start the broker (locally: finflow dev) or fix --bootstrap / bootstrap.servers: HOST:PORT of a"
                            + " listener");
            case UNKNOWN_HOST -> problem(ProblemCause.UNKNOWN_HOST, detail,
                    "fix the host name in --bootstrap / bootstrap.servers, or the DNS of this machine");
            default -> problem(ProblemCause.NO_ANSWER, detail,
                    "check that the host is up and that no firewall drops the port; --timeout SECONDS waits longer");
        });
    }

    /**
     * The cluster check alone, on an Admin the caller opened with the same config: it must answer
     * {@code describeCluster} within the timeout. Empty when it does.
     */
    public Optional<ConnectionProblem> checkCluster(Admin admin) {
        long deadline = System.nanoTime() + timeout.toNanos() + TimeUnit.SECONDS.toNanos(1);
        try {
            KafkaFuture<Collection<Node>> nodes = admin.describeCluster(
                    new DescribeClusterOptions().timeoutMs((int) timeout.toMillis())).nodes();
            if (!context.usesTls() && timeout.compareTo(EARLY_TLS_PROBE) > 0) {
                // A plaintext client on a TLS listener gets no answer at all: after a short wait, look whether the
                // port speaks TLS rather than wait the whole timeout (a healthy cluster answers long before)
                try {
                    nodes.get(EARLY_TLS_PROBE.toMillis(), TimeUnit.MILLISECONDS);
                    return Optional.empty();
                } catch (java.util.concurrent.TimeoutException notYet) {
                    if (firstServer().map(server -> NetworkProbe.speaksTls(server, shortTimeout()))
                            .orElse(Boolean.FALSE)) {
                        return Optional.of(silentBroker());
                    }
                }
            }
            nodes.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(problem(ProblemCause.OTHER, "interrupted", "run the command again"));
        } catch (ExecutionException e) {
            return Optional.of(explain(e.getCause() == null ? e : e.getCause()));
        } catch (java.util.concurrent.TimeoutException e) {
            return Optional.of(explain(new TimeoutException("no answer within " + timeout.toSeconds() + " s")));
        }
    }

    /**
     * Classifies any failure met while talking to the cluster. Authentication, TLS and timeouts get their
     * own explanation; authorization failures are explained by {@link AccessAdvisor}.
     */
    public ConnectionProblem explain(Throwable failure) {
        Throwable kafka = firstKafkaCause(failure);
        String message = context.scrubber().scrub(chainMessage(kafka));
        if (kafka instanceof SslAuthenticationException) {
            return tlsProblem(message);
        }
        if (kafka instanceof SaslAuthenticationException) {
            String user = context.saslUser().map(u -> "user '" + u + "'").orElse("the user");
            return problem(ProblemCause.SASL_AUTHENTICATION, "the broker refused " + user
                    + ": wrong password or unknown user (Kafka does not say which)",
                    "check username and password in sasl.jaas.config of " + context.securitySource() + "; an admin lists"
                            + " users with 'finflow users list' and sets a password with 'finflow users add "
                            + context.saslUser().orElse("NAME") + " --password-file FILE'");
        }
        if (kafka instanceof UnsupportedSaslMechanismException || kafka instanceof IllegalSaslStateException) {
            return problem(ProblemCause.SASL_AUTHENTICATION, message,
                    "the listener does not accept this SASL setup: use sasl.mechanism=SCRAM-SHA-512 and the"
                            + " security.protocol of the listener (FinFlow: SASL_SSL)");
        }
        if (kafka instanceof AuthenticationException) {
            return problem(ProblemCause.SASL_AUTHENTICATION, message,
                    "check the credentials in " + context.securitySource());
        }
        if (kafka instanceof AuthorizationException) {
            return problem(ProblemCause.AUTHORIZATION, AccessAdvisor.explain(kafka, context).orElse(message),
                    "grant the ACL (config/acls.yaml, then finflow acls apply) or use an admin's --command-config");
        }
        if (kafka instanceof ConfigException || isClientConfigFailure(failure)) {
            // the whole chain: "Failed to create new KafkaAdminClient" alone says nothing, its causes do
            String chain = context.scrubber().scrub(chainMessage(failure));
            return problem(ProblemCause.CLIENT_CONFIG, chain, configAdvice(chain));
        }
        if (kafka instanceof TimeoutException || failure instanceof java.util.concurrent.TimeoutException) {
            return silentBroker();
        }
        return problem(ProblemCause.OTHER, message, "run again with --verbose for details");
    }

    private ConnectionProblem tlsProblem(String message) {
        String m = message.toLowerCase(java.util.Locale.ROOT);
        if (m.contains("pkix") || m.contains("certification path") || m.contains("unable to find valid")) {
            return problem(ProblemCause.TLS_HANDSHAKE, "the broker's certificate is not signed by a CA this client"
                    + " trusts", "set ssl.truststore.location to the broker's CA (a .pem file with"
                    + " ssl.truststore.type=PEM; for finflow dev --secure: DIR/ca.pem) in " + context.securitySource());
        }
        if (m.contains("no subject alternative") || m.contains("no name matching")) {
            return problem(ProblemCause.TLS_HANDSHAKE, "the broker's certificate does not name the host you connect"
                    + " to (" + message + ")", "connect with a host name the certificate lists, or reissue the"
                    + " broker certificate with this name as a subject alternative name");
        }
        if (m.contains("bad_certificate") || m.contains("certificate_required") || m.contains("unknown_ca")
                || m.contains("post-handshake") || m.contains("certificate_unknown")) {
            return problem(ProblemCause.TLS_HANDSHAKE, "the broker refused the client certificate (mutual TLS)",
                    "ssl.keystore.location in " + context.securitySource() + " must hold a client certificate signed"
                            + " by a CA the broker trusts (and its key, ssl.keystore.password / ssl.key.password)");
        }
        Boolean tls = firstServer().map(s -> NetworkProbe.speaksTls(s, shortTimeout())).orElse(null);
        if (Boolean.FALSE.equals(tls)) {
            return notTls();
        }
        return problem(ProblemCause.TLS_HANDSHAKE, message, "check the ssl.* settings in " + context.securitySource()
                + " against the listener (protocol versions, trust store, key store)");
    }

    /** TCP works but Kafka does not answer: usually a security protocol that does not match the listener. */
    private ConnectionProblem silentBroker() {
        Boolean tls = firstServer().map(s -> NetworkProbe.speaksTls(s, shortTimeout())).orElse(null);
        if (Boolean.TRUE.equals(tls) && !context.usesTls()) {
            return problem(ProblemCause.TLS_REQUIRED, "the listener speaks TLS but this client uses security.protocol="
                    + context.protocol() + (context.usesSasl() ? "" : " with no credentials"),
                    "give the cluster's client settings with --command-config FILE: security.protocol=SASL_SSL,"
                            + " sasl.mechanism=SCRAM-SHA-512, sasl.jaas.config and ssl.truststore.location (see"
                            + " config/clients/prod.properties; for finflow dev --secure: DIR/client.properties)");
        }
        if (Boolean.FALSE.equals(tls) && context.usesTls()) {
            return notTls();
        }
        String why = context.usesSasl() ? "" : "; if the listener requires SASL, security.protocol must be SASL_SSL"
                + " or SASL_PLAINTEXT";
        return problem(ProblemCause.NO_ANSWER, "the port accepts connections but no Kafka answer came within "
                + timeout.toSeconds() + " s" + why, "check that HOST:PORT is a Kafka listener whose security protocol"
                + " matches security.protocol=" + context.protocol() + "; --timeout SECONDS waits longer");
    }

    private ConnectionProblem notTls() {
        return problem(ProblemCause.NOT_TLS, "security.protocol=" + context.protocol() + " but the listener does not"
                + " speak TLS", "use the TLS listener's port, or security.protocol=PLAINTEXT / SASL_PLAINTEXT for this"
                + " one, in " + context.securitySource());
    }

    /** A client that could not even be built: a JAAS, key store or config provider setting is wrong. */
    private static boolean isClientConfigFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (t instanceof ConfigException || m.startsWith("Failed to create new KafkaAdminClient")
                    || m.startsWith("Failed to construct kafka") || m.contains("JAAS")
                    || m.contains("Failed to load SSL keystore")) {
                return true;
            }
        }
        return false;
    }

    private String configAdvice(String message) {
        if (message.contains("JAAS") || message.contains("KafkaClient")) {
            return "no SASL credentials: add sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule"
                    + " required username=\"NAME\" password=\"${env:FINFLOW_SASL_PASSWORD}\"; to "
                    + context.securitySource() + " (see config/clients/prod.properties)";
        }
        if (message.toLowerCase(java.util.Locale.ROOT).contains("store")) {
            return "check ssl.truststore.* / ssl.keystore.* in " + context.securitySource()
                    + ": the file must exist and its type (PKCS12, JKS, PEM) and password match";
        }
        return "fix the setting named above in " + context.securitySource() + " (finflow config show lists them)";
    }

    private Optional<String> firstServer() {
        String s = context.bootstrap().split(",")[0].trim();
        return ConfigReferences.isReference(s) || s.lastIndexOf(':') < 0 ? Optional.empty() : Optional.of(s);
    }

    private Duration shortTimeout() {
        return timeout.compareTo(Duration.ofSeconds(3)) < 0 ? timeout : Duration.ofSeconds(3);
    }

    private ConnectionProblem problem(ProblemCause cause, String detail, String next) {
        return new ConnectionProblem(cause, context.bootstrap(), context.scrubber().scrub(detail),
                context.scrubber().scrub(next));
    }

    /** Admin properties with this budget for every call and connection attempt. */
    public static Map<String, Object> adminProperties(Map<String, Object> clientConfig, Duration timeout) {
        Map<String, Object> props = new HashMap<>(clientConfig);
        int ms = (int) timeout.toMillis();
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "finflow-diagnosis");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        props.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, (long) Math.min(ms, 10_000));
        props.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, (long) ms);
        return props;
    }

    /** The first Kafka exception in the cause chain, else the deepest cause. */
    static Throwable firstKafkaCause(Throwable failure) {
        Throwable deepest = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthenticationException || t instanceof AuthorizationException) {
                return t;
            }
            deepest = t;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KafkaException && !(t.getClass() == KafkaException.class && t.getCause() != null)) {
                return t;
            }
        }
        return deepest;
    }

    /** The exception's message followed by its causes' messages: TLS alerts hide in the causes. */
    static String chainMessage(Throwable t) {
        StringBuilder s = new StringBuilder();
        for (Throwable c = t; c != null && s.length() < 600; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage() == null || c.getMessage().isBlank() ? c.getClass().getSimpleName() : c.getMessage();
            if (c != t && (m.startsWith("Failed to create new ") || m.startsWith("Failed to construct "))) {
                continue; // Kafka's nested wrappers say nothing the first line did not
            }
            if (c instanceof java.nio.file.NoSuchFileException) {
                m = m + " does not exist";
            } else if (c instanceof java.nio.file.AccessDeniedException) {
                m = m + " cannot be read (permission denied)";
            }
            if (s.indexOf(m) < 0) {
                s.append(s.length() == 0 ? "" : ": ").append(m);
            }
        }
        return s.toString().replaceAll("\\s*\\R\\s*", " ");
    }
}
