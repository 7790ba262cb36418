package io.finflow.kafka.ops.diagnosis;

import java.util.Objects;

import io.finflow.kafka.ops.OpsException;

/** The cluster could not be used; {@link #problem()} says why and what to do. */
public final class ConnectionProblemException extends OpsException {

    private static final long serialVersionUID = 1L;

    private final transient ConnectionProblem problem;

    /** @param cause the Kafka or network exception behind it, or null */
    public ConnectionProblemException(ConnectionProblem problem, Throwable cause) {
        super(Objects.requireNonNull(problem, "problem").message(), cause);
        this.problem = problem;
    }

    /** The diagnosis. */
    public ConnectionProblem problem() {
        return problem;
    }
}
