package io.finflow.kafka.spring;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.finflow.kafka.EventConsumer;
import io.finflow.kafka.consumer.EventMetadata;
import io.finflow.kafka.event.FinFlowEvent;
import org.springframework.util.ReflectionUtils;

/**
 * A {@link FinFlowListener} method checked for a supported signature and turned into an
 * {@link io.finflow.kafka.consumer.EventHandler}. Invoked from the consumer's worker threads; holds no state.
 */
final class ListenerMethod {

    private final Object bean;
    private final Method method;
    private final Class<?> eventType;
    private final boolean withMetadata;
    private final String description;

    private ListenerMethod(Object bean, Method method, Class<?> eventType, boolean withMetadata, String description) {
        this.bean = bean;
        this.method = method;
        this.eventType = eventType;
        this.withMetadata = withMetadata;
        this.description = description;
    }

    /**
     * Checks the signature: (event) or (event, EventMetadata), the event being a FinFlowEvent type or JsonNode.
     *
     * @param invocable the method to call on {@code bean} (the proxy's method when the bean is proxied)
     * @throws IllegalStateException naming the method and the signatures allowed
     */
    static ListenerMethod of(Object bean, Method declared, Method invocable) {
        String description = describe(declared);
        Class<?>[] params = declared.getParameterTypes();
        boolean shapeOk = (params.length == 1 || params.length == 2 && params[1] == EventMetadata.class)
                && (FinFlowEvent.class.isAssignableFrom(params[0]) || params[0] == JsonNode.class);
        if (!shapeOk) {
            throw new IllegalStateException("@FinFlowListener method " + description + " must take the event"
                    + " (a FinFlowEvent type such as TransactionEvent, FinFlowEvent, or JsonNode) and optionally"
                    + " its EventMetadata, e.g. void apply(TransactionEvent tx, EventMetadata metadata)");
        }
        ReflectionUtils.makeAccessible(invocable);
        return new ListenerMethod(bean, invocable, params[0], params.length == 2, description);
    }

    /** Subscribes the method to a topic of the consumer. */
    @SuppressWarnings("unchecked")
    void subscribe(EventConsumer consumer, String topic) {
        if (eventType == JsonNode.class) {
            consumer.subscribeJson(topic, this::invoke);
        } else if (eventType == FinFlowEvent.class) {
            consumer.subscribe(topic, this::invoke);
        } else {
            consumer.subscribe(topic, (Class<FinFlowEvent>) eventType, this::invoke);
        }
    }

    /** Calls the method; what it throws is thrown as is, so that the retry policy classifies it. */
    private void invoke(Object event, EventMetadata metadata) throws Exception {
        try {
            if (withMetadata) {
                method.invoke(bean, event, metadata);
            } else {
                method.invoke(bean, event);
            }
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** {@code Ledger.apply(TransactionEvent, EventMetadata)}. */
    String description() {
        return description;
    }

    private static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "("
                + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "))
                + ")";
    }
}
