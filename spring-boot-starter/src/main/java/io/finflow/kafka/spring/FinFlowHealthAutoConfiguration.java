package io.finflow.kafka.spring;

import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.spring.health.ConsumerGroupLag;
import io.finflow.kafka.spring.health.FinFlowHealthIndicator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code finflow} health indicator, when the Actuator is on the classpath and
 * {@code management.health.finflow.enabled} is not false.
 */
@AutoConfiguration(after = FinFlowKafkaAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(ClientConfig.class)
@ConditionalOnEnabledHealthIndicator("finflow")
public class FinFlowHealthAutoConfiguration {

    /** Reads the listeners' committed lag with an Admin client created on first use, closed with the context. */
    @Bean
    @ConditionalOnMissingBean
    public ConsumerGroupLag finFlowConsumerGroupLag(ClientConfig clientConfig) {
        return new ConsumerGroupLag(clientConfig);
    }

    /** The indicator, named {@code finflow} in {@code /actuator/health}. */
    @Bean
    @ConditionalOnMissingBean(name = "finflowHealthIndicator")
    public FinFlowHealthIndicator finflowHealthIndicator(ObjectProvider<FinFlowListenerContainer> containers,
                                                         ConsumerGroupLag lag) {
        return new FinFlowHealthIndicator(containers, lag);
    }
}
