package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboards and alerts against real data: a real Prometheus (Debian's package) scrapes a {@code finflow dev}
 * broker, {@code finflow lag-exporter} and the demo's services with traffic, each in its own JVM as an operator
 * runs them; then every dashboard panel query (template variables filled from Prometheus, as Grafana does) and
 * every alert expression without its final comparison goes through Prometheus' HTTP API. Each must succeed and
 * return at least one series (whether an alert fires is promtool's job: AlertRulesIT). The queries are read from
 * the files, so a new panel or alert is checked without anyone listing it. docs/metrics.md is checked against
 * the metrics the three endpoints actually export.
 */
class MonitoringStackIT {

    /** Grafana's $__rate_interval at a 1 s scrape interval, with margin: a few samples in every window. */
    private static final String RATE_INTERVAL = "30s";
    private static final Duration START = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private final List<ChildCli> children = new ArrayList<>();
    private Process prometheus;

    @AfterEach
    void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            prometheus.waitFor();
        }
        // SIGTERM, in reverse order (the broker last): finflow dev then deletes its temporary data.
        for (int i = children.size() - 1; i >= 0; i--) {
            try {
                children.get(i).terminate(Duration.ofSeconds(60));
            } finally {
                children.get(i).close();
            }
        }
    }

    @Test
    void everyPanelQueryAndAlertExpressionReturnsSeriesOnARealPrometheus() throws Exception {
        int kafkaPort = Ports.free();
        String bootstrap = "127.0.0.1:" + kafkaPort;
        ChildCli dev = start("dev", "--port", String.valueOf(kafkaPort), "--metrics-port", "0");
        dev.awaitStdout("Broker metrics at", START);
        URI broker = Scrape.urlIn(dev.stdout());

        ChildCli exporter = start("lag-exporter", "--bootstrap", bootstrap, "--port", "0", "--host", "127.0.0.1",
                "--interval", "1s", "--window", "3");
        exporter.awaitStdout("/metrics", START);
        URI lag = Scrape.urlIn(exporter.stdout());

        int servicesPort = Ports.free();
        URI prometheusUrl = startPrometheus(Map.of("kafka", broker, "lag-exporter", lag,
                "finflow-services", URI.create("http://127.0.0.1:" + servicesPort + "/metrics")));

        ChildCli demo = start("demo", "--bootstrap", bootstrap, "--events", "1500", "--accounts", "40",
                "--metrics-port", String.valueOf(servicesPort), "--keep-running");
        demo.awaitStdout("Press Ctrl-C to stop.", Duration.ofMinutes(4));
        assertThat(demo.stdout()).as(demo.describe()).contains("Result: PASSED")
                .contains("[ ok ] metrics agree with the services' counts")
                .contains("Metrics of the demo's services (generator, accounting, notifications): http://127.0.0.1:"
                        + servicesPort + "/metrics");
        URI services = URI.create("http://127.0.0.1:" + servicesPort + "/metrics");

        // Prometheus has scraped all three for a while, the exporter has seen the demo's groups.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(query(prometheusUrl, "min(count_over_time(up[1m])) >= 10 and min(up) == 1")).isNotEmpty();
            assertThat(query(prometheusUrl, "count by (job) (up == 1)")).hasSize(3);
            assertThat(query(prometheusUrl, "kafka_consumergroup_group_lag{group=\"accounting-service-group\"}"))
                    .isNotEmpty();
            assertThat(query(prometheusUrl,
                    "kafka_server_brokertopicmetrics_messagesin_total{topic=~\".+[.]dlq\"}")).isNotEmpty();
        });

        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (MonitoringFiles.Dashboard d : MonitoringFiles.dashboards()) {
            Map<String, String> values = fillVariables(prometheusUrl, d, failures);
            for (MonitoringFiles.PanelQuery q : d.queries()) {
                checked++;
                check(prometheusUrl, d.title() + " / " + q.panel(), substitute(q.expr(), values), failures);
            }
        }
        int panelQueries = checked;
        for (MonitoringFiles.Alert a : MonitoringFiles.alerts()) {
            checked++;
            check(prometheusUrl, "alert " + a.name(), MonitoringFiles.withoutFinalComparison(a.expr()), failures);
        }
        assertThat(failures).as("queries that failed or returned no series").isEmpty();
        assertThat(panelQueries).as("every panel query of every dashboard")
                .isEqualTo(MonitoringFiles.dashboards().stream().mapToInt(d -> d.queries().size()).sum());
        assertThat(checked - panelQueries).as("every alert").isEqualTo(MonitoringFiles.alerts().size());

        JsonNode rules = get(prometheusUrl, "/api/v1/rules");
        List<String> loaded = new ArrayList<>();
        rules.path("data").path("groups").forEach(g -> g.path("rules").forEach(r -> {
            loaded.add(r.path("name").asText());
            assertThat(r.path("health").asText()).as("rule " + r.path("name").asText() + ": " + r.path("lastError"))
                    .isEqualTo("ok");
        }));
        assertThat(loaded).hasSize(MonitoringFiles.alerts().size());

        checkDocsAgainstExportedMetrics(Scrape.of(services), Scrape.of(lag), Scrape.of(broker));
    }

    /** docs/metrics.md against what the endpoints export: every library meter, every lag metric, used broker metrics. */
    private static void checkDocsAgainstExportedMetrics(PrometheusSamples services, PrometheusSamples lag,
                                                        PrometheusSamples broker) {
        Map<String, MonitoringFiles.DocumentedMetric> docs = MonitoringFiles.documentedMetrics();
        Set<String> exportedLibrary = families(services, "finflow_");
        Set<String> documentedLibrary = names(docs, "FinFlow library meters");
        assertThat(documentedLibrary).as("docs/metrics.md lists exactly the library's meters")
                .isEqualTo(exportedLibrary);
        assertThat(families(services, "kafka_")).as("Kafka client metrics the docs list")
                .containsAll(names(docs, "Kafka client metrics"));
        assertThat(families(lag, "kafka_")).as("lag exporter metrics").isEqualTo(names(docs, "Lag exporter"));
        assertThat(families(broker, "kafka_")).as("broker metrics the docs list")
                .containsAll(names(docs, "Broker"));
    }

    private static Set<String> families(PrometheusSamples samples, String prefix) {
        Set<String> names = new TreeSet<>();
        for (PrometheusSamples.Sample s : samples.all()) {
            String name = s.name();
            if (name.startsWith(prefix)) {
                // the timer's series (_bucket, _count, _sum, _max) are one documented histogram
                names.add(name.startsWith("finflow_consumer_handler_duration_seconds")
                        ? "finflow_consumer_handler_duration_seconds" : name);
            }
        }
        return names;
    }

    private static Set<String> names(Map<String, MonitoringFiles.DocumentedMetric> docs, String section) {
        Set<String> names = new TreeSet<>();
        docs.values().stream().filter(m -> m.section().equals(section)).forEach(m -> names.add(m.name()));
        assertThat(names).as("section '" + section + "' of docs/metrics.md").isNotEmpty();
        return names;
    }

    private ChildCli start(String... args) throws IOException {
        ChildCli child = ChildCli.start(args);
        children.add(child);
        return child;
    }

    private URI startPrometheus(Map<String, URI> targets) throws Exception {
        Files.copy(MonitoringFiles.deploy("prometheus/alerts.yml"), dir.resolve("alerts.yml"));
        StringBuilder config = new StringBuilder("""
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                rule_files:
                  - alerts.yml
                scrape_configs:
                """);
        targets.forEach((job, url) -> config.append("  - job_name: ").append(job).append('\n')
                .append("    static_configs:\n")
                .append("      - targets: ['").append(url.getHost()).append(':').append(url.getPort()).append("']\n"));
        Path file = dir.resolve("prometheus.yml");
        Files.writeString(file, config);
        int port = Ports.free();
        Path log = dir.resolve("prometheus.log");
        try {
            prometheus = new ProcessBuilder("prometheus", "--config.file=" + file,
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                    "--log.level=warn").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("prometheus is needed for this test; tools/test-tools.sh installs it before the"
                    + " integration tests (Debian package: prometheus)", e);
        }
        URI url = URI.create("http://127.0.0.1:" + port);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            if (!prometheus.isAlive()) {
                throw new AssertionError("prometheus exited: " + Files.readString(log));
            }
            return HTTP.send(HttpRequest.newBuilder(url.resolve("/-/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        });
        return url;
    }

    /**
     * Values for the dashboard's template variables, each from its label_values() query with the earlier ones
     * filled in, as Grafana resolves them: the first value Prometheus has.
     */
    private static Map<String, String> fillVariables(URI prometheus, MonitoringFiles.Dashboard d, List<String> failures)
            throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("__rate_interval", RATE_INTERVAL);
        Pattern labelValues = Pattern.compile("label_values\\((.*),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\)");
        for (MonitoringFiles.Variable v : d.variables()) {
            if (!v.type().equals("query")) {
                continue;
            }
            Matcher m = labelValues.matcher(v.query());
            if (!m.matches()) {
                failures.add(d.title() + ": variable " + v.name() + " is not label_values(selector, label)");
                continue;
            }
            String selector = substitute(m.group(1), values);
            JsonNode series = get(prometheus, "/api/v1/series?match[]=" + encode(selector));
            TreeSet<String> found = new TreeSet<>();
            series.path("data").forEach(s -> {
                if (s.hasNonNull(m.group(2))) {
                    found.add(s.path(m.group(2)).asText());
                }
            });
            if (found.isEmpty()) {
                failures.add(d.title() + ": variable " + v.name() + " has no value (" + v.query() + ")");
            } else {
                values.put(v.name(), found.first());
            }
        }
        return values;
    }

    private static String substitute(String expr, Map<String, String> values) {
        String result = expr;
        List<String> names = new ArrayList<>(values.keySet());
        names.sort(Comparator.comparingInt(String::length).reversed());
        for (String name : names) {
            result = result.replace("${" + name + "}", values.get(name)).replace("$" + name, values.get(name));
        }
        return result;
    }

    private static void check(URI prometheus, String what, String promql, List<String> failures) throws Exception {
        JsonNode response = get(prometheus, "/api/v1/query?query=" + encode(promql));
        if (!"success".equals(response.path("status").asText())) {
            failures.add(what + ": " + promql + " -> " + response.path("error").asText());
        } else if (response.path("data").path("result").isEmpty()) {
            failures.add(what + ": " + promql + " -> no series");
        }
    }

    private static List<JsonNode> query(URI prometheus, String promql) throws Exception {
        JsonNode response = get(prometheus, "/api/v1/query?query=" + encode(promql));
        assertThat(response.path("status").asText()).as(promql + ": " + response).isEqualTo("success");
        List<JsonNode> result = new ArrayList<>();
        response.path("data").path("result").forEach(result::add);
        return result;
    }

    private static JsonNode get(URI prometheus, String pathAndQuery) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(prometheus + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        return MonitoringFiles.JSON.readTree(response.body());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
