package io.finflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.finflow.kafka.event.EventJson;

/**
 * A Node.js FinFlow service on kafkajs ({@code interop/kafkajs/peer.js}) as a child process, started once per
 * test class: each call sends one JSON command line and waits for its answer line. Everything the peer does
 * goes through {@code finflow-kafka.js}, the module docs/wire-format.md shows. Calls are serialized; not for
 * concurrent use.
 */
final class KafkajsPeer implements AutoCloseable {

    /** The Node.js fixture: its packages are installed by tools/test-tools.sh before the integration tests. */
    static final Path FIXTURE = Path.of("..", "interop", "kafkajs").toAbsolutePath().normalize();
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(90);
    private static final String EOF = "\u0000eof";

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final Path stderr;
    private int nextId;

    private KafkajsPeer(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readAnswers, "kafkajs-peer-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code node peer.js BOOTSTRAP}. */
    static KafkajsPeer start(String bootstrap) throws IOException {
        assertFixtureInstalled();
        Path err = Files.createTempFile("kafkajs-peer", ".err");
        Process p = new ProcessBuilder("node", FIXTURE.resolve("peer.js").toString(), bootstrap)
                .redirectError(err.toFile()).start();
        return new KafkajsPeer(p, err);
    }

    static void assertFixtureInstalled() {
        assertThat(FIXTURE.resolve("node_modules/kafkajs")).as("kafkajs installed: tools/test-tools.sh runs"
                + " `npm ci` in interop/kafkajs before the integration tests").exists();
    }

    /** Sends events with {@code sendMessage(topic, event)}, in order; returns [{eventId, partition, offset}]. */
    List<JsonNode> send(String prefix, String topic, List<? extends JsonNode> events, String traceparent) {
        ObjectNode command = command("send", prefix, topic);
        command.putArray("events").addAll(events);
        if (traceparent != null) {
            command.putObject("headers").put("traceparent", traceparent);
        }
        return list(request(command).get("sent"));
    }

    /** Deletes a key of a compacted topic with {@code sendTombstone(topic, key)}; returns {partition, offset}. */
    JsonNode tombstone(String prefix, String topic, String key) {
        return request(command("tombstone", prefix, topic).put("key", key)).get("sent");
    }

    /**
     * Reads the first {@code count} records of a topic with {@code subscribe(topic, handler)} in a new group
     * from the beginning; each is {event, meta}.
     */
    List<JsonNode> read(String prefix, String topic, int count) {
        return list(request(command("read", prefix, topic).put("count", count).put("timeoutMs", 60_000))
                .get("records"));
    }

    private ObjectNode command(String op, String prefix, String topic) {
        return EventJson.mapper().createObjectNode().put("op", op).put("prefix", prefix).put("topic", topic);
    }

    private synchronized JsonNode request(ObjectNode command) {
        int id = ++nextId;
        command.put("id", id);
        try {
            commands.write(EventJson.mapper().writeValueAsString(command) + "\n");
            commands.flush();
            String line = answers.poll(ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (line == null || line.equals(EOF)) {
                throw new AssertionError((line == null ? "no answer in " + ANSWER_TIMEOUT.toSeconds() + " s"
                        : "node peer.js exited") + " to " + command.get("op") + " " + command.get("topic")
                        + "\nstderr: " + stderr());
            }
            JsonNode answer = EventJson.mapper().readTree(line);
            assertThat(answer.path("id").asInt()).as("answer id").isEqualTo(id);
            if (!answer.path("ok").asBoolean()) {
                throw new AssertionError("kafkajs " + command.get("op") + " " + command.get("topic") + " failed: "
                        + answer.path("error").asText() + "\nstderr: " + stderr());
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException("talking to node peer.js: " + e.getMessage() + "\nstderr: " + stderr(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void readAnswers() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                answers.add(line);
            }
        } catch (IOException e) {
            // the process is gone: the pending request learns it from the EOF marker
        }
        answers.add(EOF);
    }

    private String stderr() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    /** Closes the peer's stdin, which makes it disconnect and exit; kills it if it does not. */
    @Override
    public void close() throws IOException {
        try {
            commands.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(stderr);
    }
}
