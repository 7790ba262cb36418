package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * A user stopping a long-running command with Ctrl-C or SIGTERM sees the command's own words, not a
 * logging framework talking about itself while the JVM goes down.
 */
class QuietShutdownIT {

    @Test
    void demoKeptRunningStopsOnSigtermWithoutLoggingFrameworkWarnings() throws Exception {
        try (ChildCli demo = ChildCli.start("demo", "--events", "400", "--accounts", "20", "--keep-running")) {
            demo.awaitStdout("Press Ctrl-C to stop.", Duration.ofMinutes(3));

            int exit = demo.terminate(Duration.ofSeconds(30));

            String output = demo.stdout() + demo.stderr();
            assertThat(output).as(demo.describe()).contains("Result: PASSED");
            assertThat(output).as(demo.describe())
                    .doesNotContainIgnoringCase("log4j")
                    .doesNotContain("SLF4J")
                    .doesNotContain("StatusLogger")
                    .doesNotContain("shutdown hook")
                    .doesNotContain("SimpleLogger");
            // Quiet by default: the dead letters are counted in the summary, not logged one line each.
            assertThat(demo.stdout()).as(demo.describe()).containsPattern("transaction-events\\.dlq +[1-9]");
            assertThat(demo.stderr()).as(demo.describe()).doesNotContain(" sent to ");
            // 143 = 128 + SIGTERM: the JVM's exit status when stopped by the signal.
            assertThat(exit).as(demo.describe()).isIn(0, 143);
        }
    }
}
