package io.finflow.kafka.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits what the consumer may commit, from the poll thread only (commit callbacks run on it too).
 *
 * <ul>
 *   <li>The offset of a partition is the lowest unfinished record ({@link OffsetTracker}); when nothing
 *       of the partition is unfinished it is the consumer's position, which is past the transaction
 *       markers and aborted records the consumer skipped, so that the lag of a topic written with
 *       transactions reaches 0 (committing "last record + 1" would point at the commit marker).</li>
 *   <li>A partition's committed mark moves only when the broker confirms the commit. A failed commit
 *       is sent again at the next interval, also for a partition that received nothing since.</li>
 *   <li>In exactly-once mode the records' offsets are committed by their transactions; this class
 *       only commits the position of an idle partition when it is past what the transactions
 *       committed (markers of a transactional input).</li>
 * </ul>
 */
final class OffsetCommitter {

    private static final Logger log = LoggerFactory.getLogger(OffsetCommitter.class);

    private final String groupId;
    private final boolean transactional;
    private final ConsumerCounters counters;
    private boolean failing;

    /**
     * @param transactional true in exactly-once mode, where transactions commit the records' offsets
     */
    OffsetCommitter(String groupId, boolean transactional, ConsumerCounters counters) {
        this.groupId = groupId;
        this.transactional = transactional;
        this.counters = counters;
    }

    /** Sends an asynchronous commit of every partition whose committable offset is not committed yet. */
    void commitAsync(Consumer<byte[], byte[]> consumer, Collection<PartitionState> states) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Map<TopicPartition, PartitionState> sentFor = new HashMap<>();
        for (PartitionState s : states) {
            long target = target(consumer, s);
            if (target > s.committed() && target != s.commitInFlight()) {
                offsets.put(s.partition(), new OffsetAndMetadata(target));
                sentFor.put(s.partition(), s);
                s.commitSent(target);
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        counters.commits.increment();
        consumer.commitAsync(offsets, (committed, error) -> {
            offsets.forEach((tp, om) -> {
                PartitionState s = sentFor.get(tp);
                if (error == null) {
                    s.commitConfirmed(om.offset());
                } else {
                    s.commitFailed(om.offset());
                }
            });
            if (error != null && !failing) {
                failing = true;
                log.warn("offset commit of group {} failed; it is sent again every commit interval until the broker"
                        + " confirms it: {}", groupId, error.toString());
            } else if (error == null && failing) {
                failing = false;
                log.info("offset commits of group {} succeed again", groupId);
            }
        });
    }

    /**
     * Commits synchronously (before a partition moves, on close). A failure is logged: the records
     * after the last confirmed commit are then processed again by the next owner, never lost.
     */
    void commitSync(Consumer<byte[], byte[]> consumer, Collection<PartitionState> states, Duration timeout) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Map<TopicPartition, PartitionState> sentFor = new HashMap<>();
        for (PartitionState s : states) {
            long target = target(consumer, s);
            if (target > s.committed()) {
                offsets.put(s.partition(), new OffsetAndMetadata(target));
                sentFor.put(s.partition(), s);
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            counters.commits.increment();
            consumer.commitSync(offsets, timeout);
            offsets.forEach((tp, om) -> sentFor.get(tp).commitConfirmed(om.offset()));
            log.debug("committed {}", offsets);
        } catch (KafkaException e) {
            log.warn("offset commit of group {} failed; records after the last committed offsets will be processed"
                    + " again: {}", groupId, e.toString());
        }
    }

    /** The offset to commit for a partition now, or -1 for none. */
    private long target(Consumer<byte[], byte[]> consumer, PartitionState s) {
        long next = s.tracker().committable().orElse(-1L);
        if (s.tracker().unfinishedCount() == 0 && s.stoppedReason() == null) {
            long position = position(consumer, s.partition());
            if (position > next) {
                return position;
            }
        }
        return transactional ? -1 : next;
    }

    private static long position(Consumer<byte[], byte[]> consumer, TopicPartition tp) {
        try {
            // Zero timeout: known positions are answered at once; an unknown one is skipped this time.
            return consumer.position(tp, Duration.ZERO);
        } catch (KafkaException | IllegalStateException e) {
            return -1;
        }
    }
}
