package io.finflow.kafka.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.finflow.kafka.consumer.ConsumerOptions;
import io.finflow.kafka.consumer.PartitionListener;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands partitions over between members; called by Kafka on the poll thread.
 *
 * <p><b>Revocation:</b> a revoked partition's work gate closes at once (no handler of it starts any
 * more), then the rebalance waits for its running handlers as long as Kafka keeps this member in the
 * group ({@code max.poll.interval.ms}), so that a record is never handled by two members at once;
 * {@code revokeTimeout} only decides when a WARN names the handlers that hold the rebalance up. Then
 * the finished offsets are committed and the partition is released. While the consumer stops, the
 * wait is bounded by the stop deadline instead.
 *
 * <p><b>Assignment:</b> a partition's committed mark starts at the group's committed offset, so that
 * an idle partition is committed only once the consumer moved past it.
 */
final class RebalanceHandler implements ConsumerRebalanceListener {

    /** What the handler needs from its poll loop. */
    interface Host {
        /** The Kafka consumer now (it changes when the group protocol falls back). */
        Consumer<byte[], byte[]> consumer();

        /** True once the consumer is closing or failed. */
        boolean stopping();

        /** {@link System#nanoTime()} by which a stopping consumer stops waiting for handlers. */
        long stopDeadline();

        /** False when nothing may be committed any more (a fenced transactional instance). */
        boolean mayCommit();
    }

    private static final Logger log = LoggerFactory.getLogger(RebalanceHandler.class);
    private static final Duration COMMITTED_TIMEOUT = Duration.ofSeconds(10);
    /** Kafka's default {@code max.poll.interval.ms}. */
    private static final long DEFAULT_MAX_POLL_INTERVAL_MS = 300_000;
    /** Released before {@code max.poll.interval.ms} runs out, so that the commit still reaches the group. */
    private static final Duration POLL_INTERVAL_MARGIN = Duration.ofSeconds(5);

    private final Host host;
    private final ConsumerOptions options;
    private final Map<TopicPartition, PartitionState> states;
    private final Map<TopicPartition, String> stoppedAtExit;
    private final OffsetCommitter committer;
    private final AtomicReference<ConsumerGroupMetadata> groupMetadata;
    private final Duration maxPollInterval;
    private final PartitionListener listener;

    /**
     * @param states        the assigned partitions, shared with the poll loop
     * @param stoppedAtExit filled with the reasons of partitions stopped at a record when they are revoked
     * @param listener      the application's {@link PartitionListener}
     */
    RebalanceHandler(Host host, ConsumerOptions options, Map<TopicPartition, PartitionState> states,
                     Map<TopicPartition, String> stoppedAtExit, OffsetCommitter committer,
                     AtomicReference<ConsumerGroupMetadata> groupMetadata, PartitionListener listener) {
        this.listener = listener;
        this.host = host;
        this.options = options;
        this.states = states;
        this.stoppedAtExit = stoppedAtExit;
        this.committer = committer;
        this.groupMetadata = groupMetadata;
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
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        groupMetadata.set(host.consumer().groupMetadata());
        Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(partitions);
        for (TopicPartition tp : partitions) {
            PartitionState state = new PartitionState(tp);
            OffsetAndMetadata c = committed.get(tp);
            state.commitConfirmed(c == null ? 0 : c.offset());
            states.put(tp, state);
        }
        if (!partitions.isEmpty()) {
            log.info("group {} assigned {}", options.groupId(), partitions);
            // Kafka fetches none of these partitions before this callback returns.
            listener.onAssigned(List.copyOf(partitions));
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committedOffsets(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        try {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    host.consumer().committed(new HashSet<>(partitions), COMMITTED_TIMEOUT);
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
        if (host.stopping()) {
            // The drain waits for the handlers, within the stop deadline.
            PartitionState.awaitIdle(revoked, host.stopDeadline());
        } else {
            awaitRunningHandlers(revoked, partitions);
        }
        if (host.mayCommit()) {
            committer.commitSync(host.consumer(), revoked, PollLoop.COMMIT_TIMEOUT);
        }
        revoked.stream().filter(s -> s.stoppedReason() != null)
                .forEach(s -> stoppedAtExit.put(s.partition(), s.stoppedReason()));
        partitions.forEach(states::remove);
        log.info("group {} revoked {}", options.groupId(), partitions);
        listener.onRevoked(revoked.stream().map(PartitionState::partition).toList());
    }

    private void awaitRunningHandlers(List<PartitionState> revoked, Collection<TopicPartition> partitions) {
        Duration allowed = maxPollInterval.minus(POLL_INTERVAL_MARGIN);
        long deadline = System.nanoTime() + Math.max(allowed.toNanos(), Duration.ofSeconds(1).toNanos());
        long warnAt = Math.min(deadline, System.nanoTime() + options.revokeTimeout().toNanos());
        if (PartitionState.awaitIdle(revoked, warnAt)) {
            return;
        }
        log.warn("{} handler(s) of revoked partitions {} still running after {} ms: the rebalance waits for them,"
                + " so that no record is handled by two members at once", PartitionState.working(revoked), partitions,
                options.revokeTimeout().toMillis());
        if (!PartitionState.awaitIdle(revoked, deadline)) {
            log.error("{} handler(s) of revoked partitions {} still running at the end of max.poll.interval.ms ({} ms):"
                    + " the partitions are given up and their new owner may handle those records while they still"
                    + " run", PartitionState.working(revoked), partitions, maxPollInterval.toMillis());
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        List<TopicPartition> lost = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            PartitionState s = states.remove(tp);
            if (s != null) {
                s.markRevoked();
                lost.add(tp);
            }
        }
        log.warn("group {} lost {} without a clean revocation; unfinished records will be redelivered",
                options.groupId(), partitions);
        if (!lost.isEmpty()) {
            listener.onRevoked(lost);
        }
    }
}
