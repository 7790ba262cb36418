package io.finflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --quick --output json} smoke run against an embedded broker: every benchmark runs end to end, standard
 * output is the JSON report holding every ratio key, and {@code --out} still gets the markdown. Times nothing and
 * asserts no speed; the numbers of so small a run mean nothing.
 */
class BenchSuiteSmokeIT {

    @Test
    void quickJsonRunHoldsEveryRatioAndWritesTheMarkdownReport(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.md");
        BenchOptions options = BenchOptions.parse("--quick", "--output", "json", "--out", file.toString());
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();

        String markdown = new BenchSuite(options, new PrintStream(stdout, true, StandardCharsets.UTF_8),
                System.err).run();

        JsonNode json = new ObjectMapper().readTree(stdout.toString(StandardCharsets.UTF_8));
        for (String key : BenchReport.RATIO_KEYS) {
            assertThat(json.path("ratios").has(key)).as("ratio key " + key).isTrue();
            JsonNode ratio = json.path("ratios").path(key);
            if (key.contains("cpu")) {
                // a few hundred records may take no measurable CPU
                assertThat(ratio.isNull() || ratio.isNumber()).as(key).isTrue();
            } else if (!key.contains("no_validation") || LibraryHooks.canSwitchOffValidation()) {
                assertThat(ratio.isNumber()).as(key + " = " + ratio).isTrue();
                assertThat(ratio.doubleValue()).as(key).isPositive();
            }
        }
        assertThat(json.path("targets").path("producer_vs_raw_jackson_ratio").has("met")).isTrue();
        assertThat(json.path("figures").path("producer").has("finflow.median_records_per_s")).isTrue();
        assertThat(markdown)
                .contains("### CPU cost per event", "### Producer throughput", "### Producer send-to-ack latency",
                        "### Consumer throughput", "### Key-ordered parallelism", "### End-to-end latency",
                        "### Compression", "### Consumer lag: exporter sample")
                .contains(ProducerVariant.RAW_JACKSON.label(), ProducerVariant.FINFLOW_METRICS.label(),
                        ConsumerVariant.FINFLOW_1.label(), ConsumerVariant.FINFLOW_1_METRICS.label())
                .contains("**Metrics on vs off (EventProducer):**", "**Metrics on vs off (EventConsumer, concurrency 1):**")
                .contains("| every group on every partition | 16 |", "| each group on its own topic | 8 |")
                .contains("load average at start");
        assertThat(Files.readString(file)).isEqualTo(markdown);
    }
}
