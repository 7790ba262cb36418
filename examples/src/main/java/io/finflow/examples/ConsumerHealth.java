package io.finflow.examples;

import java.util.Optional;

import io.finflow.kafka.EventConsumer;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;

/**
 * Tells whether a started service's consumer still works, and if not, why: it stopped on a fatal
 * error (an unsupported group protocol, an authorization failure, a failed state restore, fencing by
 * a newer instance with the same transactional id, ...) or it was closed. The demo and
 * {@code finflow service run} poll it to stop within seconds instead of waiting for records that
 * will never be handled. A partition waiting at a record (a dead letter write being retried) is not
 * a stop: the consumer says so through its state once it gives up.
 *
 * <p>It reads {@link EventConsumer#isRunning()} and {@link EventConsumer#failure()}; thread-safe.
 */
public final class ConsumerHealth {

    private ConsumerHealth() {
    }

    /** Why the consumer of {@code service} no longer works, or empty while it works. Call after start. */
    public static Optional<String> problem(String service, EventConsumer consumer) {
        String group = consumer.options().groupId();
        if (!consumer.isRunning()) {
            return Optional.of(service + " stopped: its consumer (group " + group + ") "
                    + consumer.failure().map(f -> "failed: " + explain(f)).orElse("was closed"));
        }
        return Optional.empty();
    }

    /** Throws {@link ServiceStoppedException} when {@link #problem} finds one. */
    public static void check(String service, EventConsumer consumer) {
        Optional<String> problem = problem(service, consumer);
        if (problem.isPresent()) {
            throw new ServiceStoppedException(problem.get());
        }
    }

    private static String explain(Throwable failure) {
        if (fenced(failure)) {
            return "fenced by another instance with the same transactional id (" + describe(failure) + ")";
        }
        if (has(failure, InvalidTxnStateException.class)) {
            return "its transaction was ended by the transaction coordinator: another instance with the same"
                    + " transactional id took over, or the transaction outlived transaction.timeout.ms ("
                    + describe(failure) + ")";
        }
        return describe(failure);
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** True when a newer producer with the same transactional id fenced this instance's. */
    static boolean fenced(Throwable failure) {
        return has(failure, ProducerFencedException.class) || has(failure, InvalidProducerEpochException.class);
    }

    /** The innermost cause, which names what went wrong: {@code SimpleName: message}. */
    static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? "" : ": " + firstLine(cause.getMessage());
        return cause.getClass().getSimpleName() + message;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
