package io.finflow.examples;

import java.util.Map;
import java.util.Optional;

import io.finflow.kafka.EventConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells whether a started service's consumer still works, and if not, why: it stopped (a fatal
 * error such as an unsupported group protocol, an authorization failure or a failed state restore,
 * or it was closed), or one of its partitions stopped (a dead letter write failed). The demo and
 * {@code finflow service run} poll it to stop within seconds instead of waiting for records that
 * will never be handled.
 *
 * <p>It reads {@link EventConsumer#isRunning()}, {@link EventConsumer#failure()} and
 * {@link EventConsumer#stoppedPartitions()}; thread-safe.
 */
public final class ConsumerHealth {

    private ConsumerHealth() {
    }

    /** Why the consumer of {@code service} no longer works, or empty while it works. Call after start. */
    public static Optional<String> problem(String service, EventConsumer consumer) {
        String group = consumer.options().groupId();
        if (!consumer.isRunning()) {
            return Optional.of(service + " stopped: its consumer (group " + group + ") "
                    + consumer.failure().map(f -> "failed: " + describe(f)).orElse("was closed"));
        }
        Map<TopicPartition, String> stopped = consumer.stoppedPartitions();
        if (!stopped.isEmpty()) {
            Map.Entry<TopicPartition, String> first = stopped.entrySet().iterator().next();
            return Optional.of(service + " stopped: partition " + first.getKey() + " of group " + group
                    + " stopped" + (stopped.size() > 1 ? " (and " + (stopped.size() - 1) + " more)" : "") + ": "
                    + first.getValue());
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
