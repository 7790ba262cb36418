package io.finflow.kafka.ops.doctor;

import java.util.List;

/**
 * The outcome of one doctor check.
 *
 * @param check    the check's name: {@code connectivity}, {@code catalog}, {@code partitions}, {@code groups}
 *                 or {@code dlq}
 * @param status   {@link Status#OK}, {@link Status#PROBLEMS} or {@link Status#SKIPPED}
 * @param summary  one line: what was checked, or why it was skipped
 * @param findings the problems found, empty when OK
 */
public record CheckResult(String check, Status status, String summary, List<Finding> findings) {

    /** Outcome of a check. */
    public enum Status {
        /** Checked, nothing found. */
        OK,
        /** Checked, problems found. */
        PROBLEMS,
        /** Not run, because Kafka could not be reached. */
        SKIPPED
    }

    /** Copies the list. */
    public CheckResult {
        findings = List.copyOf(findings);
    }
}
