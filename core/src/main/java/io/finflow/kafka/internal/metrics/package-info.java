/**
 * <b>Not API.</b> The meters an {@link io.finflow.kafka.EventProducer} and an {@link io.finflow.kafka.EventConsumer}
 * bind and remove. Their names are API: {@link io.finflow.kafka.metrics.MeterNames}. See
 * {@link io.finflow.kafka.internal}.
 */
package io.finflow.kafka.internal.metrics;
