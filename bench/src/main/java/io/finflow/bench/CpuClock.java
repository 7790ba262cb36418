package io.finflow.bench;

import java.lang.management.ManagementFactory;

/**
 * CPU time consumed by this whole JVM (every thread: clients, the embedded broker, GC, JIT). On a machine
 * shared with other work, wall-clock throughput moves with everyone else's load; the CPU a run burns per
 * record moves much less, so it is the steadier measure of what a variant costs.
 */
final class CpuClock {

    private static final com.sun.management.OperatingSystemMXBean OS = os();
    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuClock() {
    }

    /** Process CPU time in nanoseconds, or -1 when the JVM does not report it. */
    static long processCpuNanos() {
        return OS == null ? -1 : OS.getProcessCpuTime();
    }

    /**
     * CPU time of the calling thread in nanoseconds; its wall-clock time ({@link System#nanoTime()}) where the JVM
     * does not measure thread CPU time.
     */
    static long threadCpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** Microseconds of CPU per record between two readings, or NaN when unknown. */
    static double microsPerRecord(long startNanos, long endNanos, long records) {
        if (startNanos < 0 || endNanos < 0 || records <= 0) {
            return Double.NaN;
        }
        return (endNanos - startNanos) / 1e3 / records;
    }

    private static com.sun.management.OperatingSystemMXBean os() {
        java.lang.management.OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
        return bean instanceof com.sun.management.OperatingSystemMXBean sun ? sun : null;
    }
}
