package io.finflow.kafka.ops.offsets;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Where an offset reset moves a group, one record per mode of {@code finflow offsets reset}.
 *
 * <pre>{@code
 * ResetTarget.toDatetime(ResetArguments.parseDatetime("2026-01-01T10:00:00Z"));
 * ResetTarget.byDuration(Duration.ofHours(2));   // two hours before now
 * ResetTarget.shiftBy(-100);                      // re-read the last 100 records of each partition
 * }</pre>
 */
public sealed interface ResetTarget {

    /** The mode and its value for humans, e.g. {@code to-offset 42}. */
    String describe();

    /** The first offset still in the log: re-read everything retention kept. */
    static ResetTarget toEarliest() {
        return new ToEarliest();
    }

    /** The log end: skip everything not yet consumed. */
    static ResetTarget toLatest() {
        return new ToLatest();
    }

    /** The first record whose timestamp is at or after {@code datetime}. */
    static ResetTarget toDatetime(Instant datetime) {
        return new ToDatetime(datetime);
    }

    /** The first record whose timestamp is at or after now minus {@code duration}. */
    static ResetTarget byDuration(Duration duration) {
        return new ByDuration(duration);
    }

    /** The same absolute offset on every selected partition. */
    static ResetTarget toOffset(long offset) {
        return new ToOffset(offset);
    }

    /** The committed offset plus {@code delta} (negative to re-read, positive to skip). */
    static ResetTarget shiftBy(long delta) {
        return new ShiftBy(delta);
    }

    /** The offsets listed in a CSV file ({@code topic,partition,offset}), such as a backup of a reset. */
    static ResetTarget fromFile(Path file) {
        return new FromFile(file);
    }

    /** See {@link ResetTarget#toEarliest()}. */
    record ToEarliest() implements ResetTarget {
        @Override
        public String describe() {
            return "to-earliest";
        }
    }

    /** See {@link ResetTarget#toLatest()}. */
    record ToLatest() implements ResetTarget {
        @Override
        public String describe() {
            return "to-latest";
        }
    }

    /**
     * See {@link ResetTarget#toDatetime(Instant)}.
     *
     * @param datetime the instant to go back to
     */
    record ToDatetime(Instant datetime) implements ResetTarget {
        /** Checks the instant is given. */
        public ToDatetime {
            Objects.requireNonNull(datetime, "datetime");
        }

        @Override
        public String describe() {
            return "to-datetime " + datetime;
        }
    }

    /**
     * See {@link ResetTarget#byDuration(Duration)}.
     *
     * @param duration how far back from now, positive
     */
    record ByDuration(Duration duration) implements ResetTarget {
        /** Checks the duration is positive. */
        public ByDuration {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("by-duration must be positive, was " + duration);
            }
        }

        @Override
        public String describe() {
            return "by-duration " + duration;
        }
    }

    /**
     * See {@link ResetTarget#toOffset(long)}.
     *
     * @param offset the offset, at least 0
     */
    record ToOffset(long offset) implements ResetTarget {
        /** Checks the offset is not negative. */
        public ToOffset {
            if (offset < 0) {
                throw new IllegalArgumentException("to-offset must be >= 0, was " + offset);
            }
        }

        @Override
        public String describe() {
            return "to-offset " + offset;
        }
    }

    /**
     * See {@link ResetTarget#shiftBy(long)}.
     *
     * @param delta records to move: negative goes back, positive skips ahead
     */
    record ShiftBy(long delta) implements ResetTarget {
        @Override
        public String describe() {
            return "shift-by " + delta;
        }
    }

    /**
     * See {@link ResetTarget#fromFile(Path)}.
     *
     * @param file the CSV file, read by {@link OffsetsFile#read(Path)}
     */
    record FromFile(Path file) implements ResetTarget {
        /** Checks the file is given. */
        public FromFile {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String describe() {
            return "from-file " + file;
        }
    }
}
