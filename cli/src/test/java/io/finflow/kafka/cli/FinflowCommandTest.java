package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FinflowCommandTest {

    @Test
    void helpListsTheCommandsAndExitsZero() {
        CliRun run = CliRun.run("--help");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).contains("Usage: finflow").contains("dev").contains("--bootstrap")
                .containsPattern("(?m)^  topics\\s+Topics as code")
                .containsPattern("(?m)^  groups\\s+Consumer groups")
                .containsPattern("(?m)^  dlq\\s+Dead letter topics")
                .containsPattern("(?m)^  tail\\s+Print a topic's records")
                .containsPattern("(?m)^  produce\\s+Send the events of a JSON Lines file")
                .containsPattern("(?m)^  doctor\\s+Check the cluster")
                .containsPattern("(?m)^  acls\\s+ACLs as code")
                .containsPattern("(?m)^  users\\s+Manage SCRAM users")
                .containsPattern("(?m)^  config\\s+Show the effective client configuration")
                .contains("--timeout SECONDS")
                .containsPattern("(?m)^  lag-exporter\\s+Serve consumer lag");
    }

    @Test
    void everyOperationsCommandExplainsItsOptionsWithExamples() {
        for (String[] command : new String[][] {
            {"topics", "plan"}, {"topics", "apply"}, {"topics", "list"}, {"topics", "describe"},
            {"groups", "list"}, {"groups", "describe"}, {"groups", "lag"}, {"groups", "reset-offsets"},
            {"dlq", "list"}, {"dlq", "show"}, {"dlq", "replay"}, {"tail"}, {"produce"}, {"doctor"},
            {"acls", "plan"}, {"acls", "apply"}, {"config", "show"},
            {"lag-exporter"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            CliRun run = CliRun.run(args);
            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.out()).as(String.join(" ", command)).contains("--bootstrap").contains("--command-config")
                    .contains("Example");
        }
        assertThat(CliRun.run("groups", "reset-offsets", "--help").out()).contains("--to-earliest")
                .contains("--to-datetime=ISO").contains("--shift-by=+/-N").contains("--from-file=FILE")
                .contains("--execute").contains("--allow-clamp").contains("--backup-file=FILE");
        assertThat(CliRun.run("dlq", "replay", "--help").out()).contains("--filter=FILTER").contains("--rate=N/s")
                .contains("--max-replays=N").contains("--limit=N").contains("finflow.replay.count");
        assertThat(CliRun.run("topics", "plan", "--help").out()).contains("--allow-delete")
                .contains("--allow-key-remap").contains("--catalog=FILE").contains("--profile=PROFILE")
                .contains("--output=FORMAT");
    }

    @Test
    void resetOffsetsNeedsExactlyOneTargetBeforeConnecting() {
        CliRun none = CliRun.run("groups", "reset-offsets", "--group", "g", "--topic", "t");
        assertThat(none.exitCode()).as(none.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).startsWith("finflow: Error: Missing required argument (specify one of these):");

        CliRun two = CliRun.run("groups", "reset-offsets", "--group", "g", "--topic", "t", "--to-earliest",
                "--to-latest");
        assertThat(two.exitCode()).as(two.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(two.err()).contains("mutually exclusive");

        CliRun badDuration = CliRun.run("groups", "reset-offsets", "--group", "g", "--topic", "t", "--by-duration",
                "2h");
        assertThat(badDuration.exitCode()).as(badDuration.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(badDuration.err()).isEqualTo("finflow: error: '2h' is not an ISO-8601 duration such as PT30M, PT2H"
                + " or P1DT2H" + System.lineSeparator());

        CliRun badOutput = CliRun.run("topics", "list", "--output", "yaml");
        assertThat(badOutput.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badOutput.err()).contains("--output").contains("table, json");
    }

    @Test
    void usersCommandsTakeConnectionOptionsButNoPasswordOption() {
        for (String sub : new String[] {"add", "list", "remove"}) {
            CliRun run = CliRun.run("users", sub, "--help");
            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.out()).contains("--command-config").contains("--timeout")
                    .doesNotContainPattern("--password[ =]");
        }
        assertThat(CliRun.run("dev", "--help").out()).contains("--secure").contains("DIR/client.properties");
    }

    @Test
    void aPasswordInputMustBeOneLine() {
        assertThat(UsersAddCommand.firstLine("s3cret\n")).isEqualTo("s3cret");
        assertThat(UsersAddCommand.firstLine("s3cret\r\n")).isEqualTo("s3cret");
        assertThat(UsersAddCommand.firstLine("s3cret")).isEqualTo("s3cret");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> UsersAddCommand.firstLine("a\nb\n"))
                .hasMessageContaining("more than one line").hasMessageNotContaining("a\nb");
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
        assertThat(run.out()).contains("Kafka ready at").contains("--port").contains("--brokers").contains("--data-dir")
                .contains("--metrics-port").contains("kafka_server_replicamanager_underreplicatedpartitions")
                .contains("With --brokers 3 the brokers share this JVM and so one set of MBeans");
    }

    @Test
    void metricsOptionsRefuseBadValuesBeforeAnythingStarts() {
        CliRun run = CliRun.run("dev", "--metrics-port", "70000");
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--metrics-port must be between 0 and 65535, was 70000");

        run = CliRun.run("demo", "--metrics-port", "-1");
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--metrics-port must be between 0 and 65535, was -1");

        run = CliRun.run("lag-exporter", "--interval", "10x");
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("'10x' is not a duration such as 500ms, 10s, 2m, 1h or PT10S");

        run = CliRun.run("lag-exporter", "--window", "1");
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("window must be between 2 and 1000 samples, was 1");

        run = CliRun.run("lag-exporter", "--group", "payments-[");
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--group 'payments-[' is not a valid regular expression");

        run = CliRun.run("lag-exporter", "--interval", "10ms");
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("interval must be >= 100 ms, was 10 ms");
    }
}
