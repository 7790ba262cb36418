package io.finflow.kafka.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names of the FinFlow event types and their Java classes.
 *
 * <p>An event type name ({@code "transaction"}) is the folder of its schemas under {@code schemas/}, the
 * {@code eventType} of its topic in {@code config/topics.yaml}, and, prefixed with {@value #CLOUD_EVENT_TYPE_PREFIX},
 * the CloudEvents type in the {@code ce_type} header ({@code "io.finflow.transaction"}).
 *
 * <pre>{@code
 * EventTypes.eventTypeOf(TransactionEvent.class);   // "transaction"
 * EventTypes.classOf("user");                        // UserEvent.class
 * EventTypes.cloudEventType("transaction");          // "io.finflow.transaction"
 * }</pre>
 */
public final class EventTypes {

    /** Prefix of every FinFlow CloudEvents type. */
    public static final String CLOUD_EVENT_TYPE_PREFIX = "io.finflow.";

    /** Shape of an event type name: lowercase letters, digits, {@code _} and {@code -}, starting with a letter. */
    public static final Pattern EVENT_TYPE_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

    private static final Map<String, Class<? extends FinFlowEvent>> CLASSES = new LinkedHashMap<>();
    private static final Map<Class<? extends FinFlowEvent>, String> NAMES = new LinkedHashMap<>();

    static {
        register("transaction", TransactionEvent.class);
        register("user", UserEvent.class);
        register("notification", NotificationEvent.class);
        register("system", SystemEvent.class);
        register("analytics", AnalyticsEvent.class);
        register("balance", BalanceEvent.class);
    }

    private EventTypes() {
    }

    private static void register(String eventType, Class<? extends FinFlowEvent> type) {
        CLASSES.put(eventType, type);
        NAMES.put(type, eventType);
    }

    /**
     * The event types with a Java class, in catalog order.
     *
     * @return {@code transaction, user, notification, system, analytics}
     */
    public static Set<String> eventTypes() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(CLASSES.keySet()));
    }

    /**
     * The event type of an event class.
     *
     * @param eventClass e.g. {@code TransactionEvent.class}
     * @return e.g. {@code "transaction"}
     * @throws UnknownEventTypeException when the class is not a FinFlow event class
     */
    public static String eventTypeOf(Class<? extends FinFlowEvent> eventClass) {
        Objects.requireNonNull(eventClass, "eventClass");
        String name = NAMES.get(eventClass);
        if (name == null) {
            throw new UnknownEventTypeException("class " + eventClass.getName(), CLASSES.keySet());
        }
        return name;
    }

    /**
     * The Java class of an event type.
     *
     * @param eventType e.g. {@code "transaction"}
     * @return e.g. {@code TransactionEvent.class}
     * @throws UnknownEventTypeException when no Java class is known for the event type
     */
    public static Class<? extends FinFlowEvent> classOf(String eventType) {
        Class<? extends FinFlowEvent> type = CLASSES.get(eventType);
        if (type == null) {
            throw new UnknownEventTypeException("'" + eventType + "'", CLASSES.keySet());
        }
        return type;
    }

    /**
     * The CloudEvents type ({@code ce_type}) of an event type. Works for any well-formed name, also one without a
     * Java class (a service may publish an event type it only knows by its schema).
     *
     * @param eventType e.g. {@code "transaction"}
     * @return e.g. {@code "io.finflow.transaction"}
     * @throws IllegalArgumentException when the name is not a well-formed event type name
     */
    public static String cloudEventType(String eventType) {
        if (eventType == null || !EVENT_TYPE_NAME.matcher(eventType).matches()) {
            throw new IllegalArgumentException("event type must match " + EVENT_TYPE_NAME.pattern() + ", was '"
                    + eventType + "'");
        }
        return CLOUD_EVENT_TYPE_PREFIX + eventType;
    }

    /**
     * The event type named by a CloudEvents type, the inverse of {@link #cloudEventType(String)}.
     *
     * @param cloudEventType a {@code ce_type} header value, e.g. {@code "io.finflow.transaction"}
     * @return the event type, e.g. {@code "transaction"}, or empty when the value is not a FinFlow type
     */
    public static Optional<String> fromCloudEventType(String cloudEventType) {
        if (cloudEventType == null || !cloudEventType.startsWith(CLOUD_EVENT_TYPE_PREFIX)) {
            return Optional.empty();
        }
        String name = cloudEventType.substring(CLOUD_EVENT_TYPE_PREFIX.length());
        return EVENT_TYPE_NAME.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }
}
