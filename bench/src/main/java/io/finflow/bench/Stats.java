package io.finflow.bench;

import java.util.Arrays;

/** Medians and percentiles of measurements. */
final class Stats {

    private Stats() {
    }

    /** The median; the mean of the two middle values for an even count. */
    static double median(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("median of no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /**
     * The nearest-rank percentile of ascending values: the smallest value with at least {@code p} percent
     * of the values at or below it.
     *
     * @param sorted ascending values
     * @param p      percentile in (0, 100]
     */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("percentile of no values");
        }
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
