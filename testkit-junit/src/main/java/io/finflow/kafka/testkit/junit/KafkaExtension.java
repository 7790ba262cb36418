package io.finflow.kafka.testkit.junit;

import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.KafkaBroker;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that shares one real single-node Kafka per test JVM and gives each test unique
 * names.
 *
 * <pre>{@code
 * @ExtendWith(KafkaExtension.class)
 * class PaymentsIT {
 *     @Test
 *     void roundTrip(EmbeddedKafka kafka, TestNames names) {
 *         String topic = names.topic();   // unique to this test
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Resolves parameters of type {@link KafkaBroker}, {@link EmbeddedKafka} and {@link TestNames}.
 * The broker starts on first use and stops when the JVM's tests are done (it is stored in the root
 * context store, which closes it).
 */
public final class KafkaExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KafkaExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KafkaBroker.class || type == EmbeddedKafka.class || type == TestNames.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == TestNames.class) {
            return TestNames.forTest(context.getRequiredTestClass().getSimpleName(),
                    context.getTestMethod().map(m -> m.getName()).orElse("all"));
        }
        return sharedBroker(context);
    }

    /** The broker shared by every test of this JVM, started on first call. */
    public static EmbeddedKafka sharedBroker(ExtensionContext context) {
        SharedBroker shared = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedBroker.class, k -> new SharedBroker(), SharedBroker.class);
        if (shared == null) {
            throw new ParameterResolutionException("could not start the shared Kafka broker");
        }
        return shared.kafka;
    }

    /** Owns the shared broker; the root store closes it once all tests ran. */
    private static final class SharedBroker implements AutoCloseable {
        private final EmbeddedKafka kafka = EmbeddedKafka.builder().start();

        @Override
        public void close() {
            kafka.close();
        }
    }
}
