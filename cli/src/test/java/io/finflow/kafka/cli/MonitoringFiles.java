package io.finflow.kafka.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The monitoring files of the repository as the tests read them: Grafana dashboards (every panel query, every
 * template variable), the alert rules, and docs/metrics.md. Queries are read from the files, so a new panel or
 * alert is checked without anyone listing it.
 */
final class MonitoringFiles {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** A dashboard template variable and the query that lists its values. */
    record Variable(String name, String type, String query) {
    }

    /** One query of a panel. */
    record PanelQuery(String dashboard, String panel, String expr) {
    }

    /** A dashboard file. */
    record Dashboard(Path file, JsonNode json, String title, List<Variable> variables, List<PanelQuery> queries) {
    }

    /** An alert rule. */
    record Alert(String name, String expr, String forDuration, Map<String, String> labels,
                 Map<String, String> annotations) {
    }

    /** A row of docs/metrics.md: the metric and the panels and alerts its "Used by" column names. */
    record DocumentedMetric(String name, String section, Set<String> usedBy) {
    }

    private MonitoringFiles() {
    }

    /** The repository root (the folder holding deploy/ and docs/), found from the module directory. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("deploy"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new AssertionError("no deploy/ folder above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static Path deploy(String relative) {
        return root().resolve("deploy").resolve(relative);
    }

    static List<Dashboard> dashboards() {
        try (Stream<Path> files = Files.list(deploy("grafana/dashboards"))) {
            List<Dashboard> dashboards = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode json = JSON.readTree(f.toFile());
                String title = json.path("title").asText();
                List<Variable> variables = new ArrayList<>();
                json.path("templating").path("list").forEach(v -> variables.add(new Variable(v.path("name").asText(),
                        v.path("type").asText(), v.path("query").isObject() ? v.path("query").path("query").asText()
                        : v.path("query").asText())));
                List<PanelQuery> queries = new ArrayList<>();
                for (JsonNode panel : panels(json)) {
                    panel.path("targets").forEach(t -> queries.add(new PanelQuery(title, panel.path("title").asText(),
                            t.path("expr").asText())));
                }
                dashboards.add(new Dashboard(f, json, title, variables, queries));
            }
            return dashboards;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every panel of a dashboard, those inside rows included, rows themselves excluded. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(p -> {
            if ("row".equals(p.path("type").asText())) {
                p.path("panels").forEach(panels::add);
            } else {
                panels.add(p);
            }
        });
        return panels;
    }

    static List<Alert> alerts() {
        try {
            JsonNode rules = YAML.readTree(deploy("prometheus/alerts.yml").toFile());
            List<Alert> alerts = new ArrayList<>();
            rules.path("groups").forEach(g -> g.path("rules").forEach(r -> alerts.add(new Alert(
                    r.path("alert").asText(), r.path("expr").asText().trim(), r.path("for").asText(null),
                    strings(r.path("labels")), strings(r.path("annotations"))))));
            return alerts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText().trim()));
        return map;
    }

    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "offset", "bool", "inf", "nan");
    private static final List<String> HISTOGRAM_SUFFIXES = List.of("_bucket", "_sum", "_count", "_max");

    /** The metric names a PromQL expression reads (histogram series named by their family). */
    static Set<String> metricsIn(String promql) {
        String s = promql.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> metrics = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String token = m.group();
            int next = m.end();
            while (next < s.length() && Character.isWhitespace(s.charAt(next))) {
                next++;
            }
            boolean function = next < s.length() && s.charAt(next) == '(';
            boolean afterDigit = m.start() > 0 && Character.isDigit(s.charAt(m.start() - 1));
            if (!function && !afterDigit && !KEYWORDS.contains(token.toLowerCase(java.util.Locale.ROOT))) {
                metrics.add(family(token));
            }
        }
        return metrics;
    }

    private static String family(String metric) {
        if (metric.startsWith("finflow_consumer_handler_duration_seconds")) {
            for (String suffix : HISTOGRAM_SUFFIXES) {
                if (metric.endsWith(suffix)) {
                    return metric.substring(0, metric.length() - suffix.length());
                }
            }
        }
        return metric;
    }

    private static final Pattern FINAL_COMPARISON =
            Pattern.compile("^(.*?)\\s*(==|!=|>=|<=|>|<)\\s*(bool\\s+)?-?[0-9.]+(e[0-9]+)?\\s*$", Pattern.DOTALL);

    /** An alert expression without its final comparison with a number: what must return series. */
    static String withoutFinalComparison(String expr) {
        Matcher m = FINAL_COMPARISON.matcher(expr.trim());
        if (!m.matches() || depth(m.group(1)) != 0) {
            throw new AssertionError("alert expression does not end with a comparison with a number: " + expr);
        }
        return m.group(1).trim();
    }

    private static int depth(String s) {
        int depth = 0;
        for (char c : s.toCharArray()) {
            if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']') {
                depth--;
            }
        }
        return depth;
    }

    /** Which panels ("Dashboard: Panel") and alerts ("alert Name") read each metric, from the files. */
    static Map<String, Set<String>> usages() {
        Map<String, Set<String>> usages = new TreeMap<>();
        for (Dashboard d : dashboards()) {
            for (PanelQuery q : d.queries()) {
                metricsIn(q.expr()).forEach(m -> usages.computeIfAbsent(m, k -> new TreeSet<>())
                        .add(q.dashboard() + ": " + q.panel()));
            }
        }
        for (Alert a : alerts()) {
            metricsIn(a.expr()).forEach(m -> usages.computeIfAbsent(m, k -> new TreeSet<>()).add("alert " + a.name()));
        }
        return usages;
    }

    /** The metric tables of docs/metrics.md. */
    static Map<String, DocumentedMetric> documentedMetrics() {
        try {
            Map<String, DocumentedMetric> metrics = new LinkedHashMap<>();
            String section = "";
            boolean inTable = false;
            for (String line : Files.readAllLines(root().resolve("docs/metrics.md"))) {
                if (line.startsWith("## ")) {
                    section = line.substring(3).trim();
                } else if (line.startsWith("| Metric | Type | Labels | Meaning | Used by |")) {
                    inTable = true;
                } else if (!line.startsWith("|")) {
                    inTable = false;
                } else if (inTable && line.startsWith("| `")) {
                    String[] cells = line.split("\\|", -1);
                    String name = cells[1].trim().replace("`", "");
                    Set<String> usedBy = new LinkedHashSet<>();
                    for (String item : cells[5].split(";")) {
                        if (!item.isBlank()) {
                            usedBy.add(item.trim());
                        }
                    }
                    if (metrics.put(name, new DocumentedMetric(name, section, usedBy)) != null) {
                        throw new AssertionError(name + " is listed twice in docs/metrics.md");
                    }
                }
            }
            return metrics;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The headings of a markdown file as GitHub anchors ("## Under-replicated partitions" -> under-replicated-partitions). */
    static Set<String> anchors(Path markdown) {
        try {
            Set<String> anchors = new TreeSet<>();
            for (String line : Files.readAllLines(markdown)) {
                if (line.startsWith("#")) {
                    String text = line.replaceFirst("^#+\\s*", "").trim().toLowerCase(java.util.Locale.ROOT);
                    anchors.add(text.replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
                }
            }
            return anchors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
