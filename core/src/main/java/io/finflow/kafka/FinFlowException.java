package io.finflow.kafka;

/**
 * Base class of every exception the FinFlow Kafka library throws on purpose.
 *
 * <p>Catch it to handle any FinFlow failure in one place; catch a subclass (for example
 * {@code io.finflow.kafka.schema.SchemaValidationException}) to react to one kind. Messages always name the
 * offending value and, where it helps, what would have been accepted.
 */
public class FinFlowException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that names the problem.
     *
     * @param message what went wrong, naming the bad value
     */
    public FinFlowException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the underlying cause.
     *
     * @param message what went wrong, naming the bad value
     * @param cause   the exception that revealed the problem
     */
    public FinFlowException(String message, Throwable cause) {
        super(message, cause);
    }
}
