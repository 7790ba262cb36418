package io.finflow.kafka.event;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A change in a user's lifecycle, published on {@code user-events} (key {@code userId}); follows
 * {@code schemas/user/v1.json}. It carries as little personal data as the consumers need: the email and country at
 * registration, the names (never the values) of changed profile fields, a reason for rejections and suspensions.
 *
 * <pre>{@code
 * UserEvent registered = UserEvent.registered("usr-1", "ada@example.com", "GB");
 * UserEvent suspended = UserEvent.of("usr-1", UserEvent.Type.SUSPENDED).withReason("chargeback fraud");
 * }</pre>
 *
 * @param eventId       unique event id (UUID), the CloudEvents {@code ce_id} and idempotency key
 * @param userId        the user, also the record key
 * @param type          what happened
 * @param email         the user's email; required for {@link Type#REGISTERED}
 * @param country       ISO 3166-1 alpha-2 country of residence; required for {@link Type#REGISTERED}
 * @param changedFields for {@link Type#PROFILE_UPDATED}: names of the fields that changed; never {@code null}
 * @param reason        why; required for {@link Type#KYC_REJECTED} and {@link Type#SUSPENDED}
 * @param occurredAt    when it happened
 */
public record UserEvent(
        String eventId,
        String userId,
        Type type,
        String email,
        String country,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> changedFields,
        String reason,
        Instant occurredAt) implements FinFlowEvent {

    private static final String EVENT = "user";

    /** Checks the required fields and copies the list. */
    public UserEvent {
        EventFields.required(eventId, EVENT, "eventId");
        EventFields.required(userId, EVENT, "userId");
        EventFields.required(type, EVENT, "type");
        EventFields.required(occurredAt, EVENT, "occurredAt");
        changedFields = EventFields.copyOf(changedFields);
    }

    /** What happened to the user, written lowercase ({@code "kyc_verified"}). */
    public enum Type {
        /** The user signed up. */
        REGISTERED,
        /** The user changed profile fields (named in {@code changedFields}). */
        PROFILE_UPDATED,
        /** Identity verification (KYC) passed. */
        KYC_VERIFIED,
        /** Identity verification (KYC) failed; {@code reason} says why. */
        KYC_REJECTED,
        /** The account is frozen; {@code reason} says why. */
        SUSPENDED,
        /** The account is closed for good. */
        CLOSED;

        /**
         * The name on the wire.
         *
         * @return the lowercase name, e.g. {@code "kyc_verified"}
         */
        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A registration with a generated event id and time.
     *
     * @param userId  the new user
     * @param email   the user's email
     * @param country ISO 3166-1 alpha-2 country, e.g. {@code "DE"}
     * @return the event
     */
    public static UserEvent registered(String userId, String email, String country) {
        return new UserEvent(EventFields.newId(), userId, Type.REGISTERED, email, country, List.of(), null,
                EventFields.now());
    }

    /**
     * A profile update naming the changed fields.
     *
     * @param userId        the user
     * @param changedFields names of the changed fields, e.g. {@code "phone"}
     * @return the event
     */
    public static UserEvent profileUpdated(String userId, List<String> changedFields) {
        return new UserEvent(EventFields.newId(), userId, Type.PROFILE_UPDATED, null, null, changedFields, null,
                EventFields.now());
    }

    /**
     * An event of any type with a generated event id and time; add details with the {@code withX} methods.
     *
     * @param userId the user
     * @param type   what happened
     * @return the event
     */
    public static UserEvent of(String userId, Type type) {
        return new UserEvent(EventFields.newId(), userId, type, null, null, List.of(), null, EventFields.now());
    }

    /**
     * Returns a copy with this reason.
     *
     * @param text why, at most 500 characters
     * @return the copy
     */
    public UserEvent withReason(String text) {
        return new UserEvent(eventId, userId, type, email, country, changedFields, text, occurredAt);
    }

    /**
     * Returns a copy with this email.
     *
     * @param address the user's email
     * @return the copy
     */
    public UserEvent withEmail(String address) {
        return new UserEvent(eventId, userId, type, address, country, changedFields, reason, occurredAt);
    }

    /**
     * Returns a copy with this country.
     *
     * @param isoCountry ISO 3166-1 alpha-2 code
     * @return the copy
     */
    public UserEvent withCountry(String isoCountry) {
        return new UserEvent(eventId, userId, type, email, isoCountry, changedFields, reason, occurredAt);
    }
}
