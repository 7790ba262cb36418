package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.finflow.kafka.testkit.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connection problems are diagnosed: a one-shot command fails within about --timeout naming the bootstrap
 * address, the cause and the next step; a long-running command prints the same diagnosis and keeps retrying
 * until Kafka answers.
 */
class ConnectionDiagnosisIT {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void aDeadBootstrapFailsInUnderTenSecondsNamingItsCause() throws IOException {
        String dead = "127.0.0.1:" + closedPort();
        long started = System.nanoTime();
        CliRun run = CliRun.run("groups", "lag", "--bootstrap", dead);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.FAILURE);
        assertThat(took).as(run.describe()).isLessThan(TEN_SECONDS);
        assertThat(run.err()).isEqualTo("finflow: error: Kafka at " + dead + ": connection refused (nothing listens on "
                + dead + "); next: start the broker (locally: finflow dev) or fix --bootstrap / bootstrap.servers:"
                + " HOST:PORT of a listener" + System.lineSeparator());
    }

    @Test
    void anUnknownHostIsNamedAsSuch() {
        CliRun run = CliRun.run("topics", "list", "--bootstrap", "no-such-broker.invalid:9092");
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).contains("Kafka at no-such-broker.invalid:9092: unknown host")
                .contains("host 'no-such-broker.invalid' does not resolve").contains("fix the host name");
    }

    @Test
    void aPortThatAcceptsButNeverAnswersIsReportedAfterTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (!silent.isClosed()) {
                        accepted.add(silent.accept()); // keep connections open, never answer
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String address = "127.0.0.1:" + silent.getLocalPort();
            long started = System.nanoTime();
            CliRun run = CliRun.run("topics", "list", "--bootstrap", address, "--timeout", "2");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.FAILURE);
            assertThat(run.err()).contains("Kafka at " + address + ": no answer")
                    .contains("the port accepts connections but no Kafka answer came within 2 s")
                    .contains("--timeout SECONDS waits longer");
            assertThat(took).as("--timeout 2 is honoured").isLessThan(TEN_SECONDS);
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void tailPrintsTheDiagnosisAndKeepsRetryingUntilKafkaStarts() throws Exception {
        int port = closedPort();
        String bootstrap = "127.0.0.1:" + port;
        try (ChildCli tail = ChildCli.start("tail", "waiting-topic", "--bootstrap", bootstrap, "--from-beginning",
                "--limit", "1")) {
            // the command itself reports a refused connection at once; the bound covers the child JVM's start
            awaitStderr(tail, "finflow: warning: Kafka at " + bootstrap + ": connection refused", Duration.ofSeconds(30));
            assertThat(tail.stderr()).contains("retrying every 3 s; Ctrl-C to stop");
            assertThat(tail.isAlive()).as("still retrying").isTrue();

            try (EmbeddedKafka kafka = EmbeddedKafka.builder().port(port).start();
                 Admin admin = Admin.create(kafka.clientProperties())) {
                admin.createTopics(List.of(new NewTopic("waiting-topic", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.clientProperties(),
                        new StringSerializer(), new StringSerializer())) {
                    producer.send(new ProducerRecord<>("waiting-topic", "k", "{\"hello\":1}")).get(30, TimeUnit.SECONDS);
                }
                tail.awaitStdout("key k", Duration.ofSeconds(60));
                assertThat(tail.stderr()).contains("finflow: connected to Kafka at " + bootstrap);
            }
        }
    }

    @Test
    void longRunningCommandsPrintTheDiagnosisAndKeepRetrying() throws Exception {
        String bootstrap = "127.0.0.1:" + closedPort();
        for (String[] args : new String[][] {{"demo", "--bootstrap", bootstrap, "--events", "10"},
                {"dlq", "replay", "transaction-events.dlq", "--bootstrap", bootstrap},
                {"service", "run", "notifications", "--bootstrap", bootstrap},
                {"generate", "--events", "10", "--bootstrap", bootstrap}}) {
            try (ChildCli cli = ChildCli.start(args)) {
                awaitStderr(cli, "finflow: warning: Kafka at " + bootstrap + ": connection refused",
                        Duration.ofSeconds(30));
                assertThat(cli.isAlive()).as(String.join(" ", args) + " keeps retrying\n" + cli.describe()).isTrue();
            }
        }
    }

    private static void awaitStderr(ChildCli cli, String text, Duration timeout) {
        org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!cli.isAlive() && !cli.stderr().contains(text)) {
                throw new AssertionError("exited before printing '" + text + "'\n" + cli.describe());
            }
            return cli.stderr().contains(text);
        });
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
