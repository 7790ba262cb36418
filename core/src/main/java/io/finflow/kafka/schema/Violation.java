package io.finflow.kafka.schema;

import java.io.Serializable;
import java.util.Objects;

/**
 * One reason why an event does not satisfy its schema.
 *
 * <pre>{@code
 * new Violation("/amount", "100.505 has 3 decimal places, EUR allows 2").toString()
 *     // "/amount: 100.505 has 3 decimal places, EUR allows 2"
 * }</pre>
 *
 * @param pointer JSON pointer (RFC 6901) of the offending value in the event: {@code "/amount"},
 *                {@code "/merchant/country"}, {@code ""} for the event itself. For a missing required property or a
 *                property that is not allowed, it points at that property ({@code "/currency"}).
 * @param reason  what is wrong, naming the bad value where that helps, e.g. {@code "'EURO' is not an ISO 4217
 *                currency code"}
 */
public record Violation(String pointer, String reason) implements Serializable {

    /** Checks both parts are present. */
    public Violation {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * Reads as {@code "/amount: must be greater than 0, was 0"}.
     *
     * @return pointer, {@code ": "} and reason
     */
    @Override
    public String toString() {
        return pointer + ": " + reason;
    }
}
