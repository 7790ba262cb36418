package io.finflow.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import java.util.Map;
import java.util.stream.Collectors;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.KafkaExtension;
import io.finflow.kafka.testkit.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class DemoFlowIT {

    private static DemoSummary run(EmbeddedKafka kafka, TestNames names, boolean dropOne) throws Exception {
        return run(kafka, names, DemoOptions.defaults().withEvents(4_000).withAccounts(60).withDropOneTransaction(dropOne));
    }

    private static DemoSummary run(EmbeddedKafka kafka, TestNames names, DemoOptions options) throws Exception {
        ClientConfig config = ClientConfig.of(kafka.bootstrapServers());
        TopicCatalog catalog = TopicCatalog.fromClasspath("dev").withPrefix(names.topic("demo") + ".");
        try (DemoRunner runner = new DemoRunner(config, catalog, options)) {
            DemoSummary summary = runner.run(line -> System.out.println("demo: " + line));
            summary.checks().forEach(c -> System.out.printf("  [%s] %s: %s%n", c.passed() ? "ok" : "FAIL", c.name(), c.detail()));
            return summary;
        }
    }

    @Test
    void theWholeFlowPassesEveryCheck(EmbeddedKafka kafka, TestNames names) throws Exception {
        DemoSummary summary = run(kafka, names, false);
        assertThat(summary.checks()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(summary.checks()).allSatisfy(c -> assertThat(c.passed()).as(c.name() + ": " + c.detail()).isTrue());
        assertThat(summary.passed()).isTrue();
        assertThat(summary.producedPerTopic()).containsKeys("transaction-events", "user-events", "analytics-events",
                "notification-events");
        assertThat(summary.refusedAtProducer()).isNotEmpty();
        assertThat(summary.poisonWritten()).isPositive();
        assertThat(summary.deliveredByChannel()).containsKeys("email");
        Map<String, Long> notificationDlq = summary.deadLettered().entrySet().stream()
                .filter(e -> e.getKey().contains("notification-events"))
                .flatMap(e -> e.getValue().entrySet().stream())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(notificationDlq.keySet()).as("failing push channel dead-letters with its reason")
                .anyMatch(reason -> reason.contains("push token"));
    }

    @Test
    void aDroppedTransactionIsDetectedAsABalanceMismatch(EmbeddedKafka kafka, TestNames names) throws Exception {
        DemoSummary summary = run(kafka, names, true);
        assertThat(summary.passed()).isFalse();
        Map<String, DemoSummary.Check> checks = summary.checks().stream()
                .collect(Collectors.toMap(DemoSummary.Check::name, c -> c));
        assertThat(checks.get("balances match an independent computation").passed()).isFalse();
        assertThat(checks.get("balances match an independent computation").detail()).contains("1 accounts differ");
        assertThat(checks.get("rebuild from offset 0 equals live balances").passed()).isFalse();
        assertThat(checks.get("final consumer lag is 0").passed()).isTrue();
    }

    @Test
    void theWholeFlowPassesEveryCheckWithTheAccountingServiceExactlyOnce(EmbeddedKafka kafka, TestNames names)
            throws Exception {
        DemoSummary summary = run(kafka, names, DemoOptions.defaults().withEvents(300).withAccounts(20)
                .withExactlyOnce(true));
        assertThat(summary.checks()).allSatisfy(c -> assertThat(c.passed()).as(c.name() + ": " + c.detail()).isTrue());
    }

    @Test
    void aServiceWhoseConsumerStopsEndsTheRunWithinSecondsNamingTheCause(EmbeddedKafka kafka, TestNames names) {
        long started = System.nanoTime();
        assertThatThrownBy(() -> run(kafka, names, DemoOptions.defaults().withEvents(4_000).withAccounts(60)
                .withFailAccountingRestore(true)))
                .isInstanceOf(ServiceStoppedException.class)
                .hasMessageContaining("accounting-service stopped")
                .hasMessageContaining("could not restore the balances");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("not the 3 minutes the catch-up could wait").isLessThan(Duration.ofSeconds(90));
    }
}
