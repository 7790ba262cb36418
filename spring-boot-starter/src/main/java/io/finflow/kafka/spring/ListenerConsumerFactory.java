package io.finflow.kafka.spring;

import java.util.Objects;

import io.finflow.kafka.EventConsumer;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.consumer.ConsumerOptions;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Makes the {@link EventConsumer} of each {@link FinFlowListener} from the {@code finflow.kafka.consumer.*}
 * properties, the application's {@link ClientConfig} and {@link TopicCatalog}, and Boot's {@link MeterRegistry}.
 * Checks the properties when created, so that a bad one fails the application's start before any consumer runs.
 * Thread-safe (immutable).
 */
public final class ListenerConsumerFactory {

    private final FinFlowKafkaProperties.Consumer settings;
    private final ClientConfig clientConfig;
    private final TopicCatalog catalog;
    private final MeterRegistry meterRegistry;
    private final String topicPrefix;

    /**
     * @param meterRegistry Boot's registry, or null for no metrics; not closed by the consumers
     * @throws IllegalArgumentException a {@code finflow.kafka.consumer.*} property is out of its limits, naming it
     */
    public ListenerConsumerFactory(FinFlowKafkaProperties properties, ClientConfig clientConfig, TopicCatalog catalog,
                                   MeterRegistry meterRegistry) {
        this.settings = properties.getConsumer();
        this.clientConfig = Objects.requireNonNull(clientConfig, "clientConfig");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.meterRegistry = meterRegistry;
        this.topicPrefix = properties.getTopicCatalog().getPrefix();
        try {
            builder("finflow-settings-check").build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("invalid finflow.kafka.consumer.* property: " + e.getMessage(), e);
        }
    }

    /** The topic a listener's {@code topic} names: the catalog prefix in front of it (once). */
    public String topicName(String listenerTopic) {
        return listenerTopic.startsWith(topicPrefix) ? listenerTopic : topicPrefix + listenerTopic;
    }

    /**
     * A consumer, not yet started, for a group.
     *
     * @throws IllegalArgumentException the group is blank or the concurrency out of its limits, naming the value
     */
    public EventConsumer create(String groupId, int concurrency) {
        return EventConsumer.create(builder(groupId).concurrency(concurrency).build());
    }

    private ConsumerOptions.Builder builder(String groupId) {
        ConsumerOptions.Builder builder = ConsumerOptions.builder(clientConfig, groupId)
                .catalog(catalog)
                .autoOffsetReset(settings.getAutoOffsetReset())
                .shutdownTimeout(settings.getShutdownTimeout())
                .maxPollRecords(settings.getMaxPollRecords())
                .commitInterval(settings.getCommitInterval())
                .kafkaOverrides(settings.getProperties())
                .meterRegistry(meterRegistry);
        if (settings.getGroupProtocol() != null) {
            builder.groupProtocol(settings.getGroupProtocol());
        }
        return builder;
    }
}
