package io.finflow.bench;

/**
 * The outcome of one timed consumer run.
 *
 * @param records          records handled
 * @param seconds          from the first record handed to the application to the last one counted
 * @param firstRecordMillis from subscribing to the first record (group join, first fetch); not in {@code seconds}
 * @param cpuMicrosPerRecord CPU of the whole JVM (broker included when embedded) per record, first to last record
 */
record ConsumeRun(long records, double seconds, double firstRecordMillis, double cpuMicrosPerRecord) {

    /** Records handled per second. */
    double recordsPerSecond() {
        return records / seconds;
    }
}
