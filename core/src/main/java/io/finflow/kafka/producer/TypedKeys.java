package io.finflow.kafka.producer;

import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.finflow.kafka.event.FinFlowEvent;

/**
 * Reads a topic's key field straight from a typed event (a record whose component of that name is a
 * {@code String}), so that the encoder needs no JSON tree to find the record key. The accessor is turned into
 * a plain {@link Function} once per class and field (a method handle called from a field costs far more per
 * call). Thread-safe.
 */
final class TypedKeys {

    private static final ClassValue<Map<String, Function<Object, Object>>> ACCESSORS = new ClassValue<>() {
        @Override
        protected Map<String, Function<Object, Object>> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };
    /** Marks a field that is not a String component of a public record: the caller uses the JSON tree. */
    private static final Function<Object, Object> NONE = event -> null;

    private TypedKeys() {
    }

    /**
     * The key field's value, or null when the event has no String record component of that name or its value is
     * null (then the JSON tree decides, and reports a missing key).
     */
    static String keyOf(FinFlowEvent event, String field) {
        Map<String, Function<Object, Object>> byField = ACCESSORS.get(event.getClass());
        Function<Object, Object> accessor = byField.get(field);
        if (accessor == null) {
            accessor = byField.computeIfAbsent(field, name -> accessor(event.getClass(), name));
        }
        return (String) accessor.apply(event);
    }

    @SuppressWarnings("unchecked")
    private static Function<Object, Object> accessor(Class<?> type, String field) {
        if (!type.isRecord() || !Modifier.isPublic(type.getModifiers())) {
            return NONE;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getName().equals(field) && c.getType() == String.class
                    && c.getAccessor().getAnnotations().length == 0 && c.getAnnotations().length == 0) {
                try {
                    MethodHandles.Lookup lookup = MethodHandles.lookup();
                    MethodHandle getter = lookup.unreflect(c.getAccessor());
                    CallSite site = LambdaMetafactory.metafactory(lookup, "apply", MethodType.methodType(Function.class),
                            MethodType.methodType(Object.class, Object.class), getter,
                            MethodType.methodType(String.class, type));
                    return (Function<Object, Object>) site.getTarget().invokeExact();
                } catch (Throwable e) {
                    return NONE;
                }
            }
        }
        return NONE;
    }
}
