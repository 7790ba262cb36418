package io.finflow.kafka.event;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Something that happened to a running service, published on {@code system-events} (key {@code service});
 * follows {@code schemas/system/v1.json}.
 *
 * <pre>{@code
 * SystemEvent up = SystemEvent.startup("accounting-service", "1.4.2", "accounting-7c9f");
 * SystemEvent cfg = SystemEvent.configChange("accounting-service", Map.of("retry.max", 5));
 * }</pre>
 *
 * @param eventId    unique event id (UUID), the CloudEvents {@code ce_id} and idempotency key
 * @param service    the service name, e.g. {@code "accounting-service"}, also the record key
 * @param type       what happened
 * @param severity   how much attention it needs; {@code null} means {@link Severity#INFO}
 * @param version    the service's version, e.g. {@code "1.4.2"}
 * @param host       host, pod or container that reports
 * @param message    optional human-readable summary
 * @param details    structured details (string, number or boolean values); required for
 *                   {@link Type#CONFIG_CHANGE}; never {@code null}
 * @param occurredAt when it happened
 */
public record SystemEvent(
        String eventId,
        String service,
        Type type,
        Severity severity,
        String version,
        String host,
        String message,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> details,
        Instant occurredAt) implements FinFlowEvent {

    private static final String EVENT = "system";

    /** Checks the required fields and copies the details. */
    public SystemEvent {
        EventFields.required(eventId, EVENT, "eventId");
        EventFields.required(service, EVENT, "service");
        EventFields.required(type, EVENT, "type");
        EventFields.required(occurredAt, EVENT, "occurredAt");
        details = EventFields.copyOf(details, EVENT, "details");
    }

    /** What happened, written lowercase ({@code "config_change"}). */
    public enum Type {
        /** The service started. */
        STARTUP,
        /** The service is stopping. */
        SHUTDOWN,
        /** The service's configuration changed ({@code details} says what). */
        CONFIG_CHANGE,
        /** A new version was deployed. */
        DEPLOYMENT,
        /** The service works with reduced capacity or correctness. */
        HEALTH_DEGRADED,
        /** The service is healthy again. */
        HEALTH_RESTORED;

        /**
         * The name on the wire.
         *
         * @return the lowercase name, e.g. {@code "config_change"}
         */
        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How much attention the event needs, written lowercase ({@code "warning"}). */
    public enum Severity {
        /** For the record. */
        INFO,
        /** Someone should look. */
        WARNING,
        /** Someone must act now. */
        CRITICAL;

        /**
         * The name on the wire.
         *
         * @return the lowercase name, e.g. {@code "warning"}
         */
        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A startup with generated event id and time.
     *
     * @param service the service name
     * @param version the service's version
     * @param host    host, pod or container
     * @return the event
     */
    public static SystemEvent startup(String service, String version, String host) {
        return new SystemEvent(EventFields.newId(), service, Type.STARTUP, Severity.INFO, version, host, null, Map.of(),
                EventFields.now());
    }

    /**
     * A shutdown with generated event id and time.
     *
     * @param service the service name
     * @param host    host, pod or container
     * @return the event
     */
    public static SystemEvent shutdown(String service, String host) {
        return new SystemEvent(EventFields.newId(), service, Type.SHUTDOWN, Severity.INFO, null, host, null, Map.of(),
                EventFields.now());
    }

    /**
     * A configuration change; {@code details} names the changed settings and their new values (never secrets).
     *
     * @param service the service name
     * @param details changed settings, string, number or boolean values
     * @return the event
     */
    public static SystemEvent configChange(String service, Map<String, ?> details) {
        return new SystemEvent(EventFields.newId(), service, Type.CONFIG_CHANGE, Severity.INFO, null, null, null,
                EventFields.copyOf(details, EVENT, "details"), EventFields.now());
    }

    /**
     * An event of any type with generated event id and time; add details with the {@code withX} methods.
     *
     * @param service the service name
     * @param type    what happened
     * @return the event
     */
    public static SystemEvent of(String service, Type type) {
        return new SystemEvent(EventFields.newId(), service, type, Severity.INFO, null, null, null, Map.of(),
                EventFields.now());
    }

    /**
     * Returns a copy with this severity.
     *
     * @param newSeverity how much attention it needs
     * @return the copy
     */
    public SystemEvent withSeverity(Severity newSeverity) {
        return new SystemEvent(eventId, service, type, newSeverity, version, host, message, details, occurredAt);
    }

    /**
     * Returns a copy with this message.
     *
     * @param text human-readable summary, at most 1000 characters
     * @return the copy
     */
    public SystemEvent withMessage(String text) {
        return new SystemEvent(eventId, service, type, severity, version, host, text, details, occurredAt);
    }

    /**
     * Returns a copy with these details.
     *
     * @param newDetails string, number or boolean values
     * @return the copy
     */
    public SystemEvent withDetails(Map<String, ?> newDetails) {
        return new SystemEvent(eventId, service, type, severity, version, host, message,
                EventFields.copyOf(newDetails, EVENT, "details"), occurredAt);
    }
}
