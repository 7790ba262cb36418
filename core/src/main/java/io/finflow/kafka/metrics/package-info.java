/**
 * Metrics of the library: the meters an {@link io.finflow.kafka.EventProducer} and an
 * {@link io.finflow.kafka.EventConsumer} register when their options carry a Micrometer registry
 * ({@code withMeterRegistry}), their names ({@link io.finflow.kafka.metrics.MeterNames}, documented in
 * docs/metrics.md), and {@link io.finflow.kafka.metrics.PrometheusEndpoint}, which serves a registry on
 * {@code /metrics}. {@code ProducerMetrics} and {@code ConsumerMetrics} are created and closed by the producer and
 * the consumer; applications do not use them directly.
 */
package io.finflow.kafka.metrics;
