package io.finflow.kafka.schema;

import java.util.List;
import java.util.stream.Collectors;

import io.finflow.kafka.FinFlowException;

/**
 * An event does not satisfy its schema. The message lists every violation, for example:
 *
 * <pre>
 * event rejected by schema transaction v2: /amount: 100.505 has 3 decimal places, EUR allows 2; /currency: 'EURO' is
 * not an ISO 4217 currency code
 * </pre>
 *
 * <p>Fatal for the event at hand: sending or reading it again fails the same way, so producers fail the send and
 * consumers dead-letter the record.
 */
public class SchemaValidationException extends FinFlowException {

    private static final long serialVersionUID = 1L;

    private final String eventType;
    private final int schemaVersion;
    private final List<Violation> violations;

    /**
     * Creates the exception.
     *
     * @param eventType     the event type, e.g. {@code "transaction"}
     * @param schemaVersion the schema version the event was checked against
     * @param violations    every violation found, at least one
     */
    public SchemaValidationException(String eventType, int schemaVersion, List<Violation> violations) {
        super("event rejected by schema " + eventType + " v" + schemaVersion + ": "
                + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a schema validation failure needs at least one violation");
        }
        this.eventType = eventType;
        this.schemaVersion = schemaVersion;
        this.violations = List.copyOf(violations);
    }

    /**
     * Every violation found, in pointer order.
     *
     * @return the violations, unmodifiable
     */
    public List<Violation> violations() {
        return violations;
    }

    /**
     * The event type of the rejected event.
     *
     * @return e.g. {@code "transaction"}
     */
    public String eventType() {
        return eventType;
    }

    /**
     * The schema version the event was checked against.
     *
     * @return e.g. {@code 2}
     */
    public int schemaVersion() {
        return schemaVersion;
    }
}
