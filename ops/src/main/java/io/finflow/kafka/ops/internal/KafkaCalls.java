package io.finflow.kafka.ops.internal;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.finflow.kafka.ops.OpsException;
import org.apache.kafka.common.KafkaFuture;

/**
 * Waits for Admin results and turns their failures into one-line {@link OpsException}s.
 * Internal to the ops module: may change without notice.
 */
public final class KafkaCalls {

    /** Time an Admin call may take when a service is built without an explicit timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private KafkaCalls() {
    }

    /**
     * Waits for {@code future} and returns its value.
     *
     * @param action what the call does, in the infinitive, e.g. {@code "describe topic 'x'"}
     * @throws OpsException "could not ACTION: CAUSE" with the Kafka exception as cause, or a timeout
     */
    public static <T> T await(KafkaFuture<T> future, Duration timeout, String action) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpsException("interrupted while trying to " + action, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new OpsException("could not " + action + ": " + describe(cause), cause);
        } catch (TimeoutException e) {
            throw new OpsException("could not " + action + ": no answer from Kafka within " + timeout
                    + " (is bootstrap.servers reachable?)", e);
        }
    }

    /** The exception's message, or its class name when it has none, on one line. */
    public static String describe(Throwable t) {
        String message = t.getMessage();
        String text = message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
        return text.replaceAll("\\s*\\R\\s*", " ");
    }

    /** Validates a timeout given to a service. */
    public static Duration requirePositive(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        return timeout;
    }
}
