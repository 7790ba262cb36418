package io.finflow.kafka.ops.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.finflow.kafka.EventProducer;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.ops.OpsException;
import io.finflow.kafka.producer.EncodedEvent;
import io.finflow.kafka.producer.EventEncoder;
import io.finflow.kafka.producer.SendResult;

/**
 * Sends a file of events (JSON Lines: one event object per line) all or nothing: every line is validated
 * first, and nothing is sent unless every line is a valid event of the topic.
 *
 * <pre>{@code
 * EventFileProducer files = new EventFileProducer(encoder);
 * EventFile file = files.check("user-events", Path.of("events.jsonl"));
 * if (file.isValid()) {
 *     files.send(producer, file);
 * }
 * }</pre>
 */
public final class EventFileProducer {

    private final EventEncoder encoder;

    /** Checks lines with {@code encoder} (catalog, schemas, CloudEvents source). */
    public EventFileProducer(EventEncoder encoder) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
    }

    /**
     * Reads and validates every line; blank lines and lines starting with {@code #} are skipped.
     *
     * @throws io.finflow.kafka.catalog.UnknownTopicException when the catalog does not declare the topic
     * @throws OpsException                                   when the file cannot be read
     */
    public EventFile check(String topic, Path file) {
        List<EncodedEvent> events = new ArrayList<>();
        List<LineProblem> problems = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                try {
                    events.add(encoder.encode(topic, parse(text), Map.of()));
                } catch (io.finflow.kafka.catalog.UnknownTopicException e) {
                    throw e;
                } catch (RuntimeException e) {
                    problems.add(new LineProblem(number, oneLine(e.getMessage())));
                }
            }
        } catch (NoSuchFileException e) {
            throw new OpsException("events file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new OpsException("could not read events file " + file + ": " + e.getMessage(), e);
        }
        return new EventFile(topic, problems.isEmpty() ? events : List.of(), problems);
    }

    /**
     * Sends every event of a valid file and waits for all acknowledgements, in file order per key.
     *
     * @return the acknowledgements, in file order
     * @throws IllegalArgumentException when the file has problems: nothing is sent
     * @throws OpsException             when Kafka did not acknowledge an event (the others may have been sent)
     */
    public List<SendResult> send(EventProducer producer, EventFile file) {
        if (!file.isValid()) {
            throw new IllegalArgumentException(file.problems().size() + " bad line(s): nothing is sent");
        }
        List<CompletableFuture<SendResult>> futures = file.events().stream().map(producer::send).toList();
        List<SendResult> results = new ArrayList<>();
        int failed = 0;
        String first = null;
        Throwable firstCause = null;
        for (CompletableFuture<SendResult> f : futures) {
            try {
                results.add(f.get());
            } catch (ExecutionException e) {
                failed++;
                if (first == null) {
                    first = oneLine(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
                    firstCause = e.getCause(); // kept so that callers can explain, e.g., a missing ACL
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OpsException("interrupted while sending events to " + file.topic(), e);
            }
        }
        if (failed > 0) {
            throw new OpsException(failed + " of " + futures.size() + " events to " + file.topic()
                    + " were not acknowledged (" + results.size() + " were); first: " + first, firstCause);
        }
        return results;
    }

    private static JsonNode parse(String text) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String oneLine(String s) {
        return s == null ? "invalid" : s.replaceAll("\\s*\\R\\s*", " ");
    }
}
