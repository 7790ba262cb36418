package io.finflow.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.List;

import io.finflow.kafka.EventProducer;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.FinFlowEvent;
import io.finflow.kafka.schema.SchemaRegistry;
import io.finflow.kafka.schema.Violation;

/**
 * What the harness reaches in the library beyond its public API, by reflection, so that the harness can also measure
 * a library built before these hooks existed (docs/benchmarks.md compares the library before and after the
 * performance work, each built with its own reactor and measured by the same harness; the metrics variants need a
 * library with metrics):
 * <ul>
 *   <li>{@link #validateTyped}: how the producer checks a typed event. Where the registry has
 *       {@code validate(String, int, FinFlowEvent)} that; in older builds the producer's steps, tree then
 *       validation.</li>
 *   <li>{@link #switchOffValidation}: the bench-only "validation off" producer. It sets the private
 *       {@code validating} flag of the producer's {@code EventEncoder} to false; no option or method of the library
 *       does that. In a build without the flag the variant is not measured.</li>
 * </ul>
 */
final class LibraryHooks {

    private static final MethodHandle TYPED_VALIDATE = typedValidate();

    private LibraryHooks() {
    }

    /** The violations of a typed event, checked as the producer checks it. */
    @SuppressWarnings("unchecked")
    static List<Violation> validateTyped(SchemaRegistry schemas, String eventType, int version, FinFlowEvent event) {
        if (TYPED_VALIDATE == null) {
            return schemas.validate(eventType, version, EventJson.toTree(event));
        }
        try {
            return (List<Violation>) TYPED_VALIDATE.invoke(schemas, eventType, version, event);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when this build of the library lets the harness switch validation off. */
    static boolean canSwitchOffValidation() {
        try {
            EventProducer.class.getDeclaredField("encoder").getType().getDeclaredField("validating");
            return true;
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    /** Makes this producer send without schema validation (bench only; see the class comment). */
    static void switchOffValidation(EventProducer producer) {
        try {
            Field encoderField = EventProducer.class.getDeclaredField("encoder");
            encoderField.setAccessible(true);
            Object encoder = encoderField.get(producer);
            Field validating = encoder.getClass().getDeclaredField("validating");
            validating.setAccessible(true);
            validating.setBoolean(encoder, false);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this build of the library cannot switch validation off: " + e, e);
        }
    }

    private static MethodHandle typedValidate() {
        try {
            return MethodHandles.publicLookup().findVirtual(SchemaRegistry.class, "validate",
                    MethodType.methodType(List.class, String.class, int.class, FinFlowEvent.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }
}
