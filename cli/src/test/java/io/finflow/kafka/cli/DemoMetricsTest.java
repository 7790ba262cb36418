package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.finflow.examples.DemoSummary;
import org.junit.jupiter.api.Test;

/** The demo's read-back check on scrapes written by hand: agreement passes, any difference fails by name. */
class DemoMetricsTest {

    private static final DemoSummary SUMMARY = new DemoSummary(Map.of("transaction-events", 10L),
            Map.of("bad currency", 2L), 1, Map.of("accounting-service-group", 10L),
            Map.of("p.transaction-events.dlq", Map.of("not JSON", 1L)), Map.of(), List.of(), 1.0);

    private static String scrape(int consumed) {
        return """
                # HELP finflow_producer_events_total Events
                # TYPE finflow_producer_events_total counter
                finflow_producer_events_total{client_id="producer-1",outcome="acknowledged",topic="p.transaction-events"} 10.0
                finflow_producer_events_total{client_id="producer-1",outcome="refused",topic="p.transaction-events"} 1.0
                finflow_producer_events_total{client_id="producer-1",outcome="refused",topic="unknown"} 1.0
                finflow_consumer_records_total{client_id="c-1",group="accounting-service-group",outcome="success",topic="p.transaction-events"} %d.0
                finflow_consumer_records_total{client_id="c-1",group="accounting-service-group",outcome="retried",topic="p.transaction-events"} 4.0
                finflow_consumer_dlq_writes_total{client_id="c-1",dlq_topic="p.transaction-events.dlq",group="accounting-service-group",outcome="acknowledged",topic="p.transaction-events"} 1.0
                """.formatted(consumed);
    }

    @Test
    void countsThatAgreePass() {
        List<DemoMetrics.Row> rows = DemoMetrics.compare(PrometheusSamples.parse(scrape(10)), SUMMARY, "p.");
        assertThat(rows).extracting(DemoMetrics.Row::what).containsExactly("produced to transaction-events",
                "refused at the producer", "consumed by accounting-service-group",
                "dead-lettered to p.transaction-events.dlq");
        assertThat(DemoMetrics.check(rows).passed()).isTrue();
    }

    @Test
    void aCountThatDiffersFailsTheCheckAndIsNamed() {
        DemoSummary.Check check = DemoMetrics.check(
                DemoMetrics.compare(PrometheusSamples.parse(scrape(9)), SUMMARY, "p."));
        assertThat(check.passed()).isFalse();
        assertThat(check.detail()).isEqualTo("1 differ, e.g. consumed by accounting-service-group: metrics 9, services 10");
    }

    @Test
    void labelValuesWithEscapesAndSpecialValuesAreRead() {
        PrometheusSamples s = PrometheusSamples.parse("""
                m{a="x\\"y",b="c\\\\d"} NaN
                n 1.5e3 1700000000000
                """);
        assertThat(s.named("m").get(0).labels()).containsEntry("a", "x\"y").containsEntry("b", "c\\d");
        assertThat(s.named("m").get(0).value()).isNaN();
        assertThat(s.named("n").get(0).value()).isEqualTo(1500.0);
    }
}
