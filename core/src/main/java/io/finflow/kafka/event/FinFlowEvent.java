package io.finflow.kafka.event;

import java.time.Instant;

/**
 * A FinFlow business event: the value of a record on one of the FinFlow topics.
 *
 * <p>Implementations are immutable records whose JSON form (see {@link EventJson}) follows the latest version
 * of the event type's JSON Schema under {@code schemas/<eventType>/}. {@link EventTypes} maps each
 * implementation to its event type name.
 */
public interface FinFlowEvent {

    /**
     * Unique id of the event (a UUID string). It is also the CloudEvents {@code ce_id} header, the idempotency key
     * consumers use to drop duplicates, so a retried send must reuse it.
     *
     * @return the event id
     */
    String eventId();

    /**
     * When the business fact happened (not when it was published).
     *
     * @return the time of the fact
     */
    Instant occurredAt();

    /**
     * The event type name, e.g. {@code "transaction"}: the schema folder and topic mapping of this event.
     *
     * @return the event type of this event's class
     * @throws UnknownEventTypeException for a class {@link EventTypes} does not know
     */
    default String eventType() {
        return EventTypes.eventTypeOf(getClass());
    }
}
