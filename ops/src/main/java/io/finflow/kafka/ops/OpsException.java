package io.finflow.kafka.ops;

/**
 * An operation on the cluster failed: Kafka rejected a request, did not answer in time, or a file
 * could not be read or written. The message is one line that names the resource and the bad value,
 * so a command can print it as is.
 */
public class OpsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public OpsException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public OpsException(String message, Throwable cause) {
        super(message, cause);
    }
}
