package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The commands {@code finflow demo --keep-running} suggests work on the run's cluster and its prefixed topics. */
class DemoHintsTest {

    @Test
    void hintsNameTheRunsPrefixedTopicsAndItsCluster() {
        List<String> hints = DemoCommand.hints("127.0.0.1:9092", Path.of("client.properties"), "demo-1767225600.",
                "http://127.0.0.1:9405/metrics");
        assertThat(hints).contains(
                "  ./finflow tail demo-1767225600.transaction-events --topic-prefix demo-1767225600."
                        + " --bootstrap 127.0.0.1:9092 --command-config client.properties",
                "  ./finflow balances verify --topic-prefix demo-1767225600. --bootstrap 127.0.0.1:9092"
                        + " --command-config client.properties");
        assertThat(hints).filteredOn(h -> h.contains("./finflow ")).allSatisfy(h ->
                assertThat(h).contains("--bootstrap 127.0.0.1:9092 --command-config client.properties"));
        assertThat(hints).anySatisfy(h -> assertThat(h).contains("http://127.0.0.1:9405/metrics"));
    }

    @Test
    void withoutAPrefixTheCatalogNamesAreUsed() {
        List<String> hints = DemoCommand.hints("127.0.0.1:41381", null, "", null);
        assertThat(hints).contains("  ./finflow tail transaction-events --bootstrap 127.0.0.1:41381")
                .noneMatch(h -> h.contains("--topic-prefix") || h.contains("--command-config") || h.contains("metrics"));
    }

    @Test
    void everyHintIsAValidFinflowCommandLine() {
        for (List<String> hints : List.of(
                DemoCommand.hints("127.0.0.1:9092", Path.of("client.properties"), "demo-1.", "http://x/metrics"),
                DemoCommand.hints("127.0.0.1:9092", null, "", null))) {
            for (String hint : hints) {
                int at = hint.indexOf("./finflow ");
                if (at < 0) {
                    continue;
                }
                String[] args = hint.substring(at + "./finflow ".length()).trim().split(" +");
                CommandLine cmd = FinflowCommand.commandLine();
                assertThat(cmd.parseArgs(args).errors()).as(hint).isEmpty();
            }
        }
    }
}
