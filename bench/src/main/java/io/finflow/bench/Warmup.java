package io.finflow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * Repeats a warm-up run until the CPU it costs per record stops moving. The library's code paths (JSON
 * trees, the schema validator, Kafka's producer and broker) are deep: on 2 busy cores the JIT needs about a
 * million records before EventProducer reaches its plateau (measured: 100 µs of CPU per record in the first
 * 100,000, 18 µs from the tenth run on), the raw client about half that. A fixed short warm-up would compare
 * a half-compiled library with a compiled raw client.
 *
 * <p>Stable means the last {@value #WINDOW} runs cost within {@value #SPREAD} (relative) of each other; at
 * most {@value #MAX_RUNS} runs either way.
 */
final class Warmup {

    /** Warm-up runs at most. */
    static final int MAX_RUNS = 10;
    /** Runs compared for stability. */
    static final int WINDOW = 3;
    /** Largest (max - min) / min of CPU per record over the window that counts as stable. */
    static final double SPREAD = 0.10;

    private Warmup() {
    }

    /**
     * What a warm-up took.
     *
     * @param runs       warm-up runs made
     * @param cpuPerRun  CPU µs per record of each run, in order
     * @param stable     whether the window settled before {@link #MAX_RUNS}
     */
    record Result(int runs, List<Double> cpuPerRun, boolean stable) {

        /** For progress lines and the report, e.g. {@code 6 runs, CPU µs/rec 41 → 19, stable}. */
        String describe() {
            return runs + (runs == 1 ? " run" : " runs") + String.format(Locale.ROOT, ", CPU µs/rec %.0f → %.0f, %s",
                    cpuPerRun.get(0), cpuPerRun.get(cpuPerRun.size() - 1), stable ? "stable" : "still moving");
        }
    }

    /**
     * Calls {@code run} (which returns the CPU µs per record it cost) until the cost is stable, at most
     * {@value #MAX_RUNS} times. When the JVM does not report CPU time (NaN), makes {@value #WINDOW} runs.
     */
    static Result untilStable(DoubleSupplier run) {
        List<Double> cpu = new ArrayList<>();
        while (true) {
            cpu.add(run.getAsDouble());
            int n = cpu.size();
            if (Double.isNaN(cpu.get(n - 1))) {
                if (n >= WINDOW) {
                    return new Result(n, cpu, false);
                }
                continue;
            }
            if (n >= WINDOW) {
                List<Double> last = cpu.subList(n - WINDOW, n);
                double min = last.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                double max = last.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
                if ((max - min) / min <= SPREAD) {
                    return new Result(n, List.copyOf(cpu), true);
                }
            }
            if (n >= MAX_RUNS) {
                return new Result(n, List.copyOf(cpu), false);
            }
        }
    }
}
