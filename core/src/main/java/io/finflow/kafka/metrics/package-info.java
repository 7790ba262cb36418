/**
 * Metrics of the library: the names of the meters an {@link io.finflow.kafka.EventProducer} and an
 * {@link io.finflow.kafka.EventConsumer} register when their options carry a Micrometer registry
 * ({@code meterRegistry(...)} on the options' builders), in {@link io.finflow.kafka.metrics.MeterNames}
 * (documented in docs/metrics.md), and {@link io.finflow.kafka.metrics.PrometheusEndpoint}, which serves a
 * registry on {@code /metrics}. The producer and the consumer register and remove their meters themselves.
 */
package io.finflow.kafka.metrics;
