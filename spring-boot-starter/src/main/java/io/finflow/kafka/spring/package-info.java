/**
 * Spring Boot support for FinFlow Kafka: an auto-configured {@link io.finflow.kafka.EventProducer} from
 * {@code finflow.kafka.*} properties, {@link io.finflow.kafka.spring.FinFlowListener} methods each run by an
 * {@link io.finflow.kafka.EventConsumer} in the application's lifecycle, an Actuator health indicator and metrics
 * through Boot's {@code MeterRegistry}. See docs/spring-boot.md.
 */
package io.finflow.kafka.spring;
