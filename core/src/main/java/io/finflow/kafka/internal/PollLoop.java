package io.finflow.kafka.internal;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

import io.finflow.kafka.consumer.ConsumerOptions;
import io.finflow.kafka.consumer.OrderingMode;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer thread: the only thread that touches the Kafka consumer. It polls, hands records
 * to the {@link OrderedDispatcher}, pauses partitions that wait for a retry or have too much
 * unfinished work, commits through the {@link OffsetCommitter}, waits for the running handlers of
 * revoked partitions before letting them go, and on close or on a fatal failure drains, commits
 * and leaves the group.
 *
 * <p><b>Revocation:</b> a revoked partition's work gate closes at once (no record of it starts any
 * more), then the rebalance waits for its running handlers as long as Kafka keeps this member in
 * the group ({@code max.poll.interval.ms}), so that a record is never handled by two members at
 * once; {@code revokeTimeout} only decides when a WARN names the handlers that hold the rebalance
 * up. Then the finished offsets are committed and the partition is released.
 */
public final class PollLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(PollLoop.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration COMMITTED_TIMEOUT = Duration.ofSeconds(10);
    /** Kafka's default {@code max.poll.interval.ms}. */
    private static final long DEFAULT_MAX_POLL_INTERVAL_MS = 300_000;
    /** Released before {@code max.poll.interval.ms} runs out, so that the commit still reaches the group. */
    private static final Duration POLL_INTERVAL_MARGIN = Duration.ofSeconds(5);
    private static final Duration LEAVE_GROUP_TIMEOUT = Duration.ofSeconds(10);

    private final ConsumerFactory consumers;
    private Consumer<byte[], byte[]> consumer;
    private String groupProtocol;
    private final ConsumerOptions options;
    private final Map<String, Subscription> subscriptions;
    private final OrderedDispatcher dispatcher;
    private final RecordProcessor processor;
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final ConsumerLifecycle lifecycle;
    private final OffsetCommitter committer;
    private final AtomicReference<ConsumerGroupMetadata> groupMetadata;
    private final boolean transactional;
    private final AutoCloseable ownedResources;
    private final Duration maxPollInterval;
    private final Map<TopicPartition, PartitionState> states = new ConcurrentHashMap<>();
    private final Map<TopicPartition, String> stoppedAtExit = new ConcurrentHashMap<>();
    private volatile boolean closing;
    /** {@link System#nanoTime()} by which draining ends, once closing or failed. */
    private volatile long stopDeadline;
    private long lastCommitNanos = System.nanoTime();

    /**
     * @param consumer       the first Kafka consumer, made by {@code consumers} for the options' protocol
     * @param groupMetadata  filled by this loop with the consumer's group metadata after every poll,
     *                       for transactional offset commits
     * @param transactional  true in exactly-once mode, where transactions commit the records' offsets
     * @param ownedResources closed by this loop once it stopped, before the lifecycle says so
     */
    public PollLoop(ConsumerFactory consumers, Consumer<byte[], byte[]> consumer, ConsumerOptions options,
                    Map<String, Subscription> subscriptions, OrderedDispatcher dispatcher, RecordProcessor processor,
                    ExecutorService workers, ScheduledExecutorService scheduler, ConsumerCounters counters,
                    AtomicReference<ConsumerGroupMetadata> groupMetadata, boolean transactional,
                    ConsumerLifecycle lifecycle, AutoCloseable ownedResources) {
        this.consumers = consumers;
        this.consumer = consumer;
        this.groupProtocol = options.groupProtocol();
        this.options = options;
        this.subscriptions = Map.copyOf(subscriptions);
        this.dispatcher = dispatcher;
        this.processor = processor;
        this.workers = workers;
        this.scheduler = scheduler;
        this.groupMetadata = groupMetadata;
        this.transactional = transactional;
        this.lifecycle = lifecycle;
        this.ownedResources = ownedResources;
        this.committer = new OffsetCommitter(options.groupId(), transactional, counters);
        this.maxPollInterval = maxPollInterval(options);
    }

    private static Duration maxPollInterval(ConsumerOptions options) {
        Object configured = options.kafkaOverrides().get("max.poll.interval.ms");
        try {
            return Duration.ofMillis(configured == null ? DEFAULT_MAX_POLL_INTERVAL_MS
                    : Long.parseLong(configured.toString().trim()));
        } catch (NumberFormatException e) {
            return Duration.ofMillis(DEFAULT_MAX_POLL_INTERVAL_MS); // Kafka's consumer refuses it with a clear error
        }
    }

    @Override
    public void run() {
        try {
            try {
                consumer.subscribe(subscriptions.keySet(), new Rebalance());
                while (!closing && !lifecycle.isFailed()) {
                    updatePauses();
                    ConsumerRecords<byte[], byte[]> records = poll();
                    groupMetadata.set(consumer.groupMetadata());
                    dispatch(records);
                    commitIfDue();
                }
            } catch (Throwable t) {
                if (lifecycle.fail(t)) {
                    log.error("consumer of group {} stopped: {}", options.groupId(), t.toString(), t);
                }
            }
            if (!closing) {
                stopDeadline = System.nanoTime() + options.shutdownTimeout().toNanos();
            }
            drainAndCommit();
        } catch (Throwable t) {
            log.error("consumer of group {} failed while stopping: {}", options.groupId(), t.toString(), t);
        } finally {
            shutdownExecutors();
            closeConsumer();
            try {
                ownedResources.close();
            } catch (Exception e) {
                log.warn("closing the dead letter producer failed: {}", e.toString());
            }
            lifecycle.terminated();
        }
    }

    private ConsumerRecords<byte[], byte[]> poll() {
        while (true) {
            try {
                return consumer.poll(POLL_TIMEOUT);
            } catch (UnsupportedVersionException e) {
                if (!mayFallBack()) {
                    if ("consumer".equals(groupProtocol)) {
                        log.error("the cluster refused the consumer group protocol chosen for group {}: leave the"
                                + " protocol unset (it then falls back to classic) or choose withGroupProtocol("
                                + "\"classic\")", options.groupId());
                    }
                    throw e;
                }
                fallBackToClassic(e);
            }
        }
    }

    /**
     * The default protocol falls back to classic when the cluster lacks the consumer protocol; it is
     * refused at the first heartbeat, before any partition is assigned.
     */
    private boolean mayFallBack() {
        return !options.groupProtocolChosen() && "consumer".equals(groupProtocol) && states.isEmpty();
    }

    private void fallBackToClassic(UnsupportedVersionException e) {
        log.warn("the cluster does not support the consumer group protocol (KIP-848, Kafka 4.0+): group {} falls back"
                + " to the classic protocol; choose withGroupProtocol(\"classic\") to silence this, or upgrade the"
                + " brokers ({})", options.groupId(), e.getMessage());
        try {
            consumer.close(Duration.ZERO);
        } catch (RuntimeException closeFailure) {
            log.debug("closing the refused consumer failed: {}", closeFailure.toString());
        }
        groupProtocol = "classic";
        consumer = consumers.create(groupProtocol);
        consumer.subscribe(subscriptions.keySet(), new Rebalance());
    }

    /** Asks the loop to stop: no new records start; in-flight ones get {@code timeout} to finish. */
    public void requestClose(Duration timeout) {
        if (!closing && !lifecycle.isFailed()) {
            stopDeadline = System.nanoTime() + timeout.toNanos();
        }
        lifecycle.closing();
        closing = true;
    }

    /** Waits until the loop has left the group and released everything. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return lifecycle.awaitTermination(timeout);
    }

    /**
     * Partitions that wait at a record whose dead letter write fails, or stopped at a record (also
     * after the consumer failed), with the reason.
     */
    public Map<TopicPartition, String> stoppedPartitions() {
        Map<TopicPartition, String> stopped = new HashMap<>(stoppedAtExit);
        states.forEach((tp, s) -> {
            String reason = s.stoppedReason() != null ? s.stoppedReason() : s.blockedReason();
            if (reason != null) {
                stopped.put(tp, reason);
            }
        });
        return stopped;
    }

    /** Partitions currently assigned to this member. */
    public Set<TopicPartition> assignment() {
        return Set.copyOf(states.keySet());
    }

    private void dispatch(ConsumerRecords<byte[], byte[]> records) {
        if (lifecycle.isFailed()) {
            return;
        }
        for (TopicPartition tp : records.partitions()) {
            PartitionState state = states.get(tp);
            Subscription sub = subscriptions.get(tp.topic());
            if (state == null || sub == null) {
                continue;
            }
            for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
                state.tracker().add(record.offset());
                dispatcher.submit(lane(tp, record), done -> processor.process(record, state, sub, done));
            }
        }
    }

    private Object lane(TopicPartition tp, ConsumerRecord<byte[], byte[]> record) {
        if (options.ordering() == OrderingMode.PARTITION || record.key() == null) {
            return tp;
        }
        return List.of(tp, ByteBuffer.wrap(record.key()));
    }

    private void updatePauses() {
        Set<TopicPartition> pause = new HashSet<>();
        Set<TopicPartition> resume = new HashSet<>();
        for (PartitionState s : states.values()) {
            boolean shouldPause = s.waitingForRetry().get() > 0
                    || s.stoppedReason() != null
                    || s.blockedReason() != null
                    || s.tracker().unfinishedCount() >= options.maxBufferedPerPartition();
            (shouldPause ? pause : resume).add(s.partition());
        }
        Set<TopicPartition> paused = consumer.paused();
        pause.removeAll(paused);
        resume.retainAll(paused);
        if (!pause.isEmpty()) {
            consumer.pause(pause);
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
    }

    private void commitIfDue() {
        if (System.nanoTime() - lastCommitNanos < options.commitInterval().toNanos()) {
            return;
        }
        lastCommitNanos = System.nanoTime();
        committer.commitAsync(consumer, states.values());
    }

    /** False once a transaction failed fatally: a fenced instance commits nothing any more. */
    private boolean mayCommit() {
        return !(transactional && lifecycle.isFailed());
    }

    /** Waits (bounded) until no handler of these partitions is running. */
    private static boolean awaitIdle(Collection<PartitionState> of, long deadlineNanos) {
        try {
            for (PartitionState s : of) {
                if (!s.awaitIdle(deadlineNanos)) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int working(Collection<PartitionState> of) {
        return of.stream().mapToInt(PartitionState::working).sum();
    }

    private void drainAndCommit() {
        List<PartitionState> all = new ArrayList<>(states.values());
        all.forEach(PartitionState::markRevoked);
        if (!awaitIdle(all, stopDeadline)) {
            log.warn("{} handler(s) of group {} still running when the consumer stopped; their records are not"
                    + " committed and will be processed again", working(all), options.groupId());
            workers.shutdownNow();
        }
        if (mayCommit()) {
            committer.commitSync(consumer, all, COMMIT_TIMEOUT);
        }
    }

    private void shutdownExecutors() {
        scheduler.shutdownNow();
        workers.shutdown();
    }

    private void closeConsumer() {
        try {
            closing = true;
            consumer.close(LEAVE_GROUP_TIMEOUT);
        } catch (RuntimeException e) {
            log.warn("closing the Kafka consumer failed: {}", e.toString());
        }
    }

    /** How long a revocation may wait for running handlers: as long as Kafka keeps the member. */
    private long revocationDeadline() {
        Duration allowed = maxPollInterval.minus(POLL_INTERVAL_MARGIN);
        return System.nanoTime() + Math.max(allowed.toNanos(), Duration.ofSeconds(1).toNanos());
    }

    /** Finishes and commits in-flight work of revoked partitions before they move to another member. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            groupMetadata.set(consumer.groupMetadata());
            Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(partitions);
            for (TopicPartition tp : partitions) {
                PartitionState state = new PartitionState(tp);
                // The committed mark starts at the group's committed offset (0 without one), so that an idle
                // partition is committed only once the consumer moved past it.
                OffsetAndMetadata c = committed.get(tp);
                state.commitConfirmed(c == null ? 0 : c.offset());
                states.put(tp, state);
            }
            if (!partitions.isEmpty()) {
                log.info("group {} assigned {}", options.groupId(), partitions);
            }
        }

        private Map<TopicPartition, OffsetAndMetadata> committedOffsets(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return Map.of();
            }
            try {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        consumer.committed(new HashSet<>(partitions), COMMITTED_TIMEOUT);
                return committed == null ? Map.of() : committed;
            } catch (KafkaException e) {
                log.debug("could not read the committed offsets of {}: {}", partitions, e.toString());
                return Map.of();
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            List<PartitionState> revoked = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                PartitionState s = states.get(tp);
                if (s != null) {
                    s.markRevoked();
                    revoked.add(s);
                }
            }
            if (revoked.isEmpty()) {
                return;
            }
            if (closing || lifecycle.isFailed()) {
                // Stopping: the drain waited for the handlers already, within the stop deadline.
                awaitIdle(revoked, stopDeadline);
            } else {
                awaitRunningHandlers(revoked, partitions);
            }
            if (mayCommit()) {
                committer.commitSync(consumer, revoked, COMMIT_TIMEOUT);
            }
            revoked.stream().filter(s -> s.stoppedReason() != null)
                    .forEach(s -> stoppedAtExit.put(s.partition(), s.stoppedReason()));
            partitions.forEach(states::remove);
            log.info("group {} revoked {}", options.groupId(), partitions);
        }

        private void awaitRunningHandlers(List<PartitionState> revoked, Collection<TopicPartition> partitions) {
            long deadline = revocationDeadline();
            long warnAt = Math.min(deadline, System.nanoTime() + options.revokeTimeout().toNanos());
            if (!awaitIdle(revoked, warnAt)) {
                log.warn("{} handler(s) of revoked partitions {} still running after {} ms: the rebalance waits for"
                        + " them, so that no record is handled by two members at once", working(revoked), partitions,
                        options.revokeTimeout().toMillis());
                if (!awaitIdle(revoked, deadline)) {
                    log.error("{} handler(s) of revoked partitions {} still running at the end of max.poll.interval.ms"
                            + " ({} ms): the partitions are given up and their new owner may handle those records"
                            + " while they still run", working(revoked), partitions, maxPollInterval.toMillis());
                }
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                PartitionState s = states.remove(tp);
                if (s != null) {
                    s.markRevoked();
                }
            }
            log.warn("group {} lost {} without a clean revocation; unfinished records will be redelivered",
                    options.groupId(), partitions);
        }
    }
}
