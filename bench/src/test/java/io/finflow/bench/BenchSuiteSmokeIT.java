package io.finflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the whole suite with a few hundred records against an embedded broker: the harness works end to end.
 * Times nothing and asserts no speed; the numbers of so small a run mean nothing.
 */
class BenchSuiteSmokeIT {

    @Test
    void tinySuiteRunsEveryBenchmarkAndWritesTheReport(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.md");
        BenchOptions options = BenchOptions.parse("--rounds", "1", "--warmup-records", "100",
                "--producer-records", "300", "--latency-records", "100", "--latency-rate", "2000",
                "--consumer-records", "300", "--compression-records", "300", "--serde-records", "100",
                "--corpus-size", "300", "--accounts", "20", "--settle-ms", "0", "--lag-partitions", "8",
                "--lag-groups", "2", "--out", file.toString());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        String report = new BenchSuite(options, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

        assertThat(report)
                .contains("### CPU cost per event", "### Producer throughput", "### Producer send-to-ack latency",
                        "### Consumer throughput", "### Compression", "### Consumer lag: exporter sample")
                .contains(ProducerVariant.FINFLOW.label(), ProducerVariant.RAW.label(), ProducerVariant.RAW_WITH_HEADERS.label(),
                        ProducerVariant.FINFLOW_METRICS.label())
                .contains(ConsumerVariant.RAW.label(), ConsumerVariant.FINFLOW_1.label(), ConsumerVariant.FINFLOW_8.label(),
                        ConsumerVariant.FINFLOW_1_METRICS.label())
                .contains("**Metrics on vs off (EventProducer):**", "**Metrics on vs off (EventConsumer, concurrency 1):**")
                .contains("| every group on every partition | 16 |", "| each group on its own topic | 8 |")
                .contains("load average at start");
        for (CompressionBenchmark.CodecCase c : CompressionBenchmark.CASES) {
            assertThat(report).contains("| " + c.producerName() + " | " + c.label() + " |");
        }
        assertThat(report).doesNotContain("| 0 | 0.0 |");
        assertThat(Files.readString(file)).isEqualTo(report);
    }
}
