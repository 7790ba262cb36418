package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FinflowCommandTest {

    @Test
    void helpListsTheCommandsAndExitsZero() {
        CliRun run = CliRun.run("--help");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).contains("Usage: finflow").contains("dev").contains("--bootstrap");
    }

    @Test
    void versionNamesFinflowAndKafka() {
        CliRun run = CliRun.run("--version");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).contains("finflow").contains("Apache Kafka 4.3.1");
    }

    @Test
    void unknownOptionIsAOneLineUsageErrorWithExitCode2() {
        CliRun run = CliRun.run("dev", "--bogus");
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().lines()).hasSize(2);
        assertThat(run.err()).startsWith("finflow: Unknown option: '--bogus'")
                .contains("Try 'finflow dev --help'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void invalidValuesAreRefusedBeforeAnythingStarts() {
        CliRun run = CliRun.run("dev", "--port", "70000");
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("port must be between 0 and 65535, was 70000");

        run = CliRun.run("dev", "--brokers", "2");
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--brokers must be 1 or 3, was 2");
    }

    @Test
    void devHelpExplainsTheReadyLineAndOptions() {
        CliRun run = CliRun.run("dev", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Kafka ready at").contains("--port").contains("--brokers").contains("--data-dir");
    }
}
