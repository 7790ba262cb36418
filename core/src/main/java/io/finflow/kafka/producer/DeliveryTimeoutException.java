package io.finflow.kafka.producer;

/**
 * An event was not acknowledged before its deadline ({@code deliveryTimeout}, or {@code maxBlock}
 * while waiting for metadata): typically the brokers are unreachable, the partition has no leader, or
 * it has fewer in-sync replicas than its {@code min.insync.replicas} (the broker answers
 * {@code NOT_ENOUGH_REPLICAS} and Kafka's producer retries that until the deadline without passing it
 * on; the message names these causes). Whether the event was written is unknown; resending it is safe
 * for consumers that drop duplicates by {@code ce_id}.
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
