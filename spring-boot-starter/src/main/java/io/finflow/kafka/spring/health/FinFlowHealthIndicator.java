package io.finflow.kafka.spring.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.finflow.kafka.EventConsumer;
import io.finflow.kafka.consumer.ConsumerState;
import io.finflow.kafka.consumer.ConsumerStats;
import io.finflow.kafka.spring.FinFlowListener;
import io.finflow.kafka.spring.FinFlowListenerContainer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * Health of the {@link FinFlowListener} consumers, {@code finflow} in {@code /actuator/health}: DOWN when a consumer
 * was stopped by a fatal failure, OUT_OF_SERVICE while one is not running (not started yet, or closing), else UP.
 * Details per listener method: topic, group, state, the failure, assigned and stopped partitions, counters, and the
 * committed lag per partition (lag alone never changes the status: alert on it, see docs/monitoring.md). Reading the
 * lag asks Kafka (a few requests, at most {@link ConsumerGroupLag#DEFAULT_TIMEOUT}); when Kafka does not answer, the
 * lag detail says why. Thread-safe.
 */
public final class FinFlowHealthIndicator implements HealthIndicator {

    private final ObjectProvider<FinFlowListenerContainer> containers;
    private final ConsumerGroupLag lag;

    /** Reports the given listener containers. */
    public FinFlowHealthIndicator(ObjectProvider<FinFlowListenerContainer> containers, ConsumerGroupLag lag) {
        this.containers = containers;
        this.lag = lag;
    }

    @Override
    public Health health() {
        List<FinFlowListenerContainer> all = containers.orderedStream().toList();
        Status status = Status.UP;
        Map<String, Object> listeners = new LinkedHashMap<>();
        for (FinFlowListenerContainer container : all) {
            ConsumerState state = container.consumer().map(EventConsumer::state).orElse(ConsumerState.CREATED);
            if (state == ConsumerState.FAILED) {
                status = Status.DOWN;
            } else if (state != ConsumerState.RUNNING && status == Status.UP) {
                status = Status.OUT_OF_SERVICE;
            }
            listeners.put(container.method(), details(container, state));
        }
        return Health.status(status).withDetail("listeners", listeners).build();
    }

    private Map<String, Object> details(FinFlowListenerContainer container, ConsumerState state) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("topic", container.topicName());
        details.put("group", container.group());
        details.put("state", state.name());
        container.consumer().ifPresent(consumer -> {
            consumer.failure().ifPresent(cause -> details.put("failure", cause.toString()));
            details.put("assignedPartitions", consumer.assignment().size());
            if (!consumer.stoppedPartitions().isEmpty()) {
                Map<String, String> stopped = new LinkedHashMap<>();
                consumer.stoppedPartitions().forEach((tp, why) -> stopped.put(tp.toString(), why));
                details.put("stoppedPartitions", stopped);
            }
            ConsumerStats stats = consumer.stats();
            details.put("processed", stats.processed());
            details.put("retried", stats.retried());
            details.put("deadLettered", stats.deadLettered());
            try {
                Map<Integer, Long> partitions = lag.of(container.group(), container.topicName());
                details.put("lag", partitions.values().stream().mapToLong(Long::longValue).sum());
                details.put("lagByPartition", partitions);
            } catch (RuntimeException e) {
                details.put("lag", "unknown: " + e.getMessage());
            }
        });
        return details;
    }
}
