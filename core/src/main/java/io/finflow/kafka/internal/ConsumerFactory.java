package io.finflow.kafka.internal;

import org.apache.kafka.clients.consumer.Consumer;

/** Creates the Kafka consumer of a FinFlow consumer, for a group protocol. */
@FunctionalInterface
public interface ConsumerFactory {

    /**
     * @param groupProtocol {@code consumer} or {@code classic}
     * @return a new, unsubscribed Kafka consumer; its creator closes it
     */
    Consumer<byte[], byte[]> create(String groupProtocol);
}
