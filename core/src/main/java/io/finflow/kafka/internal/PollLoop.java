package io.finflow.kafka.internal;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
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
import io.finflow.kafka.consumer.GroupProtocol;
import io.finflow.kafka.consumer.OrderingMode;
import io.finflow.kafka.consumer.PartitionListener;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
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
 * Rebalances are handled by the {@link RebalanceHandler}.
 */
public final class PollLoop implements Runnable, RebalanceHandler.Host {

    private static final Logger log = LoggerFactory.getLogger(PollLoop.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration LEAVE_GROUP_TIMEOUT = Duration.ofSeconds(10);

    private final ConsumerFactory consumers;
    private final ConsumerCounters counters;
    private Consumer<byte[], byte[]> consumer;
    private GroupProtocol groupProtocol;
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
    private final RebalanceHandler rebalance;
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
     * @param partitions     told about assigned partitions before their first record, and about
     *                       revoked or lost ones after their handlers finished
     */
    public PollLoop(ConsumerFactory consumers, Consumer<byte[], byte[]> consumer, ConsumerOptions options,
                    Map<String, Subscription> subscriptions, OrderedDispatcher dispatcher, RecordProcessor processor,
                    ExecutorService workers, ScheduledExecutorService scheduler, ConsumerCounters counters,
                    AtomicReference<ConsumerGroupMetadata> groupMetadata, boolean transactional,
                    ConsumerLifecycle lifecycle, AutoCloseable ownedResources, PartitionListener partitions) {
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
        this.counters = counters;
        this.rebalance = new RebalanceHandler(this, options, states, stoppedAtExit, committer, groupMetadata,
                partitions);
    }

    @Override
    public void run() {
        try {
            try {
                consumer.subscribe(subscriptions.keySet(), rebalance);
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
            if (stopDeadline == 0) {
                // Failed, not closed: the other partitions' running handlers get shutdownTimeout.
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
                    if (groupProtocol == GroupProtocol.CONSUMER) {
                        log.error("the cluster refused the consumer group protocol chosen for group {}: leave the"
                                + " protocol unset (it then falls back to classic) or choose groupProtocol("
                                + "GroupProtocol.CLASSIC)", options.groupId());
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
        return !options.groupProtocolChosen() && groupProtocol == GroupProtocol.CONSUMER && states.isEmpty();
    }

    private void fallBackToClassic(UnsupportedVersionException e) {
        log.warn("the cluster does not support the consumer group protocol (KIP-848, Kafka 4.0+): group {} falls back"
                + " to the classic protocol; choose groupProtocol(GroupProtocol.CLASSIC) to silence this, or upgrade"
                + " the brokers ({})", options.groupId(), e.getMessage());
        try {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
        } catch (RuntimeException closeFailure) {
            log.debug("closing the refused consumer failed: {}", closeFailure.toString());
        }
        groupProtocol = GroupProtocol.CLASSIC;
        consumer = consumers.create(groupProtocol);
        consumer.subscribe(subscriptions.keySet(), rebalance);
    }

    /** Asks the loop to stop: no new records start; in-flight ones get {@code timeout} to finish. */
    public void requestClose(Duration timeout) {
        if (stopDeadline == 0) {
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
        // Records of a poll that ended after the consumer failed are not handled, but still registered as
        // unfinished: the stop commits a partition's position only when nothing of it is unfinished.
        boolean failed = lifecycle.isFailed();
        for (TopicPartition tp : records.partitions()) {
            PartitionState state = states.get(tp);
            Subscription sub = subscriptions.get(tp.topic());
            if (state == null || sub == null) {
                continue;
            }
            for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
                state.tracker().add(record.offset());
                if (!failed) {
                    dispatcher.submit(lane(tp, record), done -> processor.process(record, state, sub, done));
                }
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
        counters.pausedPartitions(paused.size() + pause.size() - resume.size());
    }

    private void commitIfDue() {
        if (System.nanoTime() - lastCommitNanos < options.commitInterval().toNanos()) {
            return;
        }
        lastCommitNanos = System.nanoTime();
        committer.commitAsync(consumer, states.values());
    }

    private void drainAndCommit() {
        List<PartitionState> all = new ArrayList<>(states.values());
        all.forEach(PartitionState::markRevoked);
        if (!PartitionState.awaitIdle(all, stopDeadline())) {
            log.warn("{} handler(s) of group {} still running when the consumer stopped; their records are not"
                    + " committed and will be processed again", PartitionState.working(all), options.groupId());
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
            consumer.close(CloseOptions.timeout(LEAVE_GROUP_TIMEOUT));
        } catch (RuntimeException e) {
            log.warn("closing the Kafka consumer failed: {}", e.toString());
        }
    }

    @Override
    public Consumer<byte[], byte[]> consumer() {
        return consumer;
    }

    @Override
    public boolean stopping() {
        return closing || lifecycle.isFailed();
    }

    @Override
    public long stopDeadline() {
        long deadline = stopDeadline;
        return deadline != 0 ? deadline : System.nanoTime() + options.shutdownTimeout().toNanos();
    }

    @Override
    public boolean mayCommit() {
        // A fenced (or otherwise failed) transactional instance commits nothing any more.
        return !(transactional && lifecycle.isFailed());
    }
}
