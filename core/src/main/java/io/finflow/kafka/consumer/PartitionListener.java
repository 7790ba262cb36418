package io.finflow.kafka.consumer;

import java.util.Collection;

import org.apache.kafka.common.TopicPartition;

/**
 * Told which partitions this member of the group processes, for handlers that keep state per
 * partition (for example the balances of the accounts whose events a partition holds): load the
 * state of an assigned partition before its first record, drop the state of a partition that moved
 * to another member.
 *
 * <pre>{@code
 * consumer.subscribe("transaction-events", TransactionEvent.class, ledger::apply)
 *         .partitionListener(new PartitionListener() {
 *             public void onAssigned(Collection<TopicPartition> partitions) { ledger.restore(partitions); }
 *             public void onRevoked(Collection<TopicPartition> partitions) { ledger.drop(partitions); }
 *         })
 *         .start();
 * }</pre>
 *
 * <p><b>Threading:</b> both methods run on the consumer's poll thread, inside Kafka's rebalance
 * callback, one call at a time. Polling waits while they run: keep them well below
 * {@code max.poll.interval.ms}. Handlers of other partitions keep running meanwhile.
 *
 * <p><b>Failures:</b> an exception thrown by either method stops the consumer; it is then reported
 * by {@link io.finflow.kafka.EventConsumer#failure()}.
 */
public interface PartitionListener {

    /** A listener that does nothing. */
    PartitionListener NONE = new PartitionListener() {
        @Override
        public void onAssigned(Collection<TopicPartition> partitions) {
        }

        @Override
        public void onRevoked(Collection<TopicPartition> partitions) {
        }
    };

    /**
     * Partitions newly assigned to this member (only the new ones, never empty). Called before any
     * record of these partitions is handed to a handler, so state loaded here is in place for the
     * first record.
     *
     * @param partitions the partitions added to this member's assignment
     */
    void onAssigned(Collection<TopicPartition> partitions);

    /**
     * Partitions this member no longer processes: revoked by a rebalance, lost (the member was
     * expelled from the group), or released by {@code close()} (never empty). Called after the
     * handlers of these partitions finished (or the revoke timeout passed) and, outside exactly-once
     * mode, after their offsets were committed; no record of these partitions starts afterwards.
     *
     * @param partitions the partitions removed from this member's assignment
     */
    void onRevoked(Collection<TopicPartition> partitions);
}
