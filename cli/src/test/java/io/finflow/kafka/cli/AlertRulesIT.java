package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert rules with Prometheus' own tool: {@code promtool check rules} (they load) and {@code promtool test
 * rules} (deploy/prometheus/alerts.test.yml: each alert fires when it should and stays quiet when it should,
 * with its rendered summary).
 */
class AlertRulesIT {

    @Test
    void alertRulesLoadAndPassTheirPromtoolTests() throws Exception {
        Path dir = MonitoringFiles.deploy("prometheus");
        Tools.Result check = Tools.run(dir, List.of("promtool", "check", "rules", "alerts.yml"));
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: " + MonitoringFiles.alerts().size() + " rules found");

        Tools.Result test = Tools.run(dir, List.of("promtool", "test", "rules", "alerts.test.yml"));
        assertThat(test.exitCode()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    @Test
    void aBrokenExpectationFailsPromtool(@TempDir Path dir) throws Exception {
        // The tests can fail: the same test file with one expectation changed must not pass.
        java.nio.file.Files.copy(MonitoringFiles.deploy("prometheus/alerts.yml"), dir.resolve("alerts.yml"));
        String tests = java.nio.file.Files.readString(MonitoringFiles.deploy("prometheus/alerts.test.yml"))
                .replaceFirst("exp_labels: \\{severity: warning, instance: \"broker-1:9404\"}",
                        "exp_labels: {severity: critical, instance: \"broker-1:9404\"}");
        java.nio.file.Files.writeString(dir.resolve("alerts.test.yml"), tests);
        Tools.Result test = Tools.run(dir, List.of("promtool", "test", "rules", "alerts.test.yml"));
        assertThat(test.exitCode()).as(test.output()).isNotZero();
        assertThat(test.output()).contains("FAILED").contains("KafkaUnderReplicatedPartitions");
    }
}
