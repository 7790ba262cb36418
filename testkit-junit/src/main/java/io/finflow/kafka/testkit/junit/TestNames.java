package io.finflow.kafka.testkit.junit;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Unique topic and group names for one test, so tests sharing a broker never see each other's
 * records or offsets. Names are readable: {@code it-<class>-<method>-<n>}.
 */
public final class TestNames {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final int MAX_BASE_LENGTH = 150;

    private final String base;

    private TestNames(String base) {
        this.base = base;
    }

    /** Names for a test method of a class. */
    public static TestNames forTest(String className, String methodName) {
        String raw = ("it-" + className + "-" + methodName).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9._-]", "-");
        if (raw.length() > MAX_BASE_LENGTH) {
            raw = raw.substring(0, MAX_BASE_LENGTH);
        }
        return new TestNames(raw);
    }

    /** A new unique topic name. */
    public String topic() {
        return base + "-" + SEQUENCE.incrementAndGet();
    }

    /** A new unique topic name ending with a readable suffix. */
    public String topic(String suffix) {
        return base + "-" + SEQUENCE.incrementAndGet() + "-" + suffix;
    }

    /** A new unique consumer group id. */
    public String group() {
        return base + "-group-" + SEQUENCE.incrementAndGet();
    }
}
