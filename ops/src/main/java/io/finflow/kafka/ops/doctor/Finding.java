package io.finflow.kafka.ops.doctor;

/**
 * One problem {@link DoctorService} found, with what to do about it.
 *
 * @param check    the check that found it, e.g. {@code partitions}
 * @param severity how urgent it is
 * @param subject  what it concerns: a topic, partition, group or the cluster
 * @param problem  what is wrong, one line
 * @param action   what to do, one line
 */
public record Finding(String check, Severity severity, String subject, String problem, String action) {

    /** How urgent a finding is. */
    public enum Severity {
        /** Something is broken now: clients fail or data is at risk. */
        ERROR,
        /** Something needs attention before it becomes an error. */
        WARNING
    }
}
