package io.finflow.kafka.reliability;

import java.util.Locale;

/**
 * The figures every fault scenario prints at its end, so that the test output shows what the fault cost:
 * events sent, acknowledged by Kafka, handled by consumers (distinct events), lost (acknowledged but never
 * handled, or never in the topic), handled more than once, and dead-lettered. {@code note} adds what is
 * particular to the scenario (the broker stopped, the commits sampled, ...).
 */
record FaultFigures(String scenario, long sent, long acknowledged, long handled, long lost, long duplicated,
                    long deadLettered, String note) {

    /**
     * Prints one line on standard output, e.g. {@code [reliability] broker-failover: sent=...}, the format of every
     * fault scenario of the suite (the services' scenarios in the cli module print the same).
     */
    FaultFigures print() {
        System.out.printf(Locale.ROOT, "%n[reliability] %s: sent=%d acknowledged=%d handled=%d lost=%d duplicated=%d"
                + " dead-lettered=%d%s%n", scenario, sent, acknowledged, handled, lost, duplicated, deadLettered,
                note == null || note.isEmpty() ? "" : " (" + note + ")");
        System.out.flush();
        return this;
    }
}
