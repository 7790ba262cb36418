package io.finflow.kafka.producer;

/**
 * An event was not acknowledged before its deadline ({@code deliveryTimeout}, or {@code maxBlock}
 * while waiting for metadata): typically the brokers are unreachable or the topic has too few
 * in-sync replicas. Whether the event was written is unknown; resending it is safe for consumers
 * that drop duplicates by {@code ce_id}.
 */
public class DeliveryTimeoutException extends DeliveryException {

    private static final long serialVersionUID = 1L;

    public DeliveryTimeoutException(String message, String topic, String eventId, Throwable cause) {
        super(message, topic, eventId, cause);
    }

    @Override
    public boolean isRetriable() {
        return true;
    }
}
