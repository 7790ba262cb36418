package io.finflow.kafka.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.finflow.kafka.wire.DeadLetterHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes records that cannot be processed to their dead letter topic: original key, value and
 * headers untouched, plus the {@code dlq.*} headers of {@link DeadLetterHeaders}. Writes are
 * idempotent and acknowledged by all in-sync replicas; {@link #publish} returns only once the
 * write is acknowledged, so the caller may then commit the original offset.
 */
public final class DeadLetterPublisher implements AutoCloseable {

    private static final int MAX_MESSAGE_CHARS = 4096;

    private final Producer<byte[], byte[]> producer;
    private final String groupId;
    private final Clock clock;
    private final Duration timeout;

    public DeadLetterPublisher(Producer<byte[], byte[]> producer, String groupId, Clock clock, Duration timeout) {
        this.producer = producer;
        this.groupId = groupId;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** A publisher with its own idempotent producer built from consumer-side client properties. */
    public static DeadLetterPublisher create(Map<String, Object> clientProperties, String groupId, Duration maxBlock) {
        Map<String, Object> props = new java.util.HashMap<>();
        // Only connection settings carry over from the consumer configuration.
        clientProperties.forEach((k, v) -> {
            if (k.startsWith("bootstrap.") || k.startsWith("security.") || k.startsWith("sasl.")
                    || k.startsWith("ssl.") || k.startsWith("client.dns") || k.startsWith("config.providers")) {
                props.put(k, v);
            }
        });
        props.put("acks", "all");
        props.put("enable.idempotence", true);
        props.put("max.block.ms", maxBlock.toMillis());
        props.put("delivery.timeout.ms", (int) Math.max(30_000, maxBlock.toMillis() + 20_000));
        props.put("request.timeout.ms", 15_000);
        props.put("linger.ms", 0);
        props.put("client.id", "finflow-dlq-" + groupId);
        KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        return new DeadLetterPublisher(producer, groupId, Clock.systemUTC(),
                maxBlock.plus(Duration.ofSeconds(40)));
    }

    /**
     * Writes the record to {@code dlqTopic} and waits for the acknowledgement.
     *
     * @throws PublishException when the write fails or is not acknowledged in time
     */
    public RecordMetadata publish(ConsumerRecord<byte[], byte[]> record, String dlqTopic, Throwable failure,
                                  int attempts) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            headers.add(h.key(), h.value());
        }
        put(headers, DeadLetterHeaders.ORIGINAL_TOPIC, record.topic());
        put(headers, DeadLetterHeaders.ORIGINAL_PARTITION, String.valueOf(record.partition()));
        put(headers, DeadLetterHeaders.ORIGINAL_OFFSET, String.valueOf(record.offset()));
        put(headers, DeadLetterHeaders.ORIGINAL_TIMESTAMP, String.valueOf(record.timestamp()));
        put(headers, DeadLetterHeaders.CONSUMER_GROUP, groupId);
        put(headers, DeadLetterHeaders.EXCEPTION_CLASS, failure.getClass().getName());
        put(headers, DeadLetterHeaders.EXCEPTION_MESSAGE, truncate(String.valueOf(failure.getMessage())));
        put(headers, DeadLetterHeaders.ATTEMPTS, String.valueOf(attempts));
        put(headers, DeadLetterHeaders.FAILED_AT, clock.instant().toString());
        ProducerRecord<byte[], byte[]> dlqRecord =
                new ProducerRecord<>(dlqTopic, null, null, record.key(), record.value(), headers);
        try {
            return producer.send(dlqRecord).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while writing to dead letter topic " + dlqTopic, e);
        } catch (ExecutionException e) {
            throw new PublishException("could not write to dead letter topic " + dlqTopic + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
            throw new PublishException("could not write to dead letter topic " + dlqTopic + ": "
                    + e.getMessage(), e);
        }
    }

    private static void put(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String truncate(String s) {
        return s.length() <= MAX_MESSAGE_CHARS ? s : s.substring(0, MAX_MESSAGE_CHARS);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    /** A dead letter write failed: the original record must not be committed. */
    public static final class PublishException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
