package io.finflow.kafka.ops.doctor;

import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Turns a failed call to Kafka into a finding an operator can act on: authentication, authorization and
 * connectivity failures each get their own explanation.
 */
public final class FailureExplainer {

    private FailureExplainer() {
    }

    /**
     * The finding for {@code failure} (or the Kafka exception in its causes) met while {@code doing}.
     *
     * @param check     the check that failed
     * @param bootstrap the bootstrap servers, named in connectivity advice
     * @param doing     what the call did, e.g. {@code "describe the cluster"}
     */
    public static Finding explain(String check, String bootstrap, String doing, Throwable failure) {
        Throwable kafka = kafkaCause(failure);
        String message = oneLine(kafka);
        if (kafka instanceof SslAuthenticationException) {
            return new Finding(check, Finding.Severity.ERROR, "cluster", "TLS handshake with " + bootstrap
                    + " failed: " + message, "check ssl.truststore.location/password (the broker's CA) and, for"
                    + " mutual TLS, ssl.keystore.* in the --command-config file; the listener must be SSL or SASL_SSL");
        }
        if (kafka instanceof AuthenticationException) {
            return new Finding(check, Finding.Severity.ERROR, "cluster", "authentication failed: " + message,
                    "check security.protocol, sasl.mechanism and the username/password in sasl.jaas.config of the"
                            + " --command-config file");
        }
        if (kafka instanceof AuthorizationException) {
            return new Finding(check, Finding.Severity.ERROR, "cluster", "not authorized to " + doing + ": " + message,
                    "grant the user the ACL this needs (DESCRIBE on the cluster, topics and groups for doctor), or run"
                            + " doctor as an operations user");
        }
        if (kafka instanceof TimeoutException || failure instanceof java.util.concurrent.TimeoutException
                || message.contains("no answer from Kafka")) {
            return new Finding(check, Finding.Severity.ERROR, "cluster", "no answer from " + bootstrap
                    + " while trying to " + doing + " (" + message + ")",
                    "check --bootstrap (HOST:PORT of a broker listener), that the brokers run, the network or"
                            + " firewall, and that security.protocol matches the listener");
        }
        return new Finding(check, Finding.Severity.ERROR, "cluster", "could not " + doing + ": " + message,
                "run again with --verbose for details");
    }

    /** The first Kafka exception among the causes, else the deepest cause. */
    static Throwable kafkaCause(Throwable failure) {
        Throwable t = failure;
        Throwable deepest = failure;
        while (t != null) {
            if (t instanceof org.apache.kafka.common.KafkaException) {
                return t;
            }
            deepest = t;
            t = t.getCause() == t ? null : t.getCause();
        }
        return deepest;
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
        return m.replaceAll("\\s*\\R\\s*", " ");
    }
}
