package io.finflow.kafka.producer;

import io.finflow.kafka.FinFlowException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Kafka did not acknowledge an event. The cause is Kafka's own exception; {@link #isRetriable()}
 * tells whether sending the same event again may succeed (the event id makes a resend safe for
 * consumers that drop duplicates by {@code ce_id}).
 */
public class DeliveryException extends FinFlowException {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final String eventId;

    public DeliveryException(String message, String topic, String eventId, Throwable cause) {
        super(message, cause);
        this.topic = topic;
        this.eventId = eventId;
    }

    /** The topic the event was sent to. */
    public String topic() {
        return topic;
    }

    /** The event's id ({@code ce_id}). */
    public String eventId() {
        return eventId;
    }

    /** True when the failure is transient in Kafka's terms and a later resend may succeed. */
    public boolean isRetriable() {
        return getCause() instanceof RetriableException;
    }
}
