package io.finflow.kafka.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.finflow.kafka.ConsumerChild;
import io.finflow.kafka.EventProducer;
import io.finflow.kafka.TestCatalog;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.producer.ProducerOptions;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.KafkaBroker;
import io.finflow.kafka.testkit.junit.TestNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer with 8 workers (records of different keys finish out of offset order) runs in a child JVM and is
 * killed with SIGKILL mid-stream: no close, no final commit. The proof is kept outside the process: the child's
 * handler appends {@code eventId partition offset} to a file before it returns, and this test samples the group's
 * committed offsets with an {@link Admin} every 100 ms while the child runs, is killed, restarts and stops. For every
 * sample, every offset below the committed one must be in the file as it was right after the sample: a committed
 * offset never passed a record that was not handled. After the restart every record is handled at least once.
 * The broker's group session timeout is short ({@link ShortSessionKafka}), so the restarted member gets the dead
 * member's partitions after 6 s instead of 45 s.
 */
@Tag("reliability")
class ConsumerSigkillIT {

    @RegisterExtension
    static final ShortSessionKafka KAFKA = new ShortSessionKafka();

    private static final int EVENTS = 6_000;
    private static final int CONCURRENCY = 8;
    private static final long HANDLER_DELAY_MS = 5;
    private static final long COMMIT_INTERVAL_MS = 200;
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void aConsumerOfEightWorkersKilledMidStreamNeverCommittedPastAnUnhandledRecordAndARestartHandlesEverything(
            @TempDir Path dir) throws Exception {
        EmbeddedKafka kafka = KAFKA.broker();
        TestNames names = TestNames.forTest(getClass().getSimpleName(), "sigkill");
        String prefix = names.topic("sigkill");
        TopicCatalog catalog = TestCatalog.load(prefix);
        TestCatalog.createTopics(kafka, catalog);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        String group = names.group();
        AckedSends sends;
        try (EventProducer producer = EventProducer.create(ProducerOptions.builder(
                ClientConfig.of(kafka.bootstrapServers()), "/finflow/test").catalog(catalog).build())) {
            sends = new AckedSends(producer, topic, 500).send(EVENTS).awaitOutcomes(WAIT);
        }
        assertThat(sends.failures()).isEmpty();

        Map<Integer, Long> end = endOffsets(kafka, topic);
        Path handledLog = dir.resolve("handled.txt");
        int handledAtKill;
        long committedAtKill;
        List<CommitSample> samples;
        try (CommitSampler sampler = new CommitSampler(kafka, group, handledLog)) {
            Process child = ConsumerChild.start(kafka.bootstrapServers(), prefix, group, handledLog, HANDLER_DELAY_MS,
                    CONCURRENCY, COMMIT_INTERVAL_MS);
            try {
                await().atMost(WAIT).until(() -> HandledLog.read(handledLog).lines() >= EVENTS / 3
                        && sampler.lastCommittedTotal() > 0);
            } finally {
                child.destroyForcibly(); // SIGKILL: no close, no final commit
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            handledAtKill = HandledLog.read(handledLog).lines();
            committedAtKill = sampler.sampleNow().committedTotal();

            Process restarted = ConsumerChild.start(kafka.bootstrapServers(), prefix, group, handledLog, 0,
                    CONCURRENCY, COMMIT_INTERVAL_MS);
            try {
                // Until everything is handled, or the group committed everything and the rest is lost.
                await().atMost(WAIT).until(() -> HandledLog.read(handledLog).eventIds().containsAll(sends.acked())
                        || sampler.lastCommitted().equals(end));
            } finally {
                restarted.destroy(); // SIGTERM: the consumer closes gracefully and commits
                assertThat(restarted.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            sampler.sampleNow();
            samples = sampler.samples();
        }

        HandledLog log = HandledLog.read(handledLog);
        List<String> violations = new ArrayList<>();
        for (CommitSample sample : samples) {
            violations.addAll(sample.unhandledBelowCommitted(HandledLog.read(handledLog, sample.logBytes())));
        }
        CommitSample last = samples.get(samples.size() - 1);
        Set<String> lost = new HashSet<>(sends.acked());
        lost.removeAll(log.eventIds());
        long samplesWithCommits = samples.stream().filter(s -> s.committedTotal() > 0).count();
        new FaultFigures("consumer-sigkill", sends.sent(), sends.acked().size(), log.eventIds().size(), lost.size(),
                log.lines() - log.eventIds().size(), TopicContents.recordCount(kafka, topic + ".dlq"),
                CONCURRENCY + " workers killed after " + handledAtKill + " handled, " + committedAtKill
                + " committed at the kill; " + samples.size() + " commit samples (" + samplesWithCommits
                + " with commits), " + violations.size() + " offsets committed before they were handled").print();

        assertThat(handledAtKill).as("killed mid-stream").isLessThan(EVENTS);
        assertThat(samplesWithCommits).as("commits sampled while the consumer ran").isGreaterThan(2);
        assertThat(violations.size()).as("committed offsets that passed a record not handled yet, first: "
                + violations.subList(0, Math.min(10, violations.size()))).isZero();
        assertThat(lost).as("acknowledged events never handled").isEmpty();
        assertThat(last.committed()).as("after the graceful stop everything is committed").isEqualTo(end);
    }

    private static Map<Integer, Long> endOffsets(KafkaBroker kafka, String topic) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<Integer, Long> end = new TreeMap<>();
            admin.listOffsets(request).all().get(30, TimeUnit.SECONDS)
                    .forEach((tp, info) -> end.put(tp.partition(), info.offset()));
            return end;
        }
    }

    /** The handled log as far as it was written: complete lines only ({@code eventId partition offset}). */
    private record HandledLog(int lines, Set<String> eventIds, Map<Integer, Set<Long>> offsets) {

        static HandledLog read(Path file) {
            return read(file, Long.MAX_VALUE);
        }

        /** The first {@code bytes} bytes of the log: what it held at that length. */
        static HandledLog read(Path file, long bytes) {
            byte[] all;
            try {
                all = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String text = new String(all, 0, (int) Math.min(all.length, bytes), StandardCharsets.UTF_8);
            int lines = 0;
            Set<String> ids = new HashSet<>();
            Map<Integer, Set<Long>> offsets = new HashMap<>();
            int start = 0;
            for (int nl = text.indexOf('\n'); nl >= 0; start = nl + 1, nl = text.indexOf('\n', start)) {
                String[] f = text.substring(start, nl).split(" ");
                if (f.length == 3) {
                    lines++;
                    ids.add(f[0]);
                    offsets.computeIfAbsent(Integer.parseInt(f[1]), p -> new HashSet<>()).add(Long.parseLong(f[2]));
                }
            }
            return new HandledLog(lines, ids, offsets);
        }
    }

    /** The group's committed offsets at one moment, and the length of the handled log right after it was read. */
    private record CommitSample(Map<Integer, Long> committed, long logBytes) {

        long committedTotal() {
            return committed.values().stream().mapToLong(Long::longValue).sum();
        }

        /** {@code partition@offset} of every offset below a committed one that the log did not hold. */
        List<String> unhandledBelowCommitted(HandledLog log) {
            List<String> missing = new ArrayList<>();
            committed.forEach((partition, offset) -> {
                Set<Long> handled = log.offsets().getOrDefault(partition, Set.of());
                for (long o = 0; o < offset; o++) {
                    if (!handled.contains(o)) {
                        missing.add(partition + "@" + o + " (committed " + offset + ")");
                    }
                }
            });
            return missing;
        }
    }

    /** Samples a group's committed offsets every 100 ms on its own thread, from outside the consumer's process. */
    private static final class CommitSampler implements AutoCloseable {
        private final Admin admin;
        private final String group;
        private final Path log;
        private final List<CommitSample> samples = Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;
        private volatile boolean stopped;

        CommitSampler(KafkaBroker kafka, String group, Path log) {
            this.admin = Admin.create(kafka.clientProperties());
            this.group = group;
            this.log = log;
            this.thread = new Thread(this::run, "commit-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            while (!stopped) {
                try {
                    sampleNow();
                    Thread.sleep(100); // the sampling period, not a wait for anything
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // An Admin call that timed out is one sample fewer.
                }
            }
        }

        /** Takes a sample now: the committed offsets first, then the log's length. */
        synchronized CommitSample sampleNow() {
            Map<Integer, Long> committed = new TreeMap<>();
            try {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                offsets.forEach((tp, om) -> {
                    if (om != null) {
                        committed.put(tp.partition(), om.offset());
                    }
                });
                long bytes = Files.exists(log) ? Files.size(log) : 0;
                CommitSample sample = new CommitSample(committed, bytes);
                samples.add(sample);
                return sample;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (Exception e) {
                throw new IllegalStateException("could not sample the committed offsets of " + group, e);
            }
        }

        long lastCommittedTotal() {
            return lastCommitted().values().stream().mapToLong(Long::longValue).sum();
        }

        Map<Integer, Long> lastCommitted() {
            synchronized (samples) {
                return samples.isEmpty() ? Map.of() : samples.get(samples.size() - 1).committed();
            }
        }

        List<CommitSample> samples() {
            synchronized (samples) {
                return List.copyOf(samples);
            }
        }

        @Override
        public void close() {
            stopped = true;
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                admin.close(Duration.ofSeconds(5));
            }
        }
    }
}
