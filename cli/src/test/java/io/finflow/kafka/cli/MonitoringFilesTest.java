package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import io.finflow.kafka.ops.lag.LagMetricNames;
import org.junit.jupiter.api.Test;

/**
 * The monitoring files hold together: dashboards have the structure Grafana loads and reference the provisioned
 * data source, provisioning points where the compose stack mounts the files, every alert has what an on-call
 * engineer needs and a promtool test, and docs/metrics.md names exactly the panels and alerts that read each
 * metric. (Whether the queries return data is MonitoringStackIT's job, on a real Prometheus.)
 */
class MonitoringFilesTest {

    private static final Set<String> PANEL_TYPES = Set.of("timeseries", "stat", "table", "gauge", "bargauge", "text");

    @Test
    void dashboardsHaveGrafanasJsonModelAndUseTheDatasourceVariable() {
        List<MonitoringFiles.Dashboard> dashboards = MonitoringFiles.dashboards();
        assertThat(dashboards).extracting(MonitoringFiles.Dashboard::title)
                .containsExactlyInAnyOrder("Kafka cluster overview", "Consumer lag", "FinFlow services");
        Set<String> uids = new HashSet<>();
        for (MonitoringFiles.Dashboard d : dashboards) {
            JsonNode json = d.json();
            String where = d.file().getFileName().toString();
            assertThat(uids.add(json.path("uid").asText())).as(where + ": unique uid").isTrue();
            assertThat(json.path("uid").asText()).as(where + ": uid").matches("[a-zA-Z0-9_-]{1,40}");
            assertThat(json.path("schemaVersion").asInt()).as(where + ": schemaVersion").isGreaterThanOrEqualTo(36);
            assertThat(json.path("time").path("from").asText()).as(where + ": time.from").isNotEmpty();
            assertThat(json.path("panels").isArray()).as(where + ": panels").isTrue();
            assertThat(d.variables()).as(where + ": a datasource variable")
                    .anyMatch(v -> v.name().equals("datasource") && v.type().equals("datasource")
                            && v.query().equals("prometheus"));
            Set<Integer> ids = new HashSet<>();
            Set<String> variableNames = new HashSet<>();
            d.variables().forEach(v -> variableNames.add(v.name()));
            for (JsonNode top : json.path("panels")) {
                checkGridPos(where, top);
            }
            for (JsonNode panel : MonitoringFiles.panels(json)) {
                String p = where + " / " + panel.path("title").asText();
                assertThat(ids.add(panel.path("id").asInt())).as(p + ": unique id").isTrue();
                assertThat(panel.path("type").asText()).as(p + ": type").isIn(PANEL_TYPES);
                assertThat(panel.path("title").asText()).as(p + ": title").isNotBlank();
                checkGridPos(p, panel);
                assertThat(panel.path("datasource").path("uid").asText()).as(p + ": datasource")
                        .isEqualTo("${datasource}");
                assertThat(panel.path("targets").size()).as(p + ": targets").isPositive();
                Set<String> refIds = new HashSet<>();
                for (JsonNode t : panel.path("targets")) {
                    assertThat(refIds.add(t.path("refId").asText())).as(p + ": unique refId").isTrue();
                    assertThat(t.path("expr").asText()).as(p + ": expr").isNotBlank();
                    assertThat(t.path("datasource").path("uid").asText()).as(p + ": target datasource")
                            .isEqualTo("${datasource}");
                    for (String used : variablesIn(t.path("expr").asText())) {
                        assertThat(variableNames).as(p + ": $" + used + " is a template variable").contains(used);
                    }
                }
            }
            for (MonitoringFiles.Variable v : d.variables()) {
                if (v.type().equals("query")) {
                    assertThat(v.query()).as(where + ": variable " + v.name()).startsWith("label_values(");
                }
            }
        }
    }

    private static void checkGridPos(String where, JsonNode panel) {
        JsonNode g = panel.path("gridPos");
        assertThat(g.path("w").asInt()).as(where + ": gridPos.w").isBetween(1, 24);
        assertThat(g.path("h").asInt()).as(where + ": gridPos.h").isPositive();
        assertThat(g.path("x").asInt() + g.path("w").asInt()).as(where + ": x + w").isLessThanOrEqualTo(24);
        assertThat(g.has("y")).as(where + ": gridPos.y").isTrue();
    }

