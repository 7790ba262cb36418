package io.finflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class BenchReportTest {

    @Test
    void everyRatioKeyIsInTheJsonAndNamesBothSides() throws Exception {
        BenchReport report = new BenchReport();
        report.ratio("producer_vs_raw_jackson_ratio", 0.91234567);
        report.ratio("consumer_vs_raw_jackson_ratio", Double.NaN);

        JsonNode json = new ObjectMapper().readTree(report.toJson());

        assertThat(BenchReport.RATIO_KEYS).allSatisfy(key -> {
            assertThat(json.path("ratios").has(key)).as(key).isTrue();
            assertThat(key).matches("[a-z0-9_]+_(vs)_[a-z0-9_]+_ratio");
        });
        assertThat(json.path("ratios").path("producer_vs_raw_jackson_ratio").doubleValue()).isEqualTo(0.9123);
        assertThat(json.path("ratios").path("consumer_vs_raw_jackson_ratio").isNull()).as("NaN is not a number").isTrue();
        assertThat(json.path("ratios").path("ordered_64_vs_1_ratio").isNull()).as("not run").isTrue();
    }

    @Test
    void targetsSayWhetherTheRunMetThem() throws Exception {
        BenchReport report = new BenchReport();
        report.ratio("producer_vs_raw_jackson_ratio", 0.85);
        report.ratio("e2e_p99_library_vs_raw_ratio", 1.7);
        report.measure("validation_typed_us_per_event", 0.4);

        JsonNode targets = new ObjectMapper().readTree(report.toJson()).path("targets");

        assertThat(targets.path("producer_vs_raw_jackson_ratio").path("met").booleanValue()).isTrue();
        assertThat(targets.path("producer_vs_raw_jackson_ratio").path("target").textValue()).isEqualTo(">= 0.8");
        assertThat(targets.path("e2e_p99_library_vs_raw_ratio").path("met").booleanValue()).isFalse();
        assertThat(targets.path("validation_typed_us_per_event").path("met").booleanValue()).isTrue();
        assertThat(targets.path("ordered_64_vs_1_ratio").path("met").isNull()).as("not measured").isTrue();
    }

    @Test
    void anUnknownRatioKeyIsRefused() {
        assertThatThrownBy(() -> new BenchReport().ratio("producer_ratio", 1.0))
                .hasMessageContaining("unknown ratio key 'producer_ratio'");
    }
}
