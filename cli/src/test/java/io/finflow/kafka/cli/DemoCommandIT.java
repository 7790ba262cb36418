package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.KafkaExtension;
import io.finflow.kafka.testkit.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code finflow demo --bootstrap} through the real command line, on the shared broker. */
@ExtendWith(KafkaExtension.class)
class DemoCommandIT {

    @Test
    void theDemoPassesAndPrintsItsSummaryWithCountsReadBackFromItsMetricsEndpoint(EmbeddedKafka kafka,
                                                                                 TestNames names) {
        CliRun run = CliRun.run("demo", "--bootstrap", kafka.bootstrapServers(), "--events", "1500",
                "--accounts", "40", "--topic-prefix", names.topic("cli") + ".", "--metrics-port", "0");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).contains("FinFlow demo: 1,500 events, 40 accounts")
                .contains("Refused at the producer")
                .contains("[ ok ] balances match an independent computation")
                .contains("[ ok ] rebuild from offset 0 equals live balances")
                .contains("[ ok ] final consumer lag is 0")
                .contains("Metrics, read back from http://127.0.0.1:")
                .containsPattern("consumed by accounting-service-group +[1-9][0-9,]* +\\(services: [1-9]")
                .contains("[ ok ] metrics agree with the services' counts: 9 counts equal")
                .contains("Result: PASSED (11/11 checks passed)");
        assertThat(run.out()).doesNotContain("FAIL");
    }

    @Test
    void aDroppedTransactionMakesTheDemoFailWithExitCode1(EmbeddedKafka kafka, TestNames names) {
        CliRun run = CliRun.run("demo", "--bootstrap", kafka.bootstrapServers(), "--events", "1500",
                "--accounts", "40", "--topic-prefix", names.topic("cli") + ".", "--drop-one-transaction");
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.out()).contains("[FAIL] balances match an independent computation")
                .contains("[ ok ] metrics agree with the services' counts")
                .contains("Result: FAILED (9/11 checks passed)");
    }

    @Test
    void aServiceWhoseConsumerStopsMakesTheDemoStopWithinSecondsNamingTheCause(EmbeddedKafka kafka, TestNames names) {
        long started = System.nanoTime();
        CliRun run = CliRun.run("demo", "--bootstrap", kafka.bootstrapServers(), "--events", "20000",
                "--accounts", "40", "--topic-prefix", names.topic("cli") + ".", "--fail-accounting-restore");
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).contains("finflow: error: accounting-service stopped: its consumer (group"
                + " accounting-service-group) failed: IllegalStateException: could not restore the balances");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).as(run.describe())
                .isLessThan(java.time.Duration.ofSeconds(90));
    }

    @Test
    void aBadEventCountIsAUsageError() {
        CliRun run = CliRun.run("demo", "--events", "0");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--events must be >= 1, was 0");
    }
}
