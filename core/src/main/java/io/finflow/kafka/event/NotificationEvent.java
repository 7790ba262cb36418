package io.finflow.kafka.event;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A request to notify a user, published on {@code notification-events} (key {@code userId}); follows
 * {@code schemas/notification/v1.json}. The text comes from a template rendered by the notification service with
 * {@code params}, so the event carries no ready-made body.
 *
 * <pre>{@code
 * NotificationEvent n = NotificationEvent.of("usr-1", NotificationEvent.Channel.PUSH, "payment_received",
 *         Map.of("amount", "100.50", "currency", "EUR"));
 * }</pre>
 *
 * @param eventId        unique event id (UUID), the CloudEvents {@code ce_id} and idempotency key
 * @param notificationId id of the notification; retries of one notification keep it
 * @param userId         the recipient, also the record key
 * @param channel        how to deliver
 * @param template       template name, e.g. {@code "payment_received"}
 * @param priority       delivery priority; {@code null} means {@link Priority#NORMAL}
 * @param locale         language of the text, e.g. {@code "en-GB"}; {@code null} for the user's default
 * @param subject        optional subject overriding the template's (email and push titles)
 * @param params         template parameters: string, number or boolean values; never {@code null}
 * @param occurredAt     when the notification was requested
 */
public record NotificationEvent(
        String eventId,
        String notificationId,
        String userId,
        Channel channel,
        String template,
        Priority priority,
        String locale,
        String subject,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> params,
        Instant occurredAt) implements FinFlowEvent {

    private static final String EVENT = "notification";

    /** Checks the required fields and copies the parameters. */
    public NotificationEvent {
        EventFields.required(eventId, EVENT, "eventId");
        EventFields.required(notificationId, EVENT, "notificationId");
        EventFields.required(userId, EVENT, "userId");
        EventFields.required(channel, EVENT, "channel");
        EventFields.required(template, EVENT, "template");
        EventFields.required(occurredAt, EVENT, "occurredAt");
        params = EventFields.copyOf(params, EVENT, "params");
    }

    /** Delivery channel, written lowercase ({@code "in_app"}). */
    public enum Channel {
        /** An email. */
        EMAIL,
        /** A mobile push notification. */
        PUSH,
        /** A message in the FinFlow app's inbox. */
        IN_APP;

        /**
         * The name on the wire.
         *
         * @return the lowercase name, e.g. {@code "in_app"}
         */
        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Delivery priority, written lowercase ({@code "high"}). */
    public enum Priority {
        /** Can wait for a digest. */
        LOW,
        /** Deliver soon (the default). */
        NORMAL,
        /** Deliver now. */
        HIGH,
        /** Security or money at risk: deliver now, bypass quiet hours. */
        CRITICAL;

        /**
         * The name on the wire.
         *
         * @return the lowercase name, e.g. {@code "high"}
         */
        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A notification with normal priority and generated event id, notification id and time.
     *
     * @param userId   the recipient
     * @param channel  how to deliver
     * @param template template name
     * @param params   template parameters (string, number or boolean values)
     * @return the event
     */
    public static NotificationEvent of(String userId, Channel channel, String template, Map<String, ?> params) {
        return new NotificationEvent(EventFields.newId(), EventFields.newId(), userId, channel, template,
                Priority.NORMAL, null, null, EventFields.copyOf(params, EVENT, "params"), EventFields.now());
    }

    /**
     * Returns a copy with this priority.
     *
     * @param newPriority delivery priority
     * @return the copy
     */
    public NotificationEvent withPriority(Priority newPriority) {
        return new NotificationEvent(eventId, notificationId, userId, channel, template, newPriority, locale, subject,
                params, occurredAt);
    }

    /**
     * Returns a copy with this locale.
     *
     * @param languageTag BCP 47 tag such as {@code "en-GB"}
     * @return the copy
     */
    public NotificationEvent withLocale(String languageTag) {
        return new NotificationEvent(eventId, notificationId, userId, channel, template, priority, languageTag,
                subject, params, occurredAt);
    }

    /**
     * Returns a copy with this subject.
     *
     * @param text subject line, at most 200 characters
     * @return the copy
     */
    public NotificationEvent withSubject(String text) {
        return new NotificationEvent(eventId, notificationId, userId, channel, template, priority, locale, text,
                params, occurredAt);
    }
}
