package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.KafkaExtension;
import io.finflow.kafka.testkit.junit.TestNames;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class DlqCommandIT {

    private static final Instant FAILED_AT = Instant.parse("2026-01-01T10:00:00Z");

    private Kafka kafka;
    private TestNames names;
    private String topic;
    private String dlq;

    @BeforeEach
    void setUp(EmbeddedKafka broker, TestNames names) throws Exception {
        this.kafka = new Kafka(broker);
        this.names = names;
        topic = names.topic("orders");
        dlq = topic + ".dlq";
        kafka.createTopic(topic, 3);
        kafka.createTopic(dlq, 2);
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    /**
     * Dead letter records as DeadLetterPublisher writes them: value v-i, key acc-(i % 7), ce_* headers, dlq.*
     * headers; even records failed with a TimeoutException, odd ones with an IllegalStateException; records
     * i < alreadyReplayed3 carry finflow.replay.count 3.
     */
    private void deadLetter(int count, int alreadyReplayed3) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            for (int i = 0; i < count; i++) {
                RecordHeaders h = new RecordHeaders();
                h.add("ce_id", Kafka.bytes("id-" + i));
                h.add("ce_type", Kafka.bytes("io.finflow.system"));
                h.add("traceparent", Kafka.bytes("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
                h.add("dlq.original.topic", Kafka.bytes(topic));
                h.add("dlq.original.partition", Kafka.bytes(String.valueOf(i % 3)));
                h.add("dlq.original.offset", Kafka.bytes(String.valueOf(i)));
                h.add("dlq.original.timestamp", Kafka.bytes("1767261600000"));
                h.add("dlq.consumer.group", Kafka.bytes("accounting"));
                h.add("dlq.exception.class", Kafka.bytes(i % 2 == 0 ? "org.apache.kafka.common.errors.TimeoutException"
                        : "java.lang.IllegalStateException"));
                h.add("dlq.exception.message", Kafka.bytes(i % 2 == 0 ? "ledger timed out" : "balance mismatch " + i));
                h.add("dlq.attempts", Kafka.bytes("3"));
                h.add("dlq.failed.at", Kafka.bytes(FAILED_AT.plusSeconds(i).toString()));
                if (i < alreadyReplayed3) {
                    h.add("finflow.replay.count", Kafka.bytes("3"));
                }
                producer.send(new ProducerRecord<>(dlq, i % 2, null, Kafka.bytes("acc-" + (i % 7)),
                        Kafka.bytes("v-" + i), h));
            }
            producer.flush();
        }
    }

    @Test
    void listCountsRecordsAndShowExplainsWhyTheyFailed() throws Exception {
        deadLetter(6, 0);
        CliRun list = kafka.run("dlq", "list");
        assertThat(list.exitCode()).as(list.describe()).isZero();
        assertThat(list.out()).containsPattern("(?m)^" + dlq.replace(".", "\\.") + "\\s+" + topic + "\\s+2\\s+6\\s+6$");

        CliRun show = kafka.run("dlq", "show", dlq, "--limit", "4");
        assertThat(show.exitCode()).as(show.describe()).isZero();
        assertThat(show.out()).startsWith("PARTITION")
                .containsPattern("(?m)^\\s*0\\s+0\\s+acc-0\\s+" + topic + "-0@0\\s+2026-01-01T10:00:00Z\\s+3\\s+0\\s+"
                        + "accounting\\s+TimeoutException: ledger timed out$")
                .containsPattern("(?m)^\\s*1\\s+0\\s+acc-1\\s+" + topic + "-1@1\\s+2026-01-01T10:00:01Z\\s+3\\s+0\\s+"
                        + "accounting\\s+IllegalStateException: balance mismatch 1$")
                .contains("4 record(s) shown.");

        CliRun json = kafka.run("dlq", "show", dlq, "-o", "json");
        JsonNode records = new ObjectMapper().readTree(json.out());
        assertThat(records.size()).isEqualTo(6);
        assertThat(records.get(0).get("value").asText()).isEqualTo("v-0");
        assertThat(records.get(0).get("eventId").asText()).isEqualTo("id-0");
        assertThat(records.get(0).get("exceptionClass").asText()).isEqualTo("org.apache.kafka.common.errors.TimeoutException");
    }

    @Test
    void dryRunShowsWhatWouldBeReplayedAndSendsNothing() throws Exception {
        deadLetter(5, 1);
        CliRun run = kafka.run("dlq", "replay", dlq);
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).contains("Dry run of the replay of " + dlq)
                .containsPattern("(?m)^replay\\s+" + dlq + "-1@0\\s+acc-1\\s+" + topic + "\\s+1\\s+IllegalStateException")
                .containsPattern("(?m)^park\\s+" + dlq + "-0@0\\s+acc-0\\s+" + topic + ".parking\\s+3\\s+")
                .contains("Would replay 4, park 1, pass over 0 (filter) and 0 (no original topic) of 5 record(s) read.")
                .contains("Dry run: nothing was sent.");
        assertThat(kafka.logEnds(topic).values()).containsOnly(0L);
        assertThat(kafka.committed(io.finflow.kafka.ops.dlq.DlqService.replayGroup(dlq), dlq)).isEmpty();
    }

    @Test
    void replaySendsOriginalKeyValueAndHeadersParksRecordsAtMaxReplaysAndNeverRepeats() throws Exception {
        deadLetter(8, 2);
        CliRun run = kafka.run("dlq", "replay", dlq, "--execute");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).contains("Replayed 6 record(s) of " + dlq + " to their topic, parked 2, passed over 0"
                + " (filter) and 0 (no original topic)").contains("0 record(s) of this run's snapshot are still");

        List<ConsumerRecord<byte[], byte[]>> replayed = kafka.readAll(topic);
        assertThat(replayed).hasSize(6);
        for (ConsumerRecord<byte[], byte[]> r : replayed) {
            int i = Integer.parseInt(Kafka.text(r.value()).substring(2));
            assertThat(i).isGreaterThanOrEqualTo(2);
            assertThat(Kafka.text(r.key())).isEqualTo("acc-" + (i % 7));
            Map<String, String> headers = headers(r);
            assertThat(headers).containsEntry("ce_id", "id-" + i).containsEntry("ce_type", "io.finflow.system")
                    .containsEntry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                    .containsEntry("finflow.replay.count", "1");
            assertThat(headers.keySet()).noneMatch(k -> k.startsWith("dlq."));
        }
        List<ConsumerRecord<byte[], byte[]>> parked = kafka.readAll(topic + ".parking");
        assertThat(parked).extracting(r -> Kafka.text(r.value())).containsExactlyInAnyOrder("v-0", "v-1");
        assertThat(headers(parked.get(0))).containsEntry("finflow.replay.count", "3")
                .containsKey("dlq.exception.class");

        CliRun again = kafka.run("dlq", "replay", dlq, "--execute");
        assertThat(again.exitCode()).as(again.describe()).isZero();
        assertThat(again.out()).contains("Replayed 0 record(s)");
        assertThat(kafka.readAll(topic)).hasSize(6);

        CliRun list = kafka.run("dlq", "list");
        assertThat(list.out()).containsPattern("(?m)^" + dlq.replace(".", "\\.") + "\\s+" + topic + "\\s+2\\s+8\\s+0$");
    }

    @Test
    void filtersReplayOnlyMatchingRecordsAndPassOverTheOthers() throws Exception {
        deadLetter(10, 0);
        CliRun run = kafka.run("dlq", "replay", dlq, "--filter", "exception=timeout", "--filter",
                "since=" + FAILED_AT.plusSeconds(4), "--execute");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).contains("Replayed 3 record(s)").contains("passed over 7 (filter)");
        assertThat(kafka.readAll(topic)).extracting(r -> Kafka.text(r.value()))
                .containsExactlyInAnyOrder("v-4", "v-6", "v-8");

        deadLetter(2, 0);
        CliRun byKey = kafka.run("dlq", "replay", dlq, "--filter", "key=acc-1");
        assertThat(byKey.out()).contains("Would replay 1, park 0, pass over 1 (filter)");
    }

    @Test
    void tenThousandRecordsReplayedUnderARateLimitComeBackExactlyOnce() throws Exception {
        int count = 10_000;
        deadLetter(count, 0);
        long started = System.nanoTime();
        CliRun run = kafka.run("dlq", "replay", dlq, "--rate", "5000/s", "--execute", "-o", "json");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());
        double rate = report.get("replayed").asLong() / (Duration.parse(report.get("elapsed").asText()).toNanos() / 1e9);
        System.out.printf("dlq replay: %d records in %d ms (command), %.0f records/s in the replay loop%n", count,
                took.toMillis(), rate);
        assertThat(report.get("replayed").asLong()).isEqualTo(count);
        // at most 5000/s plus the 500-record burst; the floor only guards against a stalled loop on a busy machine
        assertThat(rate).as("the token bucket holds the rate at or under 5000/s").isBetween(1000.0, 5300.0);
        assertExactlyOnce(count);
    }

    @Test
    void aLimitedReplayResumesWhereItStoppedWithoutDuplicates() throws Exception {
        int count = 3_000;
        deadLetter(count, 0);
        CliRun first = kafka.run("dlq", "replay", dlq, "--limit", "1200", "--execute");
        assertThat(first.exitCode()).as(first.describe()).isZero();
        assertThat(first.out()).contains("Replayed 1200 record(s)").contains("stopped at --limit, 1800 record(s) left");
        assertThat(kafka.readAll(topic)).hasSize(1200);
        CliRun list = kafka.run("dlq", "list");
        assertThat(list.out()).containsPattern("(?m)\\s+3000\\s+1800$");

        CliRun second = kafka.run("dlq", "replay", dlq, "--execute");
        assertThat(second.exitCode()).as(second.describe()).isZero();
        assertThat(second.out()).contains("Replayed 1800 record(s)");
        System.out.println("dlq replay without rate limit: " + second.out().lines().findFirst().orElse(""));
        assertExactlyOnce(count);
    }

    @Test
    void anInterruptedReplayResumesWhereItStoppedWithoutDuplicates() throws Exception {
        int count = 5_000;
        deadLetter(count, 0);
        AtomicReference<CliRun> result = new AtomicReference<>();
        Thread replay = new Thread(() -> result.set(kafka.run("dlq", "replay", dlq, "--rate", "2000/s", "--execute")),
                "it-replay");
        replay.start();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> kafka.logEnds(topic).values().stream().mapToLong(Long::longValue).sum() >= 1000);
        replay.interrupt();
        replay.join(TimeUnit.SECONDS.toMillis(60));
        CliRun first = result.get();
        assertThat(first.exitCode()).as(first.describe()).isEqualTo(ExitCodes.FAILURE);
        assertThat(first.err()).contains("interrupted after").contains("run the same command again to resume");
        long afterFirst = kafka.readAll(topic).size();
        assertThat(afterFirst).isBetween(1000L, (long) count - 1);

        CliRun second = kafka.run("dlq", "replay", dlq, "--execute");
        assertThat(second.exitCode()).as(second.describe()).isZero();
        assertThat(second.out()).contains("Replayed " + (count - afterFirst) + " record(s)");
        assertExactlyOnce(count);
    }

    @Test
    void refusalsAreOneLine() throws Exception {
        CliRun notDlq = kafka.run("dlq", "show", topic);
        assertThat(notDlq.exitCode()).as(notDlq.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(notDlq.err()).startsWith("finflow: error: '" + topic + "' is not a dead letter topic");

        CliRun missing = kafka.run("dlq", "replay", names.topic("none") + ".dlq");
        assertThat(missing.exitCode()).as(missing.describe()).isEqualTo(ExitCodes.FAILURE);
        assertThat(missing.err()).matches("finflow: error: topic '.*-none\\.dlq' does not exist\\R");

        CliRun badFilter = kafka.run("dlq", "replay", dlq, "--filter", "since=2026-01-01T10:00:00");
        assertThat(badFilter.exitCode()).as(badFilter.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(badFilter.err()).isEqualTo("finflow: error: filter 'since=2026-01-01T10:00:00': 2026-01-01T10:00:00"
                + " has no time zone; add Z or +01:00" + System.lineSeparator());

        CliRun badRate = kafka.run("dlq", "replay", dlq, "--rate", "fast");
        assertThat(badRate.exitCode()).as(badRate.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(badRate.err()).contains("rate 'fast' is not a number");

        String orphanDlq = names.topic("gone") + ".dlq";
        kafka.createTopic(orphanDlq, 1);
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            RecordHeaders h = new RecordHeaders();
            h.add("dlq.original.topic", Kafka.bytes(names.topic("deleted")));
            producer.send(new ProducerRecord<>(orphanDlq, 0, null, Kafka.bytes("k"), Kafka.bytes("v"), h)).get();
        }
        CliRun orphan = kafka.run("dlq", "replay", orphanDlq, "--execute");
        assertThat(orphan.exitCode()).as(orphan.describe()).isEqualTo(ExitCodes.FAILURE);
        assertThat(orphan.err()).matches("finflow: error: original topic '.*-deleted' of dead letter record .*"
                + " does not exist; create it \\(finflow topics apply\\) and run the replay again\\R");
    }

    private void assertExactlyOnce(int count) {
        Map<String, Long> byId = kafka.readAll(topic).stream()
                .collect(Collectors.groupingBy(r -> headers(r).get("ce_id"), Collectors.counting()));
        assertThat(byId).hasSize(count);
        assertThat(byId.values()).as("no record republished twice").containsOnly(1L);
    }

    private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> r) {
        Map<String, String> map = new HashMap<>();
        for (Header h : r.headers()) {
            map.put(h.key(), Kafka.text(h.value()));
        }
        return map;
    }
}
