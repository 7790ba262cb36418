package io.finflow.kafka.ops.doctor;

import java.util.List;

/**
 * Everything {@link DoctorService#run} checked.
 *
 * @param bootstrap the bootstrap servers checked
 * @param checks    one result per check, in the order they ran
 */
public record DoctorReport(String bootstrap, List<CheckResult> checks) {

    /** Copies the list. */
    public DoctorReport {
        checks = List.copyOf(checks);
    }

    /** True when every check ran and found nothing. */
    public boolean healthy() {
        return checks.stream().allMatch(c -> c.status() == CheckResult.Status.OK);
    }

    /** Every finding of every check, in check order. */
    public List<Finding> findings() {
        return checks.stream().flatMap(c -> c.findings().stream()).toList();
    }
}
