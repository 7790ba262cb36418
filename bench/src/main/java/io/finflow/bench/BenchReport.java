package io.finflow.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The figures and ratios of one suite run, for {@code --output json}: every number of the markdown report under
 * its section ({@code figures}), and every comparison as a flat {@code ratios} map whose keys name both sides
 * ({@code producer_vs_raw_jackson_ratio} is EventProducer's median throughput over the raw producer with Jackson and
 * the same headers). A ratio whose benchmark did not run, or that this build cannot measure, is {@code null}, so the
 * keys are always the same ({@link #RATIO_KEYS}). The {@code targets} map says for each target ratio of issue 13
 * whether this run met it. Used by the suite's thread only.
 */
final class BenchReport {

    /** Every ratio the report holds, in report order; see docs/benchmarks.md for what each compares. */
    static final List<String> RATIO_KEYS = List.of(
            "encode_vs_jackson_ratio",
            "decode_vs_jackson_ratio",
            "producer_vs_raw_jackson_ratio",
            "producer_no_validation_vs_raw_jackson_ratio",
            "producer_vs_raw_preserialized_ratio",
            "raw_jackson_vs_raw_preserialized_ratio",
            "producer_cpu_vs_raw_jackson_ratio",
            "producer_metrics_on_vs_off_ratio",
            "producer_p99_at_rate_vs_raw_jackson_ratio",
            "consumer_vs_raw_jackson_ratio",
            "consumer_8_vs_raw_jackson_ratio",
            "consumer_cpu_vs_raw_jackson_ratio",
            "consumer_metrics_on_vs_off_ratio",
            "ordered_64_vs_1_ratio",
            "e2e_p50_library_vs_raw_ratio",
            "e2e_p99_library_vs_raw_ratio",
            "e2e_p999_library_vs_raw_ratio",
            "compression_zstd_vs_lz4_bytes_ratio",
            "compression_zstd_vs_lz4_throughput_ratio");

    /** Issue 13's targets: ratio key, comparison, bound. */
    private static final List<Target> TARGETS = List.of(
            new Target("producer_vs_raw_jackson_ratio", ">=", 0.8),
            new Target("producer_no_validation_vs_raw_jackson_ratio", ">=", 0.95),
            new Target("consumer_vs_raw_jackson_ratio", ">=", 0.8),
            new Target("encode_vs_jackson_ratio", "<=", 2.0),
            new Target("validation_typed_us_per_event", "<=", 3.0),
            new Target("validation_tree_us_per_event", "<=", 3.0),
            new Target("ordered_64_vs_1_ratio", ">=", 40.0),
            new Target("e2e_p99_library_vs_raw_ratio", "<=", 1.5));

    private final Map<String, Object> root = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> figures = new LinkedHashMap<>();
    private final Map<String, Double> ratios = new LinkedHashMap<>();
    private final Map<String, Double> measures = new LinkedHashMap<>();

    BenchReport() {
        RATIO_KEYS.forEach(k -> ratios.put(k, null));
    }

    /** A top-level fact of the run (date, machine, load average, options). */
    void info(String name, Object value) {
        root.put(name, value);
    }

    /** A figure of a section, e.g. {@code figure("producer", "finflow.median_records_per_s", 51234.5)}. */
    void figure(String section, String name, Object value) {
        figures.computeIfAbsent(section, s -> new LinkedHashMap<>()).put(name, value);
    }

    /** A ratio; the key must be one of {@link #RATIO_KEYS}. NaN and infinities are recorded as null. */
    void ratio(String key, double value) {
        if (!ratios.containsKey(key)) {
            throw new IllegalArgumentException("unknown ratio key '" + key + "'; add it to RATIO_KEYS");
        }
        ratios.put(key, Double.isFinite(value) ? round(value) : null);
    }

    /** A headline measure that a target bounds, e.g. {@code validation_typed_us_per_event}. */
    void measure(String key, double value) {
        measures.put(key, Double.isFinite(value) ? round(value) : null);
    }

    /** The ratio recorded under a key, or null. */
    Double ratio(String key) {
        return ratios.get(key);
    }

    /** The JSON report. */
    String toJson() {
        Map<String, Object> json = new LinkedHashMap<>(root);
        json.put("ratios", ratios);
        json.put("measures", measures);
        Map<String, Object> targets = new LinkedHashMap<>();
        for (Target t : TARGETS) {
            Double value = ratios.containsKey(t.key()) ? ratios.get(t.key()) : measures.get(t.key());
            Map<String, Object> verdict = new LinkedHashMap<>();
            verdict.put("target", t.comparison() + " " + t.bound());
            verdict.put("value", value);
            verdict.put("met", value == null ? null : t.comparison().equals(">=") ? value >= t.bound() : value <= t.bound());
            targets.put(t.key(), verdict);
        }
        json.put("targets", targets);
        json.put("figures", figures);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the JSON report: " + e.getOriginalMessage(), e);
        }
    }

    /** Four significant decimals are plenty for ratios of noisy medians. */
    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    private record Target(String key, String comparison, double bound) {
    }
}
