package io.finflow.kafka.spring;

import java.util.Map;

import io.finflow.kafka.EventProducer;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.producer.ProducerOptions;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configuration of FinFlow Kafka: checks the kafka-clients version, then provides the {@link ClientConfig},
 * the {@link TopicCatalog}, an {@link EventProducer} (closed with the context, events in flight sent or failed
 * within {@link EventProducer#DEFAULT_CLOSE_TIMEOUT}) and the {@link FinFlowListener} machinery, all from
 * {@code finflow.kafka.*} properties and with Boot's {@link MeterRegistry} when there is one. Each bean backs off
 * when the application defines its own.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"})
@EnableConfigurationProperties(FinFlowKafkaProperties.class)
public class FinFlowKafkaAutoConfiguration {

    /** Default CloudEvents source when neither the property nor spring.application.name is set. */
    public static final String DEFAULT_SOURCE = "/finflow/spring-boot";

    /**
     * Fails the application's start at once when kafka-clients is older than FinFlow's.
     *
     * @throws IllegalStateException see {@link KafkaClientsVersionCheck}
     */
    public FinFlowKafkaAutoConfiguration(ResourceLoader resourceLoader) {
        KafkaClientsVersionCheck.requireSupported(resourceLoader.getClassLoader());
    }

    /**
     * The connection settings: environment, then the client config file, then the properties.
     *
     * @throws IllegalArgumentException a bad bootstrap list or an unreadable file, naming the property and value
     */
    @Bean
    @ConditionalOnMissingBean
    public ClientConfig finFlowClientConfig(FinFlowKafkaProperties properties) {
        ClientConfig config = ClientConfig.fromEnvironment();
        if (properties.getClientConfigFile() != null) {
            try {
                config = config.withFile(properties.getClientConfigFile());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("finflow.kafka.client-config-file: " + e.getMessage(), e);
            }
        }
        if (properties.getBootstrapServers() != null && !properties.getBootstrapServers().isBlank()) {
            try {
                config = config.with(ClientConfig.BOOTSTRAP_SERVERS, properties.getBootstrapServers().trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("finflow.kafka.bootstrap-servers: " + e.getMessage(), e);
            }
        }
        for (Map.Entry<String, String> property : properties.getProperties().entrySet()) {
            config = config.with(property.getKey(), property.getValue());
        }
        return config;
    }

    /**
     * The topic catalog of the configured profile (bundled, or from {@code topic-catalog.file}), with the prefix.
     *
     * @throws io.finflow.kafka.catalog.CatalogException an unknown profile or a bad file, naming it
     */
    @Bean
    @ConditionalOnMissingBean
    public TopicCatalog finFlowTopicCatalog(FinFlowKafkaProperties properties) {
        FinFlowKafkaProperties.Catalog settings = properties.getTopicCatalog();
        TopicCatalog catalog = settings.getFile() == null ? TopicCatalog.fromClasspath(settings.getProfile())
                : TopicCatalog.load(settings.getFile(), settings.getProfile());
        return catalog.withPrefix(settings.getPrefix());
    }

    /**
     * The producer, with Boot's meter registry when there is exactly one (or a primary one).
     *
     * @throws IllegalArgumentException a {@code finflow.kafka.producer.*} property out of its limits, naming it
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "finflow.kafka.producer", name = "enabled", matchIfMissing = true)
    public EventProducer finFlowEventProducer(FinFlowKafkaProperties properties, ClientConfig clientConfig,
                                              TopicCatalog catalog, ObjectProvider<MeterRegistry> meterRegistry,
                                              Environment environment) {
        FinFlowKafkaProperties.Producer settings = properties.getProducer();
        String source = settings.getSource() != null ? settings.getSource()
                : environment.containsProperty("spring.application.name")
                ? "/" + environment.getProperty("spring.application.name") : DEFAULT_SOURCE;
        ProducerOptions options;
        try {
            options = ProducerOptions.builder(clientConfig, source)
                    .catalog(catalog)
                    .deliveryTimeout(settings.getDeliveryTimeout())
                    .maxBlock(settings.getMaxBlock())
                    .linger(settings.getLinger())
                    .batchSize(settings.getBatchSize())
                    .compression(settings.getCompression())
                    .maxEventBytes(settings.getMaxEventBytes())
                    .kafkaOverrides(settings.getProperties())
                    .meterRegistry(meterRegistry.getIfUnique())
                    .build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("invalid finflow.kafka.producer.* property: " + e.getMessage(), e);
        }
        return EventProducer.create(options);
    }

    /** Makes the listeners' consumers. */
    @Bean
    @ConditionalOnMissingBean
    public ListenerConsumerFactory finFlowListenerConsumerFactory(FinFlowKafkaProperties properties,
                                                                  ClientConfig clientConfig, TopicCatalog catalog,
                                                                  ObjectProvider<MeterRegistry> meterRegistry) {
        return new ListenerConsumerFactory(properties, clientConfig, catalog, meterRegistry.getIfUnique());
    }

    /** Registers a {@link FinFlowListenerContainer} per {@link FinFlowListener} method. */
    @Bean
    public static FinFlowListenerRegistrar finFlowListenerRegistrar() {
        return new FinFlowListenerRegistrar();
    }
}
