package io.finflow.kafka.ops.topics;

/**
 * A topic config that does not have Kafka's default value.
 *
 * @param name   config name, e.g. {@code retention.ms}
 * @param value  its value; {@code null} for a sensitive config, which Kafka does not return
 * @param source where the value comes from, as Kafka names it: {@code DYNAMIC_TOPIC_CONFIG} (set on the
 *               topic), {@code STATIC_BROKER_CONFIG} (the broker's properties file),
 *               {@code DYNAMIC_BROKER_CONFIG} or {@code DYNAMIC_DEFAULT_BROKER_CONFIG}
 */
public record ConfigValue(String name, String value, String source) {
}
