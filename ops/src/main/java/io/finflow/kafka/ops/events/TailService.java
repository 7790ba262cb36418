package io.finflow.kafka.ops.events;

import static io.finflow.kafka.ops.internal.KafkaCalls.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.finflow.kafka.ops.OpsException;
import io.finflow.kafka.ops.internal.ClientProps;
import io.finflow.kafka.ops.internal.KafkaCalls;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic's records and checks each one against its schema, like a validating {@code kcat -C}.
 *
 * <pre>{@code
 * new TailService(admin, clientConfig, validator).tail("transaction-events",
 *         new TailOptions(true, null, 10), event -> out.println(event), () -> false);
 * }</pre>
 *
 * <p>Without a group the service assigns every partition and commits nothing; with one it subscribes and
 * commits after each batch was handed to the sink (at-least-once: a record may be shown again after a
 * crash). The service does not close the {@code Admin}.
 */
public final class TailService {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Admin admin;
    private final Map<String, Object> clientConfig;
    private final EventValidator validator;
    private final Duration timeout;

    /** A service whose calls to Kafka may take {@link KafkaCalls#DEFAULT_TIMEOUT} each. */
    public TailService(Admin admin, Map<String, Object> clientConfig, EventValidator validator) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.clientConfig = Map.copyOf(Objects.requireNonNull(clientConfig, "clientConfig"));
        this.validator = Objects.requireNonNull(validator, "validator");
        this.timeout = KafkaCalls.DEFAULT_TIMEOUT;
    }

    /**
     * Reads until {@code options.limit()} records were handed to {@code sink}, {@code stop} says true, or
     * the thread is interrupted. Returns how many records were handed over.
     *
     * @throws OpsException "topic 'x' does not exist", or when reading fails
     */
    public long tail(String topic, TailOptions options, Consumer<TailedEvent> sink, BooleanSupplier stop) {
        Objects.requireNonNull(topic, "topic");
        List<TopicPartition> partitions = partitionsOf(topic);
        long seen = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(options)) {
            if (options.group() == null) {
                consumer.assign(partitions);
                if (options.fromBeginning()) {
                    consumer.seekToBeginning(partitions);
                } else {
                    consumer.seekToEnd(partitions);
                }
                partitions.forEach(tp -> consumer.position(tp, timeout));
            } else {
                consumer.subscribe(List.of(topic));
            }
            while (!stop.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
                Map<TopicPartition, OffsetAndMetadata> shown = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    if (options.limit() > 0 && seen >= options.limit()) {
                        break;
                    }
                    sink.accept(toEvent(r));
                    seen++;
                    shown.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                }
                if (options.group() != null && !shown.isEmpty()) {
                    // commit exactly what was shown: the batch may hold more than the limit
                    consumer.commitSync(shown, timeout);
                }
                if (options.limit() > 0 && seen >= options.limit()) {
                    break;
                }
            }
        } catch (InterruptException e) {
            Thread.currentThread().interrupt();
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new OpsException("could not read topic '" + topic + "': " + KafkaCalls.describe(e), e);
        }
        return seen;
    }

    private TailedEvent toEvent(ConsumerRecord<byte[], byte[]> r) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : r.headers()) {
            headers.remove(h.key());
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return new TailedEvent(r.topic(), r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()),
                r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8), headers,
                r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8),
                validator.validate(r.topic(), r.headers(), r.value()));
    }

    private List<TopicPartition> partitionsOf(String topic) {
        TopicDescription description;
        try {
            description = await(admin.describeTopics(List.of(topic)).allTopicNames(), timeout,
                    "describe topic '" + topic + "'").get(topic);
        } catch (OpsException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new OpsException("topic '" + topic + "' does not exist", e.getCause());
            }
            throw e;
        }
        return description.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private KafkaConsumer<byte[], byte[]> consumer(TailOptions options) {
        Map<String, Object> props = ClientProps.connection(clientConfig);
        if (options.group() != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, options.group());
        }
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, options.fromBeginning() ? "earliest" : "latest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "finflow-tail");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
