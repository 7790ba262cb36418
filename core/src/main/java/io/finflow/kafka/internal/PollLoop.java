package io.finflow.kafka.internal;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import io.finflow.kafka.consumer.ConsumerOptions;
import io.finflow.kafka.consumer.OrderingMode;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer thread: the only thread that touches the Kafka consumer. It polls, hands records
 * to the {@link OrderedDispatcher}, pauses partitions that wait for a retry or have too much
 * unfinished work, commits finished offsets, finishes in-flight work of revoked partitions before
 * letting them go, and on close drains, commits and leaves the group.
 */
public final class PollLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(PollLoop.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(15);

    private final Consumer<byte[], byte[]> consumer;
    private final ConsumerOptions options;
    private final Map<String, Subscription> subscriptions;
    private final OrderedDispatcher dispatcher;
    private final RecordProcessor processor;
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final ConsumerCounters counters;
    private final Map<TopicPartition, PartitionState> states = new ConcurrentHashMap<>();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile boolean closing;
    private volatile Duration closeTimeout;
    private volatile Throwable failure;
    private final java.util.concurrent.atomic.AtomicReference<ConsumerGroupMetadata> groupMetadata;
    private final boolean consumerCommits;
    private long lastCommitNanos = System.nanoTime();

    /**
     * @param groupMetadata filled by this loop with the consumer's group metadata after every poll,
     *                      for transactional offset commits
     * @param consumerCommits false in exactly-once mode, where offsets are committed in transactions
     */
    public PollLoop(Consumer<byte[], byte[]> consumer, ConsumerOptions options, Map<String, Subscription> subscriptions,
                    OrderedDispatcher dispatcher, RecordProcessor processor, ExecutorService workers,
                    ScheduledExecutorService scheduler, ConsumerCounters counters,
                    java.util.concurrent.atomic.AtomicReference<ConsumerGroupMetadata> groupMetadata,
                    boolean consumerCommits) {
        this.groupMetadata = groupMetadata;
        this.consumerCommits = consumerCommits;
        this.consumer = consumer;
        this.options = options;
        this.subscriptions = Map.copyOf(subscriptions);
        this.dispatcher = dispatcher;
        this.processor = processor;
        this.workers = workers;
        this.scheduler = scheduler;
        this.counters = counters;
        this.closeTimeout = options.shutdownTimeout();
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(subscriptions.keySet(), new Rebalance());
            while (!closing) {
                updatePauses();
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
                groupMetadata.set(consumer.groupMetadata());
                dispatch(records);
                commitIfDue();
            }
            drainAndCommit();
        } catch (Throwable t) {
            failure = t;
            log.error("consumer of group {} stopped: {}", options.groupId(), t.toString(), t);
            states.values().forEach(PartitionState::markRevoked);
        } finally {
            shutdownExecutors();
            try {
                closing = true;
                consumer.close(Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                log.warn("closing the Kafka consumer failed: {}", e.toString());
            }
            terminated.countDown();
        }
    }

    /** Asks the loop to stop: no new records start; in-flight ones get {@code timeout} to finish. */
    public void requestClose(Duration timeout) {
        closeTimeout = timeout;
        closing = true;
    }

    /** Waits until the loop has left the group and released everything. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    public boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    public Throwable failure() {
        return failure;
    }

    /** Partitions stopped because a dead letter write failed, with the reason. */
    public Map<TopicPartition, String> stoppedPartitions() {
        Map<TopicPartition, String> stopped = new HashMap<>();
        states.forEach((tp, s) -> {
            if (s.stoppedReason() != null) {
                stopped.put(tp, s.stoppedReason());
            }
        });
        return stopped;
    }

    /** Partitions currently assigned to this member. */
    public Set<TopicPartition> assignment() {
        return Set.copyOf(states.keySet());
    }

    private void dispatch(ConsumerRecords<byte[], byte[]> records) {
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
        if (!consumerCommits) {
            return;
        }
        if (System.nanoTime() - lastCommitNanos < options.commitInterval().toNanos()) {
            return;
        }
        lastCommitNanos = System.nanoTime();
        Map<TopicPartition, OffsetAndMetadata> offsets = committable(states.values(), false);
        if (!offsets.isEmpty()) {
            counters.commits.increment();
            consumer.commitAsync(offsets, (committed, error) -> {
                if (error != null) {
                    log.warn("offset commit failed (it is retried with the next one): {}", error.toString());
                }
            });
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committable(Collection<PartitionState> of, boolean all) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionState s : of) {
            OptionalLong next = s.tracker().committable();
            if (next.isPresent() && (all || next.getAsLong() > s.lastCommitted())) {
                offsets.put(s.partition(), new OffsetAndMetadata(next.getAsLong()));
                s.lastCommitted(next.getAsLong());
            }
        }
        return offsets;
    }

    private void commitSync(Collection<PartitionState> of) {
        if (!consumerCommits) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = committable(of, true);
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets, COMMIT_TIMEOUT);
            counters.commits.increment();
            log.debug("committed {}", offsets);
        } catch (RuntimeException e) {
            log.warn("offset commit failed; uncommitted records will be redelivered: {}", e.toString());
        }
    }

    /** Waits (bounded) until no handler of these partitions is running. */
    private boolean awaitIdle(Collection<PartitionState> of, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (of.stream().anyMatch(s -> s.executing().get() > 0)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private void drainAndCommit() {
        List<PartitionState> all = new ArrayList<>(states.values());
        all.forEach(PartitionState::markRevoked);
        if (!awaitIdle(all, closeTimeout)) {
            long running = all.stream().mapToInt(s -> s.executing().get()).sum();
            log.warn("{} handler(s) still running after {} ms; their records are not committed and will be"
                    + " redelivered", running, closeTimeout.toMillis());
            workers.shutdownNow();
        }
        commitSync(all);
    }

    private void shutdownExecutors() {
        scheduler.shutdownNow();
        workers.shutdown();
    }

    /** Finishes and commits in-flight work of revoked partitions before they move to another member. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            groupMetadata.set(consumer.groupMetadata());
            for (TopicPartition tp : partitions) {
                states.put(tp, new PartitionState(tp));
            }
            if (!partitions.isEmpty()) {
                log.info("group {} assigned {}", options.groupId(), partitions);
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
            if (!closing && !awaitIdle(revoked, options.revokeTimeout())) {
                log.warn("handlers of revoked partitions {} still running after {} ms; their records will be"
                        + " processed again by the new owner", partitions, options.revokeTimeout().toMillis());
            }
            commitSync(revoked);
            partitions.forEach(states::remove);
            log.info("group {} revoked {}", options.groupId(), partitions);
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
