package io.finflow.kafka.internal;

import java.util.Map;
import java.util.function.Supplier;

import io.finflow.kafka.EventProducer;
import io.finflow.kafka.producer.TransactionSendException;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ApplicationRecoverableException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once consume-transform-produce: runs a record's processing inside a Kafka transaction of
 * the given producer and adds the record's offset to the same transaction, so the events the
 * handler sent and the consumed offset commit together or not at all.
 *
 * <p>Transaction errors are classified as Kafka documents them for {@code KafkaProducer}:
 * <ul>
 *   <li><b>fatal</b>: the producer was fenced by a newer instance with the same transactional id
 *       ({@link ProducerFencedException}, {@link InvalidProducerEpochException}), finds its transaction ended by
 *       the coordinator ({@link InvalidTxnStateException}), is not authorized,
 *       lost its sequence or meets a broker without transactions. The producer is unusable: a
 *       {@link FatalTransactionException} is thrown and the consumer must stop without writing or
 *       committing anything more.</li>
 *   <li><b>commit timeout</b> ({@link TimeoutException} from {@code commitTransaction}): the outcome is
 *       unknown and only the commit may be retried; it is, up to {@value #COMMIT_ATTEMPTS} times, then
 *       it is fatal.</li>
 *   <li><b>abortable</b> (everything else: a failed send, {@code TransactionAbortableException}, a stale
 *       group generation): the transaction is aborted and the error thrown, so the record is retried
 *       or dead-lettered like any failed attempt.</li>
 * </ul>
 */
public final class TransactionalCommitter {

    private static final Logger log = LoggerFactory.getLogger(TransactionalCommitter.class);

    /** Calls of {@code commitTransaction} before a timing-out commit is given up (fatal). */
    static final int COMMIT_ATTEMPTS = 5;

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
                    + " create it with ProducerOptions.Builder.transactionalId");
        }
        this.producer = producer;
        this.groupMetadata = groupMetadata;
    }

    /**
     * Runs {@code body} and commits {@code nextOffset} for {@code partition} in one transaction.
     *
     * @throws FatalTransactionException the producer can no longer be used (fenced, ...); nothing was committed
     * @throws Exception                 anything else: the transaction was aborted
     */
    public void run(TopicPartition partition, long nextOffset, Body body) throws Exception {
        try {
            producer.beginTransaction();
        } catch (RuntimeException e) {
            throw isFatal(e) ? new FatalTransactionException(e) : e;
        }
        try {
            body.run();
            producer.sendOffsetsToTransaction(Map.of(partition, new OffsetAndMetadata(nextOffset)), groupMetadata.get());
        } catch (Exception | Error e) {
            abort(e);
            if (isFatal(e)) {
                throw new FatalTransactionException(e);
            }
            throw e;
        }
        commit(partition, nextOffset);
    }

    private void commit(TopicPartition partition, long nextOffset) {
        for (int attempt = 1; ; attempt++) {
            try {
                producer.commitTransaction();
                return;
            } catch (TransactionSendException e) {
                // already aborted: a send of the record's output failed; fatal when the send met fencing
                Throwable fencing = fencingCause(e);
                throw fencing == null ? e : new FatalTransactionException(fencing);
            } catch (TimeoutException e) {
                if (attempt >= COMMIT_ATTEMPTS) {
                    throw new FatalTransactionException(new TimeoutException("the commit of the transaction of "
                            + partition + "@" + (nextOffset - 1) + " timed out " + attempt
                            + " times; its outcome is unknown and the producer can only be closed", e));
                }
                log.warn("commit of the transaction of {}@{} timed out (attempt {} of {}), retrying the commit: {}",
                        partition, nextOffset - 1, attempt, COMMIT_ATTEMPTS, e.getMessage());
            } catch (RuntimeException e) {
                if (isFatal(e)) {
                    throw new FatalTransactionException(e);
                }
                abort(e);
                throw e;
            }
        }
    }

    private void abort(Throwable cause) {
        if (isFatal(cause)) {
            return; // a fenced producer cannot abort; the coordinator aborts its transaction
        }
        try {
            producer.abortTransaction();
        } catch (RuntimeException abortFailure) {
            cause.addSuppressed(abortFailure);
            if (isFatal(abortFailure)) {
                throw new FatalTransactionException(abortFailure);
            }
        }
    }

    /**
     * True for the errors after which a transactional producer can only be closed, anywhere in the chain:
     * fencing (Kafka's {@link ApplicationRecoverableException}s: a newer instance owns the transactional id),
     * {@link InvalidTxnStateException} (the coordinator ended the transaction under us, e.g. when a new
     * instance took the id mid-transaction; Kafka's producer treats it as fatal), lost sequence, authorization
     * and unsupported versions.
     */
    static boolean isFatal(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransactionSendException) {
                // a failed send of the output: the producer aborted and is still usable, unless the send
                // itself met fencing (an idle zombie learns of its successor from its next send)
                return fencingCause(t) != null;
            }
            if (t instanceof ApplicationRecoverableException || t instanceof InvalidTxnStateException
                    || t instanceof OutOfOrderSequenceException || t instanceof AuthorizationException
                    || t instanceof UnsupportedVersionException || t instanceof FatalTransactionException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first error in {@code error}'s chain saying that another instance owns the transactional id
     * ({@link ProducerFencedException}, {@link InvalidProducerEpochException}: Kafka's
     * {@link ApplicationRecoverableException}s) or that the coordinator ended the transaction
     * ({@link InvalidTxnStateException}); null when there is none.
     */
    static Throwable fencingCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApplicationRecoverableException || t instanceof InvalidTxnStateException) {
                return t;
            }
        }
        return null;
    }

    /** The transactional producer can no longer be used; its cause is Kafka's exception. */
    public static final class FatalTransactionException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FatalTransactionException(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
