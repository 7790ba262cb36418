package io.finflow.kafka.ops.diagnosis;

/** Why a client could not use Kafka, as a user would name it. */
public enum ProblemCause {
    /** Nothing listens on the bootstrap address (TCP connection refused). */
    CONNECTION_REFUSED("connection refused"),
    /** The bootstrap host name does not resolve. */
    UNKNOWN_HOST("unknown host"),
    /** No TCP connection or no Kafka answer within the timeout. */
    NO_ANSWER("no answer"),
    /** The listener speaks TLS but the client does not (typically: no security settings given). */
    TLS_REQUIRED("the listener requires TLS"),
    /** The client speaks TLS but the listener does not. */
    NOT_TLS("the listener does not speak TLS"),
    /** The TLS handshake failed: untrusted broker certificate, refused client certificate, host name mismatch. */
    TLS_HANDSHAKE("TLS handshake failed"),
    /** SASL authentication failed: wrong password, unknown user or wrong mechanism. */
    SASL_AUTHENTICATION("SASL authentication failed"),
    /** Authenticated, but an ACL is missing. */
    AUTHORIZATION("not authorized"),
    /** The client configuration itself is invalid or incomplete. */
    CLIENT_CONFIG("invalid client configuration"),
    /** Anything else. */
    OTHER("error");

    private final String label;

    ProblemCause(String label) {
        this.label = label;
    }

    /** The cause for people, e.g. {@code connection refused}. */
    public String label() {
        return label;
    }
}
