package io.finflow.kafka.ops.events;

/**
 * Why one line of an events file cannot be sent.
 *
 * @param line   line number, from 1
 * @param reason what is wrong, e.g. every schema violation with its JSON pointer
 */
public record LineProblem(int line, String reason) {
}
