package io.finflow.kafka.consumer;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The consumer group protocol a consumer joins its group with (Kafka's {@code group.protocol}).
 *
 * <p>Left unset in {@link ConsumerOptions}, a consumer uses {@link #CONSUMER} and falls back to
 * {@link #CLASSIC}, with one WARN, on a cluster without it (every Kafka before 4.0). A protocol chosen
 * with {@link ConsumerOptions.Builder#groupProtocol} never falls back: the consumer fails with the
 * cluster's answer.
 */
public enum GroupProtocol {
    /**
     * KIP-848 (Kafka 4.0+): incremental rebalances driven by the broker, no stop-the-world; the broker
     * owns the session timeout, heartbeat interval and assignors.
     */
    CONSUMER("consumer"),
    /** The classic protocol, with the cooperative-sticky assignor (incremental rebalances on the client side). */
    CLASSIC("classic");

    private final String kafkaName;

    GroupProtocol(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    /** The value of Kafka's {@code group.protocol} setting: {@code consumer} or {@code classic}. */
    public String kafkaName() {
        return kafkaName;
    }

    /**
     * The protocol of a Kafka setting value, in any case ({@code consumer}, {@code CLASSIC}).
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static GroupProtocol of(String name) {
        for (GroupProtocol p : values()) {
            if (p.kafkaName.equalsIgnoreCase(name == null ? "" : name.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("group protocol must be " + names() + ", was '" + name + "'");
    }

    private static String names() {
        return Arrays.stream(values()).map(GroupProtocol::kafkaName).collect(Collectors.joining(" or "));
    }

    @Override
    public String toString() {
        return kafkaName;
    }
}
