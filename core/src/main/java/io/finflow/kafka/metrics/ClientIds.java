package io.finflow.kafka.metrics;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/** Kafka's {@code client.id} of a client, read from its own metrics (every client tags them with it). */
final class ClientIds {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private ClientIds() {
    }

    /**
     * The {@code client-id} tag of the client's metrics, or {@code fallbackPrefix-N} for a client without
     * metrics (a mock in a unit test).
     */
    static String of(Map<MetricName, ? extends Metric> metrics, String fallbackPrefix) {
        for (MetricName name : metrics.keySet()) {
            String id = name.tags().get("client-id");
            if (id != null && !id.isEmpty()) {
                return id;
            }
        }
        return fallbackPrefix + "-" + SEQUENCE.incrementAndGet();
    }
}
