package io.finflow.kafka.ops.dlq;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;

import io.finflow.kafka.ops.OpsException;
import io.finflow.kafka.ops.internal.KafkaCalls;
import io.finflow.kafka.wire.DeadLetterHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replay run over one dead letter topic: reads from the replay group's position up to the end offsets
 * seen at start, republishes, and commits a partition's position only past records whose republished copy
 * was acknowledged. Single-threaded; used once.
 */
final class DlqReplayer {

    private static final Logger log = LoggerFactory.getLogger(DlqReplayer.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long COMMIT_EVERY_NANOS = Duration.ofMillis(200).toNanos();
    private static final int COMMIT_EVERY_RECORDS = 1000;
    private static final int PROGRESS_EVERY_RECORDS = 100;

    /** Opens the clients and checks topics; implemented by {@link DlqService}. */
    interface Environment {
        /** True when the topic exists. */
        boolean topicExists(String topic);

        /** Creates the parking topic when missing, shaped like the dead letter topic. */
        void ensureParkingTopic(String parkingTopic, String dlqTopic);
    }

    /** A handled record whose position may be committed once {@code ack} (if any) succeeded. */
    private record Pending(long offset, Future<RecordMetadata> ack, String what) {
    }

    private final String dlqTopic;
    private final String group;
    private final ReplayOptions options;
    private final ReplayProgress progress;
    private final Environment environment;
    private final Duration timeout;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final TokenBucket bucket;

    private final Map<TopicPartition, Long> ends = new HashMap<>();
    private final Map<TopicPartition, Deque<Pending>> pending = new HashMap<>();
    private final Map<TopicPartition, Long> committedPosition = new HashMap<>();
    private final Map<TopicPartition, Long> readPosition = new HashMap<>();
    private final Set<TopicPartition> active = new HashSet<>();
    private final Map<String, Boolean> existing = new HashMap<>();
    private final List<ReplayItem> items = new ArrayList<>();
    private long toScan;
    private long scanned;
    private long replayed;
    private long parked;
    private long filteredOut;
    private long unroutable;
    private String stopReason;

    DlqReplayer(String dlqTopic, String group, ReplayOptions options, ReplayProgress progress,
                Environment environment, Duration timeout, KafkaConsumer<byte[], byte[]> consumer,
                KafkaProducer<byte[], byte[]> producer) {
        this.dlqTopic = dlqTopic;
        this.group = group;
        this.options = options;
        this.progress = progress;
        this.environment = environment;
        this.timeout = timeout;
        this.consumer = consumer;
        this.producer = producer;
        this.bucket = options.ratePerSecond() > 0 ? TokenBucket.perSecond(options.ratePerSecond()) : null;
    }

    ReplayReport run(List<TopicPartition> partitions) {
        long started = System.nanoTime();
        start(partitions);
        OpsException failure = null;
        try {
            loop();
        } catch (InterruptException | InterruptedException e) {
            stopReason = "interrupted";
        } catch (OpsException e) {
            failure = e;
        }
        // Clear the interrupt so the last acknowledgements can be awaited and committed; the caller restores it
        // once the clients are closed (a report with stop reason "interrupted" says it was set).
        if (Thread.interrupted() && stopReason == null) {
            stopReason = "interrupted";
        }
        if (options.execute()) {
            drain(failure);
        }
        progress.update(scanned, toScan, replayed + parked);
        long remaining = 0;
        for (TopicPartition tp : partitions) {
            long position = options.execute() ? committedPosition.get(tp) : readPosition.get(tp);
            remaining += Math.max(0, ends.get(tp) - position);
        }
        return new ReplayReport(dlqTopic, group, options.execute(),
                options.filters().stream().map(ReplayFilter::toString).toList(), toScan, scanned, replayed, parked,
                filteredOut, unroutable, remaining, items, Duration.ofNanos(System.nanoTime() - started),
                stopReason != null, stopReason);
    }

    private void start(List<TopicPartition> partitions) {
        consumer.assign(partitions);
        Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, timeout);
        ends.putAll(consumer.endOffsets(partitions, timeout));
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions), timeout);
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata c = committed.get(tp);
            long position = Math.max(starts.get(tp), c == null ? 0 : c.offset());
            committedPosition.put(tp, position);
            readPosition.put(tp, position);
            pending.put(tp, new ArrayDeque<>());
            long end = ends.get(tp);
            if (position < end) {
                consumer.seek(tp, position);
                active.add(tp);
                toScan += end - position;
            }
        }
        List<TopicPartition> idle = partitions.stream().filter(tp -> !active.contains(tp)).toList();
        consumer.pause(idle);
        log.info("replay of {} by group {}: {} record(s) to scan", dlqTopic, group, toScan);
    }

    private void loop() throws InterruptedException {
        long lastCommit = System.nanoTime();
        int sinceCommit = 0;
        while (!active.isEmpty()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            for (TopicPartition tp : records.partitions()) {
                if (!active.contains(tp)) {
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
                    if (record.offset() >= ends.get(tp)) {
                        break;
                    }
                    if (!handle(tp, record)) {
                        return;
                    }
                    sinceCommit++;
                }
            }
            finishExhausted();
            if (options.execute() && (sinceCommit >= COMMIT_EVERY_RECORDS
                    || System.nanoTime() - lastCommit >= COMMIT_EVERY_NANOS)) {
                OpsException failure = commitAcknowledged();
                if (failure != null) {
                    throw failure;
                }
                lastCommit = System.nanoTime();
                sinceCommit = 0;
            }
        }
    }

    /** Handles one record; false when the limit stops the run before it. */
    private boolean handle(TopicPartition tp, ConsumerRecord<byte[], byte[]> record) throws InterruptedException {
        DlqRecord dlq = DlqRecords.of(record);
        boolean matches = ReplayFilter.allMatch(options.filters(), dlq);
        if (matches && dlq.originalTopic() != null && options.limit() > 0 && replayed + parked >= options.limit()) {
            stopReason = "limit";
            return false;
        }
        scanned++;
        readPosition.put(tp, record.offset() + 1);
        if (!matches) {
            filteredOut++;
            pending.get(tp).add(new Pending(record.offset(), null, null));
        } else if (dlq.originalTopic() == null) {
            unroutable++;
            remember(new ReplayItem(dlq, ReplayAction.UNROUTABLE, null, dlq.replayCount()));
            log.warn("{} has no {} header: passed over", dlq.position(), DeadLetterHeaders.ORIGINAL_TOPIC);
            pending.get(tp).add(new Pending(record.offset(), null, null));
        } else if (dlq.replayCount() >= options.maxReplays()) {
            String parking = dlq.originalTopic() + DlqService.PARKING_SUFFIX;
            remember(new ReplayItem(dlq, ReplayAction.PARK, parking, dlq.replayCount()));
            send(tp, record, dlq, parking, this::parkingHeaders);
            parked++;
        } else {
            requireTopic(dlq.originalTopic(), dlq);
            int count = dlq.replayCount() + 1;
            remember(new ReplayItem(dlq, ReplayAction.REPLAY, dlq.originalTopic(), count));
            send(tp, record, dlq, dlq.originalTopic(), r -> replayHeaders(r, count));
            replayed++;
        }
        if (scanned % PROGRESS_EVERY_RECORDS == 0) {
            progress.update(scanned, toScan, replayed + parked);
        }
        return true;
    }

    private void send(TopicPartition tp, ConsumerRecord<byte[], byte[]> record, DlqRecord dlq, String destination,
                      Function<ConsumerRecord<byte[], byte[]>, RecordHeaders> headers) throws InterruptedException {
        if (!options.execute()) {
            return;
        }
        if (destination.endsWith(DlqService.PARKING_SUFFIX) && existing.putIfAbsent(destination, true) == null) {
            environment.ensureParkingTopic(destination, dlqTopic);
        }
        if (bucket != null) {
            bucket.acquire();
        }
        // No timestamp: the broker stamps the republished record now, so retention and time lag count from the
        // replay; the event's own time stays in ce_time.
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(destination, null, null, record.key(),
                record.value(), headers.apply(record));
        pending.get(tp).add(new Pending(record.offset(), producer.send(out), dlq.position() + " to " + destination));
    }

    private RecordHeaders replayHeaders(ConsumerRecord<byte[], byte[]> record, int count) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            if (!h.key().startsWith(DeadLetterHeaders.PREFIX) && !h.key().equals(ReplayHeaders.REPLAY_COUNT)) {
                headers.add(h.key(), h.value());
            }
        }
        headers.add(ReplayHeaders.REPLAY_COUNT, String.valueOf(count).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private RecordHeaders parkingHeaders(ConsumerRecord<byte[], byte[]> record) {
        RecordHeaders headers = new RecordHeaders();
        record.headers().forEach(h -> headers.add(h.key(), h.value()));
        return headers;
    }

    private void requireTopic(String topic, DlqRecord dlq) {
        boolean exists = existing.computeIfAbsent(topic, environment::topicExists);
        if (!exists) {
            throw new OpsException("original topic '" + topic + "' of dead letter record " + dlq.position()
                    + " does not exist; create it (finflow topics apply) and run the replay again");
        }
    }

    private void remember(ReplayItem item) {
        if (items.size() < ReplayReport.MAX_ITEMS) {
            items.add(item);
        }
    }

    /** Partitions whose read position reached the end snapshot are done. */
    private void finishExhausted() {
        List<TopicPartition> done = new ArrayList<>();
        for (TopicPartition tp : active) {
            if (readPosition.get(tp) >= ends.get(tp) || consumer.position(tp, timeout) >= ends.get(tp)) {
                done.add(tp);
            }
        }
        if (!done.isEmpty()) {
            done.forEach(active::remove);
            consumer.pause(done);
        }
    }

    /** Waits for every send, then commits; rethrows the first failure after saving what succeeded. */
    private void drain(OpsException failure) {
        try {
            producer.flush();
        } catch (InterruptException e) {
            Thread.interrupted();
            log.warn("interrupted while waiting for the last acknowledgements of the replay of {}", dlqTopic);
        }
        OpsException sendFailure = commitAcknowledged();
        if (failure != null) {
            throw failure;
        }
        if (sendFailure != null) {
            throw sendFailure;
        }
    }

    /**
     * Commits, per partition, the position after the longest prefix of handled records whose sends
     * succeeded. Returns the first send failure met, if any.
     */
    private OpsException commitAcknowledged() {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        OpsException failure = null;
        for (Map.Entry<TopicPartition, Deque<Pending>> e : pending.entrySet()) {
            TopicPartition tp = e.getKey();
            Deque<Pending> queue = e.getValue();
            Long next = null;
            while (!queue.isEmpty()) {
                Pending head = queue.peek();
                if (head.ack() != null) {
                    if (!head.ack().isDone()) {
                        break;
                    }
                    Throwable error = errorOf(head.ack());
                    if (error != null) {
                        if (failure == null) {
                            failure = new OpsException("could not republish " + head.what() + ": "
                                    + KafkaCalls.describe(error) + "; progress is saved up to offset " + head.offset()
                                    + " of " + tp + ", run the replay again to resume", error);
                        }
                        break;
                    }
                }
                next = head.offset() + 1;
                queue.poll();
            }
            // A partition leaves the active set only once every record before the end snapshot was handled;
            // committing the end then also skips trailing transaction markers or compacted-away offsets.
            if (queue.isEmpty() && !active.contains(tp) && failure == null) {
                next = ends.get(tp);
            }
            if (next != null && next > committedPosition.get(tp)) {
                commits.put(tp, new OffsetAndMetadata(next, "finflow dlq replay"
                        + (options.filters().isEmpty() ? "" : " filter " + options.filters())));
            }
        }
        if (!commits.isEmpty()) {
            consumer.commitSync(commits, timeout);
            commits.forEach((tp, om) -> committedPosition.put(tp, om.offset()));
        }
        if (failure != null) {
            stopReason = "failed";
        }
        return failure;
    }

    private static Throwable errorOf(Future<RecordMetadata> ack) {
        try {
            ack.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }
}
