package io.finflow.kafka.schema;

import io.finflow.kafka.FinFlowException;

/**
 * The schema files cannot be used: a file is missing, not JSON, not a valid JSON Schema 2020-12, has the wrong
 * {@code $id}, or the versions of an event type have a gap. The message names the file and the problem. This is a
 * build or deployment error, never caused by an event.
 */
public class SchemaException extends FinFlowException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the file and the problem
     */
    public SchemaException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message the file and the problem
     * @param cause   the parsing or I/O failure
     */
    public SchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
