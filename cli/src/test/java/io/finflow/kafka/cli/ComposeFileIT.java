package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.server.config.AbstractKafkaConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * deploy/docker-compose.yml without a Docker engine: Debian's {@code docker-compose config} validates and
 * normalizes it, then its content is checked against what it runs: broker settings, mounted files, ports.
 */
class ComposeFileIT {

    /** Variables the apache/kafka image's launcher reads itself instead of turning them into broker settings. */
    private static final Set<String> LAUNCHER_VARIABLES = Set.of("KAFKA_OPTS", "KAFKA_HEAP_OPTS", "KAFKA_JMX_OPTS",
            "KAFKA_LOG4J_OPTS", "KAFKA_JVM_PERFORMANCE_OPTS", "KAFKA_GC_LOG_OPTS", "KAFKA_LOG4J_ROOT_LOGLEVEL",
            "KAFKA_LOG4J_LOGGERS", "KAFKA_TOOLS_LOG4J_LOGLEVEL", "KAFKA_JMX_PORT", "KAFKA_JMX_HOSTNAME");

    private static JsonNode compose;

    @BeforeAll
    static void normalize() throws Exception {
        Path deploy = MonitoringFiles.deploy("");
        Tools.Result result = Tools.run(deploy, List.of("docker-compose", "-f", "docker-compose.yml", "config"));
        assertThat(result.exitCode()).as(result.output()).isZero();
        compose = MonitoringFiles.YAML.readTree(result.output());
    }

