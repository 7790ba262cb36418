package io.finflow.kafka.spring.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import io.finflow.kafka.config.ClientConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The committed lag of a consumer group on a topic: per partition, the end offset minus the group's committed
 * offset (minus the earliest offset where the group committed nothing yet). That is what a restart would have to
 * process. Uses one {@link Admin} client, created on first use; {@link #close()} closes it. Thread-safe.
 */
public final class ConsumerGroupLag implements AutoCloseable {

    /** How long one lag reading may take. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final ClientConfig clientConfig;
    private Admin admin;

    /** Lag through the given cluster; nothing is created before the first {@link #of}. */
    public ConsumerGroupLag(ClientConfig clientConfig) {
        this.clientConfig = clientConfig;
    }

    /**
     * The lag per partition of {@code topic}, in partition order.
     *
     * @throws IllegalStateException when Kafka does not answer within {@link #DEFAULT_TIMEOUT} or refuses, with why
     */
    public Map<Integer, Long> of(String group, String topic) {
        Admin client = admin();
        long timeout = DEFAULT_TIMEOUT.toMillis();
        try {
            Set<TopicPartition> partitions = client.describeTopics(Set.of(topic)).allTopicNames()
                    .get(timeout, TimeUnit.MILLISECONDS).get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toSet());
            Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(timeout, TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            Map<TopicPartition, OffsetSpec> starts = new HashMap<>();
            for (TopicPartition tp : partitions) {
                ends.put(tp, OffsetSpec.latest());
                if (committed.get(tp) == null) {
                    starts.put(tp, OffsetSpec.earliest());
                }
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = client.listOffsets(ends).all()
                    .get(timeout, TimeUnit.MILLISECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> start = starts.isEmpty() ? Map.of()
                    : client.listOffsets(starts).all().get(timeout, TimeUnit.MILLISECONDS);
            Map<Integer, Long> lag = new TreeMap<>();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata done = committed.get(tp);
                long from = done != null ? done.offset() : start.get(tp).offset();
                lag.put(tp.partition(), Math.max(0, end.get(tp).offset() - from));
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the lag", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + DEFAULT_TIMEOUT.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(String.valueOf(e.getCause()), e.getCause());
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> props = clientConfig.toMap();
            props.put(AdminClientConfig.CLIENT_ID_CONFIG, "finflow-health");
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) DEFAULT_TIMEOUT.toMillis());
            props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) DEFAULT_TIMEOUT.toMillis());
            admin = Admin.create(props);
        }
        return admin;
    }

    /** Closes the Admin client, if one was created. */
    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }
}
