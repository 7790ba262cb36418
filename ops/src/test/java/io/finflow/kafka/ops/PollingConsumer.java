package io.finflow.kafka.ops;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A real group member: subscribes, polls on its own thread and commits what it read, until closed
 * (which leaves the group).
 */
@SuppressWarnings("try") // test helpers: close() may throw InterruptedException; resources held, not read
public final class PollingConsumer implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private volatile boolean running = true;
    private boolean closed;
    private volatile Set<TopicPartition> assignment = Set.of();
    private volatile long consumed;

    /** Starts polling {@code topic} in {@code group} with the given {@code client.id}. */
    public PollingConsumer(Map<String, Object> clientProperties, String group, String topic, String clientId) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        thread = new Thread(this::run, "polling-" + clientId);
        thread.setDaemon(true);
        thread.start();
    }

    /** Partitions assigned at the last poll. */
    public Set<TopicPartition> assignment() {
        return assignment;
    }

    /** Records read so far. */
    public long consumed() {
        return consumed;
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                if (!records.isEmpty()) {
                    consumed += records.count();
                    consumer.commitSync();
                }
                assignment = Set.copyOf(consumer.assignment());
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(10)));
        }
    }

    /** Stops polling and leaves the group; idempotent. */
    @Override
    public synchronized void close() throws InterruptedException {
        if (closed) {
            return;
        }
        closed = true;
        running = false;
        consumer.wakeup();
        thread.join(TimeUnit.SECONDS.toMillis(20));
    }
}
