package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code finflow dev --secure} as a developer runs it (the packaged CLI as a child process): the files it
 * writes let kafkajs and every finflow command in, and no output or log of the whole secured flow shows a
 * password.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureDevIT {

    private static final Path KAFKAJS = Path.of("..", "interop", "kafkajs").toAbsolutePath().normalize();
    private static final Duration RUN = Duration.ofMinutes(3);
    private static final Pattern JAAS_PASSWORD = Pattern.compile("password=\"([^\"]+)\"");

    @TempDir
    static Path tmp;

    private static ChildCli dev;
    private static Path dir;
    private static String bootstrap;
    /** Every output of the flow, by what produced it. */
    private static final Map<String, String> outputs = new LinkedHashMap<>();

    @BeforeAll
    static void startSecureDev() throws Exception {
        dir = tmp.resolve("secure");
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        bootstrap = "127.0.0.1:" + port;
        dev = ChildCli.start("dev", "--secure", "--data-dir", dir.toString(), "--port", String.valueOf(port),
                "--verbose");
        dev.awaitStdout("Try: finflow topics list", Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopDev() throws Exception {
        if (dev != null) {
            dev.terminate(Duration.ofSeconds(60));
            dev.close();
        }
    }

    @Test
    @Order(1)
    void devSecureWritesPrivateClientFilesAndPrintsTheirPathsAndUsersButNoPassword() throws Exception {
        String out = dev.stdout();
        Path admin = dir.resolve("client.properties");
        Path ca = dir.resolve("ca.pem");
        assertThat(out).startsWith("Kafka ready at " + bootstrap).contains(admin.toString()).contains(ca.toString())
                .contains("Users: admin, accounting-service, notification-service, transaction-generator,"
                        + " balance-auditor (passwords only in the files)");
        List<Path> files = new ArrayList<>(List.of(admin, ca));
        for (String user : List.of("accounting-service", "notification-service", "transaction-generator",
                "balance-auditor")) {
            Path file = dir.resolve("clients").resolve(user + ".properties");
            assertThat(out).contains(file.toString());
            files.add(file);
        }
        for (Path file : files) {
            assertThat(Files.getPosixFilePermissions(file)).as(file.toString())
                    .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
        assertThat(Files.readString(admin)).contains("bootstrap.servers=" + bootstrap)
                .contains("security.protocol=SASL_SSL").contains("ssl.truststore.type=PEM")
                .contains("ssl.truststore.location=" + ca).contains("username=\"admin\"");
        assertThat(passwords()).hasSize(5).allSatisfy(p -> assertThat(out).doesNotContain(p));
    }

    @Test
    @Order(2)
    void kafkajsProducesAndConsumesWithTheFilesDevSecureWrote() throws Exception {
        Path generator = dir.resolve("clients/transaction-generator.properties");
        Path accounting = dir.resolve("clients/accounting-service.properties");
        List<String> events = new ArrayList<>();
        List<String> eventIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            io.finflow.kafka.event.TransactionEvent tx = io.finflow.kafka.event.TransactionEvent.credit("node-acc-" + i,
                    "1" + i + ".50", "EUR");
            eventIds.add(tx.eventId());
            events.add(io.finflow.kafka.event.EventJson.mapper().writeValueAsString(tx));
        }
        // peer.js sends as the transaction generator: one command on stdin, one answer on stdout
        String send = "{\"id\":1,\"op\":\"send\",\"topic\":\"transaction-events\",\"events\":["
                + String.join(",", events) + "]}\n";
        List<String> answer = node(send, "peer.js", bootstrap, "--client-config", generator.toString());
        assertThat(answer).singleElement().asString().contains("\"ok\":true").contains(eventIds.get(4));
        // consume.js reads as the accounting service, in its own group
        List<String> consumed = node("", "consume.js", bootstrap, "transaction-events", "5",
                "accounting-service-group", "--client-config", accounting.toString());
        assertThat(consumed).hasSize(5);
        for (String eventId : eventIds) {
            assertThat(consumed).anySatisfy(line -> assertThat(line).contains(eventId));
        }
    }

    @Test
    @Order(3)
    void theWholeSecuredFlowNeverShowsAPasswordInAnyOutputOrLog() throws Exception {
        String admin = dir.resolve("client.properties").toString();
        CliRun acls = cli("acls apply", "acls", "apply", "--command-config", admin, "--verbose");
        assertThat(acls.exitCode()).as(acls.describe()).isZero();
        assertThat(acls.out()).contains("Nothing to apply.");

        CliRun demo = cli("demo", "demo", "--command-config", admin, "--events", "300", "--accounts", "20",
                "--verbose");
        assertThat(demo.exitCode()).as(demo.describe()).isZero();
        assertThat(demo.out()).contains("on the Kafka at " + bootstrap).contains("Result: PASSED");
        assertThat(demo.err()).as("--verbose shows the clients' configuration logs, which are searched too")
                .contains("sasl.jaas.config = [hidden]");

        CliRun doctor = cli("doctor", "doctor", "--command-config", admin, "--sample-interval", "0", "--verbose");
        assertThat(doctor.out()).as(doctor.describe()).contains("finflow doctor: " + bootstrap)
                .containsPattern("OK\\s+connectivity");

        CliRun show = cli("config show", "config", "show", "--verbose", "--command-config", admin);
        assertThat(show.exitCode()).as(show.describe()).isZero();
        assertThat(show.out()).contains("password=\"[hidden]\"").contains("Principal: User:admin")
                .contains("file " + admin);

        // a failure prints exception messages and, with --verbose, stack traces: a real password of another
        // user in a wrong place must not leak through them either
        Path wrong = tmp.resolve("wrong.properties");
        Files.writeString(wrong, Files.readString(Path.of(admin)).replaceAll("password=\"[^\"]+\"",
                "password=\"" + passwordOf("accounting-service") + "\""));
        CliRun refused = cli("refused topics list", "topics", "list", "--command-config", wrong.toString(), "--verbose");
        assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(ExitCodes.FAILURE);
        assertThat(refused.err()).contains("SASL authentication failed");

        outputs.put("dev stdout", dev.stdout());
        outputs.put("dev stderr (broker and client logs at INFO)", dev.stderr());
        List<String> passwords = passwords();
        assertThat(passwords).hasSize(5);
        List<String> leaks = new ArrayList<>();
        outputs.forEach((what, text) -> passwords.forEach(p -> {
            if (text.contains(p)) {
                leaks.add(what);
            }
        }));
        assertThat(leaks).as("outputs that show a password").isEmpty();
        assertThat(outputs.values().stream().mapToInt(String::length).sum()).as("a real amount of output searched")
                .isGreaterThan(50_000);
    }

    @Test
    @Order(4)
    void withoutDataDirTheFilesGoToATemporaryFolderDeletedOnExit() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (ChildCli temp = ChildCli.start("dev", "--secure", "--port", String.valueOf(port), "--no-topics")) {
            temp.awaitStdout("Try: finflow topics list", Duration.ofSeconds(120));
            Matcher m = Pattern.compile("Client files \\(mode 0600\\) in (\\S+) \\(deleted on exit\\):")
                    .matcher(temp.stdout());
            assertThat(m.find()).as(temp.describe()).isTrue();
            Path folder = Path.of(m.group(1));
            assertThat(folder.resolve("client.properties")).exists();
            assertThat(Files.getPosixFilePermissions(folder)).as("the folder too is private")
                    .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                            PosixFilePermission.OWNER_EXECUTE));
            temp.terminate(Duration.ofSeconds(60));
            assertThat(folder).as("deleted on exit").doesNotExist();
        }
    }

    private static CliRun cli(String name, String... args) throws Exception {
        CliRun run = ChildCli.runToEnd(RUN, "", Map.of(), args);
        outputs.put(name + " stdout", run.out());
        outputs.put(name + " stderr", run.err());
        return run;
    }

    /** The passwords in the files dev --secure wrote: the admin's and each user's. */
    private static List<String> passwords() throws IOException {
        List<String> passwords = new ArrayList<>();
        try (Stream<Path> files = Stream.concat(Stream.of(dir.resolve("client.properties")),
                Files.list(dir.resolve("clients")))) {
            for (Path f : files.toList()) {
                Matcher m = JAAS_PASSWORD.matcher(Files.readString(f));
                assertThat(m.find()).as(f.toString()).isTrue();
                passwords.add(m.group(1));
            }
        }
        return passwords;
    }

    private static String passwordOf(String user) throws IOException {
        Matcher m = JAAS_PASSWORD.matcher(Files.readString(dir.resolve("clients").resolve(user + ".properties")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static List<String> node(String stdin, String script, String... args) throws Exception {
        assertThat(KAFKAJS.resolve("node_modules/kafkajs")).as("kafkajs installed by tools/test-tools.sh").exists();
        List<String> command = new ArrayList<>(List.of("node", KAFKAJS.resolve(script).toString()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(tmp, "node", ".err");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        try (java.io.OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("node " + script + " finished").isTrue();
        String errText = Files.readString(err);
        outputs.put("kafkajs " + script, out + errText);
        assertThat(p.exitValue()).as("node " + script + " failed: " + errText).isZero();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
