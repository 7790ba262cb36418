package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.KafkaExtension;
import io.finflow.kafka.testkit.TestNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad command lines for every command family (topics, groups, reset-offsets, dlq, tail, produce, demo, dev, schemas,
 * doctor, lag-exporter), run in-process through the real {@code CommandLine} against the shared broker. Each case exits 2 for a
 * usage mistake or 1 for a failure, explains itself on stderr in one line starting with {@code finflow:} (picocli's
 * usage errors add a "Try ... --help" line; {@code produce} adds one line per bad input line) with no stack trace,
 * and changes nothing on the cluster: the test's topics, their end offsets and its group's committed offsets are the
 * same after the command as before. Two more cases run the packaged CLI as a process, to check that a Kafka client
 * failing on a bad {@code --command-config} prints no library stack trace.
 */
@Tag("reliability")
@ExtendWith(KafkaExtension.class)
class BadCliInputIT {

    private static final BadInputSummary SUMMARY = new BadInputSummary("finflow command line (exit code, stderr)");

    @TempDir
    static Path dir;

    private static Kafka kafka;
    private static String base;
    private static String topic;
    private static String group;
    private static Path catalog;

    /** One bad command line; placeholders {topic}, {group}, {dir}, {catalog} are filled in when it runs. */
    record CliCase(List<String> args, boolean bootstrap, int exit, int maxStderrLines, List<String> fragments) {
    }

    @BeforeAll
    static void setUp(EmbeddedKafka broker, TestNames names) throws Exception {
        kafka = new Kafka(broker);
        base = names.topic("cli");
        topic = base + ".system-events";
        group = base + ".group";
        catalog = Kafka.catalog(dir, "topics.yaml", 2, "P1D", topic);
        CliRun apply = kafka.run("topics", "apply", "--catalog", catalog.toString());
        assertThat(apply.exitCode()).as(apply.describe()).isZero();
        kafka.awaitLeaders(topic);
        kafka.awaitLeaders(topic + ".dlq");
        Files.write(dir.resolve("valid.jsonl"), List.of(event("ledger-service", "startup")));
        CliRun produce = kafka.run("produce", topic, "--file", dir.resolve("valid.jsonl").toString(),
                "--catalog", catalog.toString());
        assertThat(produce.exitCode()).as(produce.describe()).isZero();
        kafka.commit(group, topic, Map.of(0, 0L, 1, 0L));
        writeInputFiles();
    }

    @AfterAll
    static void tearDown() {
        kafka.close();
        SUMMARY.print();
    }

    private static String event(String service, String type) {
        return "{\"eventId\":\"" + UUID.randomUUID() + "\",\"service\":\"" + service + "\",\"type\":\"" + type
                + "\",\"occurredAt\":\"2026-01-01T10:00:00Z\"}";
    }

    private static void writeInputFiles() throws IOException {
        String other = base + ".other-events";
        String profile = "profiles:\n  dev: {replicationFactor: 1, minInsyncReplicas: 1}\ntopics:\n";
        Files.writeString(dir.resolve("partitions-0.yaml"), profile
                + "  - {name: " + other + ", eventType: system, key: service, partitions: 0}\n");
        Files.writeString(dir.resolve("syntax.yaml"), profile
                + "  - {name: " + other + ", eventType: system, key: service, partitions: 1\n");
        Files.writeString(dir.resolve("no-schema.yaml"), profile
                + "  - {name: " + other + ", eventType: payment, key: paymentId, partitions: 1}\n");
        Files.writeString(dir.resolve("empty.jsonl"), "# nothing yet\n");
        Files.write(dir.resolve("bad.jsonl"), List.of(
                event("ledger-service", "startup"),
                "{\"service\": \"ledger-service\", \"type\": \"startup\"",
                event("Ledger Service", "startup"),
                event("ledger-service", "reboot"),
                "[1, 2, 3]",
                event("ledger-service", "startup").replace("}", ",\"severity\":\"info\",\"severity\":\"critical\"}")));
        Files.writeString(dir.resolve("bad-offsets.csv"), "topic,partition,offset\n" + topic + ",zero,5\n");
        Files.writeString(dir.resolve("backup-exists.csv"), "an earlier backup\n");
        Files.writeString(dir.resolve("protocol.properties"), "security.protocol=FOO\n");
        Files.writeString(dir.resolve("no-jaas.properties"), "security.protocol=SASL_PLAINTEXT\n"
                + "sasl.mechanism=SCRAM-SHA-512\n");
        Files.writeString(dir.resolve("provider.properties"), "config.providers=file\n"
                + "config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider\n"
                + "sasl.jaas.config=${file:/nonexistent/secrets.properties:jaas}\n");
        Files.writeString(dir.resolve("truststore.properties"), "security.protocol=SSL\n"
                + "ssl.truststore.location=/nonexistent/truststore.p12\nssl.truststore.password=x\n");
        Path schemas = Files.createDirectories(dir.resolve("broken-schemas/transaction"));
        Files.writeString(schemas.resolve("v1.json"), "{\"$schema\": ");
    }

