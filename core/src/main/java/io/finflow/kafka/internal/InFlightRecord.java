package io.finflow.kafka.internal;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One record on its way through its attempts, retries and dead letter write, until its lane may
 * move on ({@link #done}).
 */
final class InFlightRecord {

    final ConsumerRecord<byte[], byte[]> record;
    final PartitionState state;
    final Subscription subscription;
    /** Lets the record's lane move on; called exactly once, when the record is finished or given up. */
    final Runnable done;
    /** {@link System#nanoTime()} of the first failed attempt, 0 before. */
    long firstFailureNanos;

    InFlightRecord(ConsumerRecord<byte[], byte[]> record, PartitionState state, Subscription subscription,
                   Runnable done) {
        this.record = record;
        this.state = state;
        this.subscription = subscription;
        this.done = done;
    }

    TopicPartition partition() {
        return state.partition();
    }

    long offset() {
        return record.offset();
    }

    /** {@code topic-partition@offset}, as logs and reasons name a record. */
    String where() {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
