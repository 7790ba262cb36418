package io.finflow.kafka.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that shares one {@link SecuredKafka} (SASL_SSL with SCRAM-SHA-512, deny-by-default
 * ACLs, and a mutual TLS listener) per test JVM, and gives each test unique names.
 *
 * <pre>{@code
 * @ExtendWith(SecuredKafkaExtension.class)
 * class PaymentsSecurityIT {
 *     @Test
 *     void deniedWithoutAcl(SecuredKafka kafka, TestNames names) {
 *         kafka.createUser(names.group() + "-user", "pw");   // users and topics unique to this test
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Resolves parameters of type {@link SecuredKafka} and {@link TestNames}. The broker starts on first
 * use and stops when the JVM's tests are done. Tests share it: create users, topics and ACLs with names
 * unique to the test.
 */
public final class SecuredKafkaExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SecuredKafkaExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == SecuredKafka.class || type == TestNames.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == TestNames.class) {
            return TestNames.forTest(context.getRequiredTestClass().getSimpleName(),
                    context.getTestMethod().map(m -> m.getName()).orElse("all"));
        }
        return sharedBroker(context);
    }

    /** The secured broker shared by every test of this JVM, started on first call. */
    public static SecuredKafka sharedBroker(ExtensionContext context) {
        SharedBroker shared = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedBroker.class, k -> new SharedBroker(), SharedBroker.class);
        if (shared == null) {
            throw new ParameterResolutionException("could not start the shared secured Kafka broker");
        }
        return shared.kafka;
    }

    /** Owns the shared broker; the root store closes it once all tests ran. */
    private static final class SharedBroker implements AutoCloseable {
        private final SecuredKafka kafka = SecuredKafka.builder().mutualTls().start();

        @Override
        public void close() {
            kafka.close();
        }
    }
}
