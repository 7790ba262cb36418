package io.finflow.kafka.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.finflow.kafka.EventProducer;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.event.UserEvent;
import io.finflow.kafka.producer.Compression;
import io.finflow.kafka.spring.health.FinFlowHealthIndicator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The beans made from finflow.kafka.* properties, and the clear errors for bad ones; no broker needed. */
class FinFlowKafkaAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FinFlowKafkaAutoConfiguration.class))
            .withPropertyValues("finflow.kafka.bootstrap-servers=127.0.0.1:1");

    @Test
    void propertiesGiveTheClientConfigCatalogAndAProducerMeteredInBootsRegistryClosedWithTheContext() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("finflow.kafka.properties.client.id=ledger",
                        "finflow.kafka.topic-catalog.profile=prod",
                        "finflow.kafka.topic-catalog.prefix=blue.",
                        "finflow.kafka.producer.compression=zstd",
                        "spring.application.name=accounting")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ClientConfig config = context.getBean(ClientConfig.class);
                    assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:1");
                    assertThat(config.toMap()).containsEntry("client.id", "ledger");
                    TopicCatalog catalog = context.getBean(TopicCatalog.class);
                    assertThat(catalog.profile()).isEqualTo("prod");
                    assertThat(catalog.find("blue.transaction-events")).isPresent();
                    EventProducer producer = context.getBean(EventProducer.class);
                    assertThat(producer.options().compression()).isEqualTo(Compression.ZSTD);
                    assertThat(producer.options().source()).isEqualTo("/accounting");
                    assertThat(producer.options().meterRegistry()).isSameAs(context.getBean(MeterRegistry.class));
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.getMeters()).as("Kafka's producer metrics in Boot's registry")
                            .anyMatch(m -> m.getId().getName().startsWith("kafka.producer"));

                    context.getSourceApplicationContext().close();
                    assertThat(registry.getMeters()).as("the closed producer removed its meters")
                            .noneMatch(m -> m.getId().getName().startsWith("kafka.producer"));
                    assertThat(producer.send("blue.transaction-events",
                            TransactionEvent.credit("acc-1", "1.00", "EUR")))
                            .as("the producer was closed with the context").isCompletedExceptionally();
                });
    }

    @Test
    void withoutTheActuatorTheProducerIsThereAndNoHealthIndicator() {
        runner.withConfiguration(AutoConfigurations.of(FinFlowHealthAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(EventProducer.class)
                            .doesNotHaveBean(FinFlowHealthIndicator.class);
                });
        runner.withConfiguration(AutoConfigurations.of(FinFlowHealthAutoConfiguration.class))
                .run(context -> assertThat(context).hasSingleBean(FinFlowHealthIndicator.class));
    }

    @Test
    void aBadBootstrapListFailsTheStartNamingThePropertyAndTheValue() {
        runner.withPropertyValues("finflow.kafka.bootstrap-servers=kafka-without-port").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining(
                    "finflow.kafka.bootstrap-servers: bootstrap server 'kafka-without-port' must be HOST:PORT");
        });
    }

    @Test
    void anUnknownCompressionFailsTheBindingNamingThePropertyAndTheValue() {
        runner.withPropertyValues("finflow.kafka.producer.compression=brotli").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("finflow.kafka.producer.compression")
                    .hasStackTraceContaining("brotli");
        });
    }

    @Test
    void anOutOfRangeConsumerSettingFailsTheStartNamingIt() {
        runner.withPropertyValues("finflow.kafka.consumer.max-poll-records=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining(
                    "invalid finflow.kafka.consumer.* property: maxPollRecords must be >= 1, was 0");
        });
    }

    @Test
    void aMissingClientConfigFileOrCatalogProfileFailsTheStartNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("prod.properties");
        runner.withPropertyValues("finflow.kafka.client-config-file=" + missing).run(context ->
                assertThat(context.getStartupFailure()).hasStackTraceContaining(
                        "finflow.kafka.client-config-file: client config file " + missing + " does not exist"));
        runner.withPropertyValues("finflow.kafka.topic-catalog.profile=staging").run(context ->
                assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("staging"));
        assertThat(Files.exists(missing)).isFalse();
    }

    @Test
    void aListenerMethodWithAnUnsupportedSignatureFailsTheStartNamingTheMethod() {
        runner.withBean(BadListener.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("BadListener.onEvent(String)")
                    .hasMessageContaining("must take the event");
        });
        runner.withBean(TooManyWorkers.class).run(context ->
                assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("concurrency must be between 1 and 1024, was 0"));
    }

    @Test
    void aListenerWhoseEventTypeIsNotItsTopicsFailsTheStartNamingMethodTopicAndGroup() {
        runner.withBean(WrongTopicListener.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("carries TransactionEvent events, not UserEvent");
            assertThat(context.getStartupFailure()).hasStackTraceContaining(
                    "@FinFlowListener WrongTopicListener.onUser(UserEvent) on topic 'transaction-events',"
                            + " group 'g' cannot start");
        });
    }

    static class BadListener {
        @FinFlowListener(topic = "transaction-events", group = "g")
        void onEvent(String event) {
        }
    }

    static class TooManyWorkers {
        @FinFlowListener(topic = "transaction-events", group = "g", concurrency = 0)
        void onEvent(TransactionEvent event) {
        }
    }

    static class WrongTopicListener {
        @FinFlowListener(topic = "transaction-events", group = "g")
        void onUser(UserEvent event) {
        }
    }
}