    private static Arguments usage(String name, String args, String... fragments) {
        return arguments(name, new CliCase(List.of(args.split(" ")), true, ExitCodes.USAGE, 2, List.of(fragments)));
    }

    private static Arguments failure(String name, String args, String... fragments) {
        return arguments(name, new CliCase(List.of(args.split(" ")), true, ExitCodes.FAILURE, 1, List.of(fragments)));
    }

    /** A command that takes no --bootstrap (dev, schemas), or must not get one (demo on an embedded broker). */
    private static Arguments offline(String name, int exit, String args, String... fragments) {
        return arguments(name, new CliCase(List.of(args.split(" ")), false, exit, 2, List.of(fragments)));
    }

    static Stream<Arguments> badCommandLines() {
        return Stream.of(
                // finflow itself
                offline("finflow: unknown option", ExitCodes.USAGE, "--frobnicate", "Unknown option: '--frobnicate'"),
                offline("finflow: unknown command", ExitCodes.USAGE, "deploy", "Unmatched argument at index 0: 'deploy'"),
                // topics
                offline("topics: unknown subcommand", ExitCodes.USAGE, "topics frobnicate",
                        "Unmatched argument at index 1: 'frobnicate'"),
                offline("topics: bootstrap without a port", ExitCodes.USAGE, "topics plan --bootstrap nohost",
                        "finflow: error: bootstrap server 'nohost' must be HOST:PORT"),
                offline("topics: bootstrap with a bad port", ExitCodes.USAGE, "topics list --bootstrap 127.0.0.1:x",
                        "bootstrap server '127.0.0.1:x' must be HOST:PORT"),
                usage("topics: output xml", "topics plan --catalog {catalog} --output xml",
                        "Invalid value for option '--output': expected one of [table, json]", "but was 'xml'"),
                failure("topics: catalog file missing", "topics apply --catalog {dir}/missing.yaml",
                        "finflow: error: topic catalog file {dir}/missing.yaml does not exist"),
                failure("topics: catalog with 0 partitions", "topics apply --catalog {dir}/partitions-0.yaml",
                        "partitions must be >= 1 for topic '", "was 0 in {dir}/partitions-0.yaml"),
                failure("topics: catalog YAML syntax error", "topics apply --catalog {dir}/syntax.yaml",
                        "invalid topic catalog {dir}/syntax.yaml: YAML syntax error: expected ',' or '}'",
                        "(line 5, column"),
                failure("topics: catalog eventType without schema", "topics apply --catalog {dir}/no-schema.yaml",
                        "has eventType 'payment', which has no schema"),
                failure("topics: unknown profile", "topics apply --catalog {catalog} --profile staging",
                        "unknown profile 'staging'", "known profiles: dev, prod"),
                usage("topics: describe without a topic", "topics describe", "Missing required parameter: 'TOPIC'"),
                failure("topics: describe a missing topic", "topics describe {topic}-missing",
                        "finflow: error: topic '{topic}-missing' does not exist"),
                // groups
                usage("groups: lag output yaml", "groups lag --output yaml", "Invalid value for option '--output'"),
                failure("groups: describe a missing group", "groups describe {group}-missing",
                        "finflow: error: consumer group '{group}-missing' does not exist"),
                // groups reset-offsets
                usage("reset-offsets: no --group", "groups reset-offsets --topic {topic} --to-earliest",
                        "Missing required option: '--group=GROUP'"),
                usage("reset-offsets: two targets", "groups reset-offsets --group {group} --topic {topic}"
                        + " --to-earliest --to-latest", "--to-earliest, --to-latest are mutually exclusive"),
                usage("reset-offsets: no target", "groups reset-offsets --group {group} --topic {topic}",
                        "Missing required argument (specify one of these)"),
                usage("reset-offsets: date-time without zone", "groups reset-offsets --group {group} --topic {topic}"
                        + " --to-datetime 2026-01-01T10:00:00 --execute", "2026-01-01T10:00:00 has no time zone"),
                usage("reset-offsets: date-time nonsense", "groups reset-offsets --group {group} --topic {topic}"
                        + " --to-datetime yesterday --execute", "yesterday"),
                usage("reset-offsets: duration not ISO-8601", "groups reset-offsets --group {group} --topic {topic}"
                        + " --by-duration 2h --execute", "'2h' is not an ISO-8601 duration such as PT30M"),
                usage("reset-offsets: negative offset", "groups reset-offsets --group {group} --topic {topic}"
                        + " --to-offset -5 --execute", "to-offset must be >= 0, was -5"),
                usage("reset-offsets: offset not a number", "groups reset-offsets --group {group} --topic {topic}"
                        + " --to-offset five --execute", "Invalid value for option '--to-offset': 'five' is not a long"),
                usage("reset-offsets: partition not a number", "groups reset-offsets --group {group}"
                        + " --topic {topic}:abc --to-earliest --execute", "'abc' in '{topic}:abc' is not a partition"),
                failure("reset-offsets: partition that does not exist", "groups reset-offsets --group {group}"
                        + " --topic {topic}:99 --to-earliest --execute", "topic '{topic}' has no partition [99]"),
                usage("reset-offsets: --topic missing", "groups reset-offsets --group {group} --to-earliest --execute",
                        "--topic is required with --to-earliest"),
                usage("reset-offsets: blank group", "groups reset-offsets --group= --topic {topic} --to-earliest",
                        "group must not be blank"),
                failure("reset-offsets: offsets file missing", "groups reset-offsets --group {group}"
                        + " --from-file {dir}/missing.csv --execute", "offsets file {dir}/missing.csv does not exist"),
                usage("reset-offsets: offsets file with a bad line", "groups reset-offsets --group {group}"
                        + " --from-file {dir}/bad-offsets.csv --execute", "line 2 of {dir}/bad-offsets.csv: 'zero' is"
                        + " not a partition number"),
                failure("reset-offsets: backup file exists", "groups reset-offsets --group {group} --topic {topic}"
                        + " --to-earliest --execute --backup-file {dir}/backup-exists.csv",
                        "backup file {dir}/backup-exists.csv already exists"),
                // dlq
                usage("dlq: show a topic that is not a DLQ", "dlq show {topic}", "'{topic}' is not a dead letter topic"),
                usage("dlq: show --limit 0", "dlq show {topic}.dlq --limit 0", "--limit must be >= 1, was 0"),
                failure("dlq: show a missing DLQ", "dlq show {topic}-missing.dlq", "topic '{topic}-missing.dlq' does"
                        + " not exist"),
                usage("dlq: replay rate not a rate", "dlq replay {topic}.dlq --rate fast --execute",
                        "rate 'fast' is not a number of records per second"),
                usage("dlq: replay rate 0", "dlq replay {topic}.dlq --rate 0/s --execute", "rate must be more than 0"),
                usage("dlq: replay unknown filter", "dlq replay {topic}.dlq --filter foo=bar --execute",
                        "unknown filter 'foo' in 'foo=bar'"),
                usage("dlq: replay since not a date-time", "dlq replay {topic}.dlq --filter since=yesterday --execute",
                        "'yesterday' is not an ISO-8601 date-time"),
                usage("dlq: replay max replays 0", "dlq replay {topic}.dlq --max-replays 0 --execute",
                        "max replays must be >= 1, was 0"),
                usage("dlq: replay negative limit", "dlq replay {topic}.dlq --limit -1 --execute",
                        "limit must be >= 0 (0 for no limit), was -1"),
                failure("dlq: replay a missing DLQ", "dlq replay {topic}-missing.dlq --execute",
                        "topic '{topic}-missing.dlq' does not exist"),
                // tail
                usage("tail: no topic", "tail --limit 1", "Missing required parameter: 'TOPIC'"),
                usage("tail: negative limit", "tail {topic} --limit -5", "limit must be >= 0 (0 for no limit), was -5"),
                usage("tail: limit not a number", "tail {topic} --limit all", "'all' is not a long"),
                failure("tail: missing topic", "tail {topic}-missing --limit 1", "topic '{topic}-missing' does not exist"),
                // produce
                usage("produce: no --file", "produce {topic} --catalog {catalog}", "Missing required option: '--file=FILE'"),
                usage("produce: topic not in the catalog", "produce {topic}-other --file {dir}/empty.jsonl"
                        + " --catalog {catalog}", "topic '{topic}-other' is not in the FinFlow topic catalog"),
                failure("produce: events file missing", "produce {topic} --file {dir}/missing.jsonl --catalog {catalog}",
                        "events file {dir}/missing.jsonl does not exist"),
                failure("produce: events file is a folder", "produce {topic} --file {dir} --catalog {catalog}",
                        "could not read events file {dir}"),
                arguments("produce: file with 5 bad lines", new CliCase(List.of("produce", "{topic}", "--file",
                        "{dir}/bad.jsonl", "--catalog", "{catalog}"), true, ExitCodes.FAILURE, 6, List.of(
                        "{dir}/bad.jsonl:2: not valid JSON: Unexpected end-of-input",
                        "{dir}/bad.jsonl:3: event rejected by schema system v1: /service: 'Ledger Service' is not a"
                                + " service name",
                        "{dir}/bad.jsonl:4: event rejected by schema system v1: /type: 'reboot' is not one of",
                        "{dir}/bad.jsonl:5: event for {topic} must be a JSON object, was array",
                        "{dir}/bad.jsonl:6: not valid JSON: Duplicate field 'severity'",
                        "finflow: error: 5 bad line(s) in {dir}/bad.jsonl: nothing was sent to {topic}"))),
                usage("produce: source not a URI", "produce {topic} --file {dir}/valid.jsonl --catalog {catalog}"
                        + " --source ops\tteam", "source must be a URI reference", "'ops\tteam'"),
                usage("produce: client config file missing", "produce {topic} --file {dir}/valid.jsonl"
                        + " --catalog {catalog} --command-config {dir}/missing.properties",
                        "client config file {dir}/missing.properties does not exist"),
                failure("produce: client config security.protocol FOO", "produce {topic} --file {dir}/valid.jsonl"
                        + " --catalog {catalog} --command-config {dir}/protocol.properties",
                        "Invalid value FOO for configuration security.protocol"),
                failure("produce: client config SASL without JAAS", "produce {topic} --file {dir}/valid.jsonl"
                        + " --catalog {catalog} --command-config {dir}/no-jaas.properties",
                        "invalid client configuration", "Could not find a 'KafkaClient' entry in the JAAS",
                        "add sasl.jaas.config="),
                failure("groups: client config trust store missing", "groups lag --command-config"
                        + " {dir}/truststore.properties", "Failed to create new KafkaAdminClient: Failed to load SSL"
                        + " keystore /nonexistent/truststore.p12 of type JKS: /nonexistent/truststore.p12 does not"
                        + " exist"),
                failure("groups: client config provider file missing", "groups list --command-config"
                        + " {dir}/provider.properties", "invalid client configuration (Could not read properties"
                        + " from file /nonexistent/secrets.properties"),
                // demo (all refused before a broker is started or a topic created)
                offline("demo: 0 events", ExitCodes.USAGE, "demo --events 0", "--events must be >= 1, was 0"),
                usage("demo: 1 account", "demo --events 10 --accounts 1 --topic-prefix {topic}.demo.",
                        "accounts must be >= 2, was 1"),
                usage("demo: events not a number", "demo --events lots", "'lots' is not an int"),
                failure("demo: unknown profile", "demo --events 10 --profile staging --topic-prefix {topic}.demo.",
                        "unknown profile 'staging'"),
                usage("demo: prefix with spaces", "demo --events 10 --topic-prefix bad\tprefix!",
                        "invalid topic name 'bad\tprefix!transaction-events'"),
                // dev (refused before a broker is started)
                offline("dev: 2 brokers", ExitCodes.USAGE, "dev --brokers 2", "--brokers must be 1 or 3, was 2"),
                offline("dev: port 70000", ExitCodes.USAGE, "dev --port 70000 --no-topics",
                        "port must be between 0 and 65535, was 70000"),
                offline("dev: port not a number", ExitCodes.USAGE, "dev --port abc", "'abc' is not an int"),
                offline("dev: 3 brokers with a data dir", ExitCodes.USAGE, "dev --brokers 3 --data-dir {dir}/data"
                        + " --no-topics", "--data-dir keeps a single broker's data"),
                offline("dev: bad catalog", ExitCodes.FAILURE, "dev --port 0 --catalog {dir}/partitions-0.yaml",
                        "partitions must be >= 1 for topic"),
                offline("dev: unknown profile", ExitCodes.FAILURE, "dev --port 0 --profile staging",
                        "unknown profile 'staging'"),
                offline("dev: metrics port 70000", ExitCodes.USAGE, "dev --metrics-port 70000 --no-topics",
                        "--metrics-port must be between 0 and 65535, was 70000"),
                usage("demo: metrics port -1", "demo --events 10 --metrics-port -1",
                        "--metrics-port must be between 0 and 65535, was -1"),
                // lag-exporter (refused before it connects or serves anything)
                usage("lag-exporter: interval not a duration", "lag-exporter --interval 10x --port 0",
                        "'10x' is not a duration such as 500ms, 10s, 2m, 1h or PT10S"),
                usage("lag-exporter: interval too short", "lag-exporter --interval 10ms --port 0",
                        "interval must be >= 100 ms, was 10 ms"),
                usage("lag-exporter: window of one sample", "lag-exporter --window 1 --port 0",
                        "window must be between 2 and 1000 samples, was 1"),
                usage("lag-exporter: group not a regex", "lag-exporter --group (payments --port 0",
                        "--group '(payments' is not a valid regular expression"),
                usage("lag-exporter: port 70000", "lag-exporter --port 70000",
                        "--port must be between 0 and 65535, was 70000"),
                // schemas
                offline("schemas: folder missing", ExitCodes.USAGE, "schemas check --dir {dir}/no-schemas",
                        "schemas folder {dir}/no-schemas does not exist"),
                offline("schemas: a schema that is not JSON", ExitCodes.FAILURE, "schemas check --dir"
                        + " {dir}/broken-schemas", "{dir}/broken-schemas/transaction/v1.json is not valid JSON"),
                // doctor
                usage("doctor: timeout 0", "doctor --timeout 0", "--timeout must be >= 1 second, was 0"),
                usage("doctor: negative sample interval", "doctor --sample-interval -1",
                        "--sample-interval must be >= 0, was -1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCommandLines")
    @Timeout(120) // a command that wrongly starts a broker (dev, demo) would block: fail the case instead
    void aBadCommandLineExitsNonZeroWithOneLineOnStderrAndChangesNothing(String name, CliCase c) throws Exception {
        Map<String, Long> before = clusterState();
        List<String> args = new ArrayList<>();
        for (String arg : c.args()) {
            args.add(fill(arg));
        }
        CliRun run = c.bootstrap() ? kafka.run(args.toArray(String[]::new)) : CliRun.run(args.toArray(String[]::new));
        List<String> stderr = run.err().lines().toList();
        SUMMARY.add(name, "exit " + run.exitCode() + ": " + fill(String.join(" | ", stderr)).replace(dir.toString(),
                "DIR").replace(base, "BASE"));
        assertThat(run.exitCode()).as(name + "\n" + run.describe()).isEqualTo(c.exit());
        assertThat(stderr).as(name + ": an explanation on stderr\n" + run.describe()).isNotEmpty()
                .hasSizeLessThanOrEqualTo(c.maxStderrLines());
        // The explanation: the first line, or after the per-line reports of produce the last one.
        String explanation = c.maxStderrLines() > 2 ? stderr.get(stderr.size() - 1) : stderr.get(0);
        assertThat(explanation).as(name).startsWith("finflow: ");
        assertThat(run.err()).as(name + ": no stack trace").doesNotContain("\tat ").doesNotContain("Exception:");
        for (String fragment : c.fragments()) {
            assertThat(run.err()).as(name + "\n" + run.describe()).contains(fill(fragment));
        }
        assertThat(clusterState()).as(name + ": nothing changed on the cluster").isEqualTo(before);
    }

    /**
     * The packaged CLI with its own logging: a Kafka client that fails on a bad --command-config (here a trust store
     * that does not exist) logs one line, never a stack trace, and the command explains the failure in one line with
     * the cause under Kafka's "Failed to create" (stack traces only with --verbose).
     */
    @Test
    void theRealCliPrintsNoLibraryStackTraceForABadClientConfig() throws Exception {
        Map<String, Long> before = clusterState();
        Process process = new ProcessBuilder(ChildCli.javaBin(), "-jar", ChildCli.JAR.toString(), "topics", "list",
                "--bootstrap", kafka.bootstrap(), "--command-config", dir.resolve("truststore.properties").toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(process.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
        SUMMARY.add("process: topics list, trust store missing", "exit " + process.exitValue() + ": "
                + String.join(" | ", stderr.lines().toList()));
        assertThat(process.exitValue()).as(stderr).isEqualTo(ExitCodes.FAILURE);
        assertThat(stderr).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception:");
        assertThat(stderr.lines().count()).as(stderr).isLessThanOrEqualTo(2);
        assertThat(stderr).contains("finflow: error: Kafka at " + kafka.bootstrap() + ": invalid client configuration"
                + " (Failed to create new KafkaAdminClient: Failed to load SSL keystore /nonexistent/truststore.p12 of"
                + " type JKS: /nonexistent/truststore.p12 does not exist)");
        assertThat(clusterState()).isEqualTo(before);
    }

    private static String fill(String text) {
        return text.replace("{topic}", topic).replace("{group}", group).replace("{dir}", dir.toString())
                .replace("{catalog}", catalog.toString());
    }

    /**
     * What a bad command must not change: the topics under this test's prefix (none created, none deleted), their end
     * offsets (nothing sent) and the test group's committed offsets (nothing reset).
     */
    private static Map<String, Long> clusterState() throws Exception {
        Map<String, Long> state = new TreeMap<>();
        for (String name : kafka.admin.listTopics().names().get(30, TimeUnit.SECONDS)) {
            if (name.startsWith(base)) {
                kafka.logEnds(name).forEach((p, end) -> state.put(name + "-" + p + " end", end));
            }
        }
        kafka.committed(group, topic).forEach((p, offset) -> state.put(group + " " + p + " committed", offset));
        return state;
    }
}
