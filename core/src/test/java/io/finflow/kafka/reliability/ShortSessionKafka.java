package io.finflow.kafka.reliability;

import io.finflow.kafka.testkit.EmbeddedKafka;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single-node Kafka shared by the fault scenarios of this JVM whose consumer groups notice a dead member
 * within seconds: session timeout 6 s and heartbeats every second (Kafka's defaults for the consumer group protocol
 * are 45 s and 5 s). A member killed with SIGKILL holds its partitions until its session expires; with the defaults
 * every kill would cost a test 45 s of waiting and prove nothing more.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ShortSessionKafka KAFKA = new ShortSessionKafka();
 * ... KAFKA.broker().bootstrapServers() ...
 * }</pre>
 *
 * The broker starts before the first test class that registers this extension and stops when the JVM's tests are
 * done (it lives in the root context store, which closes it).
 */
public final class ShortSessionKafka implements BeforeAllCallback {

    /** Session timeout of consumer group members, in milliseconds. */
    public static final int SESSION_TIMEOUT_MS = 6_000;
    /** Heartbeat interval of consumer group members, in milliseconds. */
    public static final int HEARTBEAT_INTERVAL_MS = 1_000;

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ShortSessionKafka.class);

    private volatile EmbeddedKafka broker;

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Shared.class, k -> new Shared(), Shared.class).kafka;
    }

    /** The shared broker; available from {@code @BeforeAll} on. */
    public EmbeddedKafka broker() {
        if (broker == null) {
            throw new IllegalStateException("register ShortSessionKafka with @RegisterExtension on a static field");
        }
        return broker;
    }

    /** Owns the broker; the root store closes it once all tests ran. */
    private static final class Shared implements AutoCloseable {
        private final EmbeddedKafka kafka = EmbeddedKafka.builder()
                .brokerProperty("group.consumer.session.timeout.ms", String.valueOf(SESSION_TIMEOUT_MS))
                .brokerProperty("group.consumer.min.session.timeout.ms", String.valueOf(SESSION_TIMEOUT_MS))
                .brokerProperty("group.consumer.heartbeat.interval.ms", String.valueOf(HEARTBEAT_INTERVAL_MS))
                .brokerProperty("group.consumer.min.heartbeat.interval.ms", String.valueOf(HEARTBEAT_INTERVAL_MS))
                .start();

        @Override
        public void close() {
            kafka.close();
        }
    }
}
