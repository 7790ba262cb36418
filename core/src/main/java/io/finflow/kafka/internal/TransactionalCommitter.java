package io.finflow.kafka.internal;

import java.util.Map;
import java.util.function.Supplier;

import io.finflow.kafka.EventProducer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Exactly-once consume-transform-produce: runs a record's processing inside a Kafka transaction of
 * the given producer and adds the record's offset to the same transaction, so the events the
 * handler sent and the consumed offset commit together or not at all. The group metadata comes
 * from the poll thread; a stale generation after a rebalance fences the commit, the transaction
 * aborts and the new owner processes the record.
 */
public final class TransactionalCommitter {

    /** Work that may throw anything. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    private final EventProducer producer;
    private final Supplier<ConsumerGroupMetadata> groupMetadata;

    public TransactionalCommitter(EventProducer producer, Supplier<ConsumerGroupMetadata> groupMetadata) {
        if (!producer.isTransactional()) {
            throw new IllegalArgumentException("exactly-once needs a transactional producer:"
                    + " create it with ProducerOptions.withTransactionalId");
        }
        this.producer = producer;
        this.groupMetadata = groupMetadata;
    }

    /** Runs {@code body} and commits {@code nextOffset} for {@code partition} in one transaction. */
    public void run(TopicPartition partition, long nextOffset, Body body) throws Exception {
        producer.beginTransaction();
        try {
            body.run();
            producer.sendOffsetsToTransaction(Map.of(partition, new OffsetAndMetadata(nextOffset)), groupMetadata.get());
            producer.commitTransaction();
        } catch (Exception | Error e) {
            try {
                producer.abortTransaction();
            } catch (RuntimeException abortFailure) {
                e.addSuppressed(abortFailure);
            }
            throw e;
        }
    }
}