    /** Grafana variables in a query, except Grafana's own ($__rate_interval, ...). */
    private static Set<String> variablesIn(String expr) {
        Set<String> names = new TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{?([a-zA-Z_][a-zA-Z0-9_]*)").matcher(expr);
        while (m.find()) {
            if (!m.group(1).startsWith("__")) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    @Test
    void provisioningPointsWhereTheComposeStackMountsTheFiles() throws Exception {
        JsonNode datasources = MonitoringFiles.YAML.readTree(
                MonitoringFiles.deploy("grafana/provisioning/datasources/prometheus.yml").toFile());
        assertThat(datasources.path("apiVersion").asInt()).isEqualTo(1);
        JsonNode ds = datasources.path("datasources").get(0);
        assertThat(ds.path("type").asText()).isEqualTo("prometheus");
        assertThat(ds.path("url").asText()).isEqualTo("http://prometheus:9090");

        JsonNode providers = MonitoringFiles.YAML.readTree(
                MonitoringFiles.deploy("grafana/provisioning/dashboards/finflow.yml").toFile());
        assertThat(providers.path("apiVersion").asInt()).isEqualTo(1);
        JsonNode provider = providers.path("providers").get(0);
        assertThat(provider.path("type").asText()).isEqualTo("file");
        String path = provider.path("options").path("path").asText();

        JsonNode compose = MonitoringFiles.YAML.readTree(MonitoringFiles.deploy("docker-compose.yml").toFile());
        List<String> grafanaMounts = new ArrayList<>();
        compose.path("services").path("grafana").path("volumes").forEach(v -> grafanaMounts.add(v.asText()));
        assertThat(grafanaMounts).contains("./grafana/dashboards:" + path + ":ro",
                "./grafana/provisioning:/etc/grafana/provisioning:ro");
    }

    @Test
    void everyAlertHasForSeverityASummaryAndARunbookSectionThatExists() {
        Set<String> anchors = MonitoringFiles.anchors(MonitoringFiles.root().resolve("docs/troubleshooting.md"));
        List<MonitoringFiles.Alert> alerts = MonitoringFiles.alerts();
        assertThat(alerts).extracting(MonitoringFiles.Alert::name).containsExactlyInAnyOrder(
                "KafkaUnderReplicatedPartitions", "KafkaOfflinePartitions", "KafkaActiveControllerCountNotOne",
                "KafkaUnderMinIsrPartitions", "KafkaUncleanLeaderElection", "KafkaIsrShrinking",
                "ConsumerTimeLagOverSlo", "ConsumerLagGrowing", "ConsumerGroupStoppedOrStalled",
                "DeadLetterRecordsArriving", "FinFlowConsumerFailed", "FinFlowPartitionStopped", "ScrapeTargetDown");
        for (MonitoringFiles.Alert a : alerts) {
            assertThat(a.forDuration()).as(a.name() + ": for").matches("\\d+[smh]");
            assertThat(a.labels().get("severity")).as(a.name() + ": severity").isIn("critical", "warning");
            assertThat(a.annotations().get("summary")).as(a.name() + ": summary says what to do").hasSizeGreaterThan(80);
            String runbook = a.annotations().get("runbook");
            assertThat(runbook).as(a.name() + ": runbook").startsWith("docs/troubleshooting.md#");
            assertThat(anchors).as(a.name() + ": its section in docs/troubleshooting.md")
                    .contains(runbook.substring(runbook.indexOf('#') + 1));
            MonitoringFiles.withoutFinalComparison(a.expr()); // ends with a comparison, so it can be checked
        }
    }

    @Test
    void everyAlertHasAPromtoolTestThatFiresAndOneThatStaysQuiet() throws Exception {
        JsonNode tests = MonitoringFiles.YAML.readTree(MonitoringFiles.deploy("prometheus/alerts.test.yml").toFile());
        assertThat(tests.path("rule_files").get(0).asText()).isEqualTo("alerts.yml");
        Set<String> fires = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        tests.path("tests").forEach(t -> t.path("alert_rule_test").forEach(c -> {
            String name = c.path("alertname").asText();
            (c.path("exp_alerts").isEmpty() ? quiet : fires).add(name);
        }));
        Set<String> all = new TreeSet<>();
        MonitoringFiles.alerts().forEach(a -> all.add(a.name()));
        assertThat(fires).as("alerts with a firing case").isEqualTo(all);
        assertThat(quiet).as("alerts with a quiet case").isEqualTo(all);
    }

    @Test
    void docsMetricsNamesExactlyThePanelsAndAlertsThatReadEachMetric() {
        Map<String, Set<String>> usages = MonitoringFiles.usages();
        Map<String, MonitoringFiles.DocumentedMetric> documented = MonitoringFiles.documentedMetrics();
        assertThat(documented.keySet()).as("every metric a panel or an alert reads is in docs/metrics.md")
                .containsAll(usages.keySet());
        Map<String, Set<String>> expected = new TreeMap<>();
        Map<String, Set<String>> listed = new TreeMap<>();
        documented.forEach((name, doc) -> {
            expected.put(name, usages.getOrDefault(name, Set.of()));
            listed.put(name, new TreeSet<>(doc.usedBy()));
        });
        assertThat(listed).as("docs/metrics.md 'Used by' column").isEqualTo(expected);
    }

    @Test
    void docsMetricsListsEveryLagExporterMetric() {
        Set<String> lag = new TreeSet<>();
        MonitoringFiles.documentedMetrics().values().stream().filter(m -> m.section().equals("Lag exporter"))
                .forEach(m -> lag.add(m.name()));
        assertThat(lag).isEqualTo(new TreeSet<>(LagMetricNames.ALL));
    }

    @Test
    void promqlMetricNamesAndFinalComparisonsAreReadAsPrometheusWould() {
        assertThat(MonitoringFiles.metricsIn("histogram_quantile(0.99, sum by (group, le) (rate("
                + "finflow_consumer_handler_duration_seconds_bucket{group=~\"$group\"}[$__rate_interval])))"))
                .containsExactly("finflow_consumer_handler_duration_seconds");
        assertThat(MonitoringFiles.metricsIn("sum(a_total{x=\"y\"}) / sum(b) > 0 and on (job) up"))
                .containsExactly("a_total", "b", "up");
        assertThat(MonitoringFiles.withoutFinalComparison("sum by (i) (x{a=\"b>1\"}) != 1"))
                .isEqualTo("sum by (i) (x{a=\"b>1\"})");
        assertThat(MonitoringFiles.withoutFinalComparison("up == 0")).isEqualTo("up");
    }
}
