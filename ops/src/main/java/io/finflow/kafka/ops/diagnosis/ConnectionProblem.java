package io.finflow.kafka.ops.diagnosis;

import java.util.Objects;

/**
 * Why a client could not use the cluster, and what to do about it.
 *
 * @param cause     the kind of problem
 * @param bootstrap the bootstrap servers tried
 * @param detail    what exactly happened, one line, secrets scrubbed
 * @param nextStep  what to do next, one line, usually with the command or setting that fixes it
 */
public record ConnectionProblem(ProblemCause cause, String bootstrap, String detail, String nextStep) {

    /** Validates the components. */
    public ConnectionProblem {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(bootstrap, "bootstrap");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(nextStep, "nextStep");
    }

    /**
     * One line: {@code Kafka at B: CAUSE (DETAIL); next: STEP}, e.g.
     * {@code Kafka at 127.0.0.1:1: connection refused (nothing listens on 127.0.0.1:1); next: ...}.
     */
    public String message() {
        return "Kafka at " + bootstrap + ": " + cause.label() + " (" + detail + "); next: " + nextStep;
    }

    @Override
    public String toString() {
        return message();
    }
}
