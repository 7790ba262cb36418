package io.finflow.kafka.internal;

import io.finflow.kafka.producer.EncodedEvent;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Lets {@code EventProducer} send an {@link EncodedEvent} that it made itself and that never leaves it (in
 * {@code send(topic, event)}) without the defensive copies of the value and headers that {@link EncodedEvent#value()}
 * and {@link EncodedEvent#headers()} hand to everyone else: the record shares the event's arrays. Installed once by
 * {@code EncodedEvent}'s class initialisation. Internal: services never need it, and an {@code EncodedEvent} a
 * service holds is always sent through its copies. Thread-safe.
 */
public final class EncodedRecords {

    /** Implemented by {@code EncodedEvent}. */
    public interface Access {
        /** A record of the event that shares its value and header arrays. */
        ProducerRecord<String, byte[]> sharedRecord(EncodedEvent event);
    }

    private static volatile Access access;

    private EncodedRecords() {
    }

    /** Called once, by {@code EncodedEvent}. */
    public static synchronized void install(Access encodedEvent) {
        if (access != null) {
            throw new IllegalStateException("EncodedRecords access is already installed");
        }
        access = encodedEvent;
    }

    /**
     * A record of an event the caller made and keeps to itself, sharing the event's arrays.
     *
     * @param event an event no one else holds
     * @return the record to send
     */
    public static ProducerRecord<String, byte[]> sharedRecord(EncodedEvent event) {
        // An EncodedEvent exists, so its class is initialised and installed the access.
        return access.sharedRecord(event);
    }
}
