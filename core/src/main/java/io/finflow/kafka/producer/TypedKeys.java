package io.finflow.kafka.producer;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.finflow.kafka.event.FinFlowEvent;

/**
 * Reads a topic's key field straight from a typed event (a record whose component of that name is a
 * {@code String}), so that the encoder needs no JSON tree to find the record key. Accessors are looked up
 * once per class and field. Thread-safe.
 */
final class TypedKeys {

    private static final ClassValue<Map<String, MethodHandle>> ACCESSORS = new ClassValue<>() {
        @Override
        protected Map<String, MethodHandle> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };
    /** Marks a field that is not a String component of the record: the caller uses the JSON tree. */
    private static final MethodHandle NONE = MethodHandles.constant(Object.class, null);

    private TypedKeys() {
    }

    /**
     * The key field's value, or null when the event has no String record component of that name or its value is
     * null (then the JSON tree decides, and reports a missing key).
     */
    static String keyOf(FinFlowEvent event, String field) {
        MethodHandle accessor = ACCESSORS.get(event.getClass()).computeIfAbsent(field,
                name -> accessor(event.getClass(), name));
        if (accessor == NONE) {
            return null;
        }
        try {
            return (String) accessor.invoke(event);
        } catch (Throwable e) {
            return null;
        }
    }

    private static MethodHandle accessor(Class<?> type, String field) {
        if (!type.isRecord()) {
            return NONE;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getName().equals(field) && c.getType() == String.class
                    && c.getAccessor().getAnnotations().length == 0 && c.getAnnotations().length == 0) {
                try {
                    return MethodHandles.publicLookup().unreflect(c.getAccessor());
                } catch (IllegalAccessException e) {
                    return NONE;
                }
            }
        }
        return NONE;
    }
}
