package io.finflow.kafka.consumer;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Where a consumer group without a committed offset for a partition starts reading it (Kafka's
 * {@code auto.offset.reset}). A group that has committed offsets always resumes from them.
 */
public enum OffsetReset {
    /** At the first record still in the log: nothing written before the group existed is missed. The default. */
    EARLIEST("earliest"),
    /** At the end of the log: only records written after the group joined. */
    LATEST("latest");

    private final String kafkaName;

    OffsetReset(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    /** The value of Kafka's {@code auto.offset.reset} setting. */
    public String kafkaName() {
        return kafkaName;
    }

    /**
     * The reset of a Kafka setting value, in any case.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static OffsetReset of(String name) {
        for (OffsetReset r : values()) {
            if (r.kafkaName.equalsIgnoreCase(name == null ? "" : name.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("offset reset must be "
                + Arrays.stream(values()).map(OffsetReset::kafkaName).collect(Collectors.joining(" or "))
                + ", was '" + name + "'");
    }

    @Override
    public String toString() {
        return kafkaName;
    }
}
