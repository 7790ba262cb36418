package io.finflow.kafka.event;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A product analytics event, published on {@code analytics-events} (key {@code sessionId}); follows
 * {@code schemas/analytics/v1.json}. The event name is open (snake_case) because product teams add names faster
 * than schemas change; the constants below are the common ones.
 *
 * <pre>{@code
 * AnalyticsEvent view = AnalyticsEvent.pageView("sess-9", "/accounts/overview").withUserId("usr-1");
 * AnalyticsEvent click = AnalyticsEvent.of("sess-9", AnalyticsEvent.CLICK, Map.of("button", "transfer"));
 * }</pre>
 *
 * @param eventId    unique event id (UUID), the CloudEvents {@code ce_id} and idempotency key
 * @param sessionId  the session, also the record key
 * @param userId     the signed-in user; {@code null} for anonymous sessions
 * @param name       snake_case event name, e.g. {@link #PAGE_VIEW}
 * @param page       optional page or screen path, e.g. {@code "/accounts/overview"}
 * @param properties event properties: string, number or boolean values; never {@code null}
 * @param occurredAt when the user did it
 */
public record AnalyticsEvent(
        String eventId,
        String sessionId,
        String userId,
        String name,
        String page,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> properties,
        Instant occurredAt) implements FinFlowEvent {

    /** A page or screen was shown. */
    public static final String PAGE_VIEW = "page_view";
    /** An element was clicked or tapped. */
    public static final String CLICK = "click";
    /** A search was run. */
    public static final String SEARCH = "search";
    /** A form was submitted. */
    public static final String FORM_SUBMIT = "form_submit";
    /** A session started. */
    public static final String SESSION_START = "session_start";
    /** A session ended. */
    public static final String SESSION_END = "session_end";

    private static final String EVENT = "analytics";

    /** Checks the required fields and copies the properties. */
    public AnalyticsEvent {
        EventFields.required(eventId, EVENT, "eventId");
        EventFields.required(sessionId, EVENT, "sessionId");
        EventFields.required(name, EVENT, "name");
        EventFields.required(occurredAt, EVENT, "occurredAt");
        properties = EventFields.copyOf(properties, EVENT, "properties");
    }

    /**
     * A page view with generated event id and time.
     *
     * @param sessionId the session
     * @param page      page or screen path
     * @return the event
     */
    public static AnalyticsEvent pageView(String sessionId, String page) {
        return new AnalyticsEvent(EventFields.newId(), sessionId, null, PAGE_VIEW, page, Map.of(), EventFields.now());
    }

    /**
     * An event of any name with generated event id and time.
     *
     * @param sessionId  the session
     * @param name       snake_case event name
     * @param properties string, number or boolean values
     * @return the event
     */
    public static AnalyticsEvent of(String sessionId, String name, Map<String, ?> properties) {
        return new AnalyticsEvent(EventFields.newId(), sessionId, null, name, null,
                EventFields.copyOf(properties, EVENT, "properties"), EventFields.now());
    }

    /**
     * Returns a copy attributed to a signed-in user.
     *
     * @param user the user id
     * @return the copy
     */
    public AnalyticsEvent withUserId(String user) {
        return new AnalyticsEvent(eventId, sessionId, user, name, page, properties, occurredAt);
    }

    /**
     * Returns a copy on this page.
     *
     * @param path page or screen path
     * @return the copy
     */
    public AnalyticsEvent withPage(String path) {
        return new AnalyticsEvent(eventId, sessionId, userId, name, path, properties, occurredAt);
    }
}
