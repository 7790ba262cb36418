package io.finflow.kafka.internal;

import io.finflow.kafka.consumer.GroupProtocol;
import org.apache.kafka.clients.consumer.Consumer;

/** Creates the Kafka consumer of a FinFlow consumer, for a group protocol. */
@FunctionalInterface
public interface ConsumerFactory {

    /**
     * @param groupProtocol the protocol the consumer joins its group with
     * @return a new, unsubscribed Kafka consumer; its creator closes it
     */
    Consumer<byte[], byte[]> create(GroupProtocol groupProtocol);
}
