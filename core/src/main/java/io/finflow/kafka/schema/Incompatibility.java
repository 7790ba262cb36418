package io.finflow.kafka.schema;

import java.util.Objects;

/**
 * A change between two schema versions that breaks backward compatibility: a consumer built for
 * {@code toVersion} could reject or misread an event written with {@code fromVersion}.
 *
 * @param eventType   e.g. {@code "transaction"}
 * @param fromVersion the older version, whose events must stay readable
 * @param toVersion   the newer version
 * @param pointer     JSON pointer of the affected value in an event ({@code "/amount"}, {@code ""} for the event
 *                    itself); {@code *} stands for any array item or any additional property
 * @param reason      what changed and why it breaks older events
 */
public record Incompatibility(String eventType, int fromVersion, int toVersion, String pointer, String reason) {

    /** Checks the parts are present. */
    public Incompatibility {
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * One line, e.g. {@code "transaction v1 -> v2 at /amount: maxLength lowered from 32 to 20 (older events may be
     * longer)"}.
     *
     * @return the incompatibility as one line
     */
    @Override
    public String toString() {
        return eventType + " v" + fromVersion + " -> v" + toVersion + " at " + (pointer.isEmpty() ? "(root)" : pointer)
                + ": " + reason;
    }
}
