package io.finflow.bench;

/**
 * The outcome of one timed producer run.
 *
 * @param records      records sent and acknowledged
 * @param seconds      from the first send to the last acknowledgement
 * @param valueBytes   JSON value bytes sent (headers and keys not counted)
 * @param p50Millis    median send-to-acknowledgement latency
 * @param p99Millis    99th percentile latency
 * @param p999Millis   99.9th percentile latency
 * @param cpuMicrosPerRecord CPU of the whole JVM (broker included when embedded) per record during the run
 */
record SendRun(int records, double seconds, long valueBytes, double p50Millis, double p99Millis, double p999Millis,
        double cpuMicrosPerRecord) {

    /** Records acknowledged per second. */
    double recordsPerSecond() {
        return records / seconds;
    }

    /** Value megabytes (10^6 bytes) per second. */
    double megabytesPerSecond() {
        return valueBytes / seconds / 1e6;
    }
}
