package io.finflow.kafka.testkit;

import java.util.Map;

/**
 * A running, real Apache Kafka (KRaft) installation started by this testkit: a single node,
 * a multi-broker cluster or a secured node.
 *
 * <p>Everything a client needs to connect is in {@link #clientProperties()}, so test code and the
 * CLI connect the same way whatever the security setup. {@link #close()} stops every process and
 * thread the broker started and deletes its temporary data; it may be called more than once.
 */
public interface KafkaBroker extends AutoCloseable {

    /** The {@code bootstrap.servers} value, for example {@code 127.0.0.1:9092}. */
    String bootstrapServers();

    /**
     * Client properties to connect as a privileged user: {@code bootstrap.servers} plus, for a
     * secured broker, the security protocol, SASL and TLS settings. The map is a fresh copy.
     */
    Map<String, Object> clientProperties();

    /** Stops the broker and deletes temporary data. Idempotent. */
    @Override
    void close();
}