    @Test
    void theStackHasKafkaWithTheJmxAgentPrometheusGrafanaAndTheLagExporter() {
        assertThat(names(compose.path("services"))).containsExactlyInAnyOrder("jmx-agent", "kafka", "lag-exporter",
                "prometheus", "grafana");
        JsonNode kafka = service("kafka");
        assertThat(kafka.path("image").asText()).startsWith("apache/kafka:");
        assertThat(env(kafka).get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(env(kafka).get("KAFKA_OPTS")).matches("-javaagent:/opt/jmx-agent/jmx_prometheus_javaagent.jar"
                + "=9404:/opt/jmx-exporter/kafka-broker.yml");
        assertThat(kafka.path("depends_on").path("jmx-agent").path("condition").asText())
                .isEqualTo("service_completed_successfully");
        String fetch = String.join(" ", strings(service("jmx-agent").path("command")));
        assertThat(env(service("jmx-agent")).get("AGENT_URL"))
                .startsWith("https://repo1.maven.org/maven2/io/prometheus/jmx/jmx_prometheus_javaagent/");
        assertThat(fetch).contains("curl -fsSL").contains("sha1sum -c");
        assertThat(String.join(" ", strings(service("lag-exporter").path("command"))))
                .startsWith("java -jar /opt/finflow/finflow-cli.jar lag-exporter --bootstrap kafka:29092");
        assertThat(service("lag-exporter").path("image").asText()).contains("jre");
    }

    @Test
    void everyKafkaVariableIsARealBrokerSetting() {
        Set<String> settings = AbstractKafkaConfig.CONFIG_DEF.names();
        Map<String, String> unknown = new TreeMap<>();
        env(service("kafka")).keySet().stream()
                .filter(k -> k.startsWith("KAFKA_") && !LAUNCHER_VARIABLES.contains(k))
                .forEach(k -> {
                    String setting = setting(k);
                    if (!settings.contains(setting)) {
                        unknown.put(k, setting);
                    }
                });
        assertThat(unknown).as("KAFKA_* variables that are no broker setting (variable -> setting)").isEmpty();
        assertThat(env(service("kafka")).keySet()).as("the image needs a cluster id to format its storage")
                .contains("CLUSTER_ID");
        assertThat(env(service("kafka")).get("CLUSTER_ID")).matches("[A-Za-z0-9_-]{22}");
    }

    /** The apache/kafka image's rule: KAFKA_ dropped, lower case, ___ to -, __ to _, _ to '.'. */
    private static String setting(String variable) {
        return variable.substring("KAFKA_".length()).toLowerCase(Locale.ROOT)
                .replace("___", "\u0001").replace("__", "\u0002").replace('_', '.')
                .replace('\u0001', '-').replace('\u0002', '_');
    }

    @Test
    void everyFileMountedFromTheRepositoryExists() {
        List<String> missing = new ArrayList<>();
        compose.path("services").properties().forEach(s -> s.getValue().path("volumes").forEach(v -> {
            String source = v.asText().split(":")[0];
            if (source.startsWith("/") && !Files.exists(Path.of(source))) {
                missing.add(s.getKey() + ": " + source);
            }
        }));
        assertThat(missing).isEmpty();
        assertThat(mounts("kafka")).containsEntry("/opt/jmx-exporter/kafka-broker.yml",
                MonitoringFiles.deploy("jmx-exporter/kafka-broker.yml").toString());
        assertThat(mounts("prometheus")).containsEntry("/etc/prometheus/alerts.yml",
                MonitoringFiles.deploy("prometheus/alerts.yml").toString());
        assertThat(mounts("lag-exporter").get("/opt/finflow"))
                .isEqualTo(MonitoringFiles.root().resolve("cli/target").toString());
        assertThat(MonitoringFiles.root().resolve("cli/target/finflow-cli.jar")).as("the jar the exporter runs").exists();
    }

    @Test
    void portsAgreeWithThePrometheusScrapeConfigs() throws Exception {
        JsonNode prometheus = MonitoringFiles.YAML.readTree(MonitoringFiles.deploy("prometheus/prometheus.yml").toFile());
        Map<String, String> targets = targets(prometheus);
        assertThat(targets).containsOnlyKeys("kafka", "lag-exporter", "finflow-services");
        assertThat(targets.get("kafka")).isEqualTo("kafka:" + agentPort());
        assertThat(published("kafka")).contains(agentPort());
        String lagPort = lagExporterPort(strings(service("lag-exporter").path("command")));
        assertThat(targets.get("lag-exporter")).isEqualTo("lag-exporter:" + lagPort);
        assertThat(published("lag-exporter")).contains(lagPort);
        assertThat(targets.get("finflow-services")).isEqualTo("host.docker.internal:9405");
        assertThat(strings(service("prometheus").path("extra_hosts")))
                .anyMatch(h -> h.startsWith("host.docker.internal:"));
        assertThat(prometheus.path("rule_files").get(0).asText()).isEqualTo("/etc/prometheus/alerts.yml");
        assertThat(mounts("prometheus")).containsKey("/etc/prometheus/prometheus.yml");
        assertThat(published("prometheus")).contains("9090");

        // The package-installed Prometheus scrapes the CLI's conventional ports on this machine.
        JsonNode local = MonitoringFiles.YAML.readTree(
                MonitoringFiles.deploy("prometheus/prometheus-local.yml").toFile());
        Map<String, String> localTargets = targets(local);
        assertThat(localTargets.get("kafka")).isEqualTo("127.0.0.1:9404");
        String exporterDefault = new CommandLine(new LagExporterCommand()).getCommandSpec().findOption("--port")
                .defaultValue();
        assertThat(localTargets.get("lag-exporter")).isEqualTo("127.0.0.1:" + exporterDefault);
        assertThat(localTargets.get("finflow-services")).isEqualTo("127.0.0.1:9405");
        assertThat(local.path("rule_files").get(0).asText()).isEqualTo("alerts.yml");
    }

    private static String agentPort() {
        String opts = env(service("kafka")).get("KAFKA_OPTS");
        return opts.substring(opts.indexOf('=') + 1, opts.indexOf(':', opts.indexOf('=')));
    }

    private static String lagExporterPort(List<String> command) {
        int i = command.indexOf("--port");
        assertThat(i).as("the lag exporter's --port").isPositive();
        return command.get(i + 1);
    }

    private static Map<String, String> targets(JsonNode prometheus) {
        Map<String, String> targets = new TreeMap<>();
        prometheus.path("scrape_configs").forEach(c -> targets.put(c.path("job_name").asText(),
                c.path("static_configs").get(0).path("targets").get(0).asText()));
        return targets;
    }

    private static JsonNode service(String name) {
        JsonNode s = compose.path("services").path(name);
        assertThat(s.isMissingNode()).as("service " + name).isFalse();
        return s;
    }

    private static Map<String, String> env(JsonNode service) {
        Map<String, String> env = new TreeMap<>();
        service.path("environment").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    /** Container path -> host path of a service's bind mounts. */
    private static Map<String, String> mounts(String service) {
        Map<String, String> mounts = new TreeMap<>();
        service(service).path("volumes").forEach(v -> {
            String[] parts = v.asText().split(":");
            mounts.put(parts[1], parts[0]);
        });
        return mounts;
    }

    /** Container ports a service publishes. */
    private static List<String> published(String service) {
        List<String> ports = new ArrayList<>();
        service(service).path("ports").forEach(p -> ports.add(p.path("target").asText()));
        return ports;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
