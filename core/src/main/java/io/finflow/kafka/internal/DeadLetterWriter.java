package io.finflow.kafka.internal;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.finflow.kafka.consumer.DeadLetterWriteException;
import io.finflow.kafka.consumer.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a record that cannot be processed to its dead letter topic, and only then marks it
 * finished. A failed write (topic missing, no ACL, record too large, broker unreachable) is retried
 * with the {@link RetryPolicy}'s backoff while the record's partition waits, paused, at the record:
 * {@code stoppedPartitions()} says why. Once the policy's {@code maxRetryTime} has passed since the
 * first failed write, the partition stops there and the consumer fails with a
 * {@link DeadLetterWriteException} that says what to do. Nothing past the record is ever committed.
 */
final class DeadLetterWriter {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterWriter.class);
    /** One WARN line per record written to a DLQ: its own logger, so that an application may quiet only these. */
    private static final Logger sentLog = LoggerFactory.getLogger(DeadLetterWriter.class.getName() + ".sent");

    private final String groupId;
    private final DeadLetterPublisher publisher;
    private final TransactionalCommitter transactions;
    private final RetryPolicy retry;
    private final Executor workers;
    private final ScheduledExecutorService scheduler;
    private final ConsumerCounters counters;
    private final ConsumerLifecycle lifecycle;

    DeadLetterWriter(String groupId, DeadLetterPublisher publisher, TransactionalCommitter transactions,
                     RetryPolicy retry, Executor workers, ScheduledExecutorService scheduler, ConsumerCounters counters,
                     ConsumerLifecycle lifecycle) {
        this.groupId = groupId;
        this.publisher = publisher;
        this.transactions = transactions;
        this.retry = retry;
        this.workers = workers;
        this.scheduler = scheduler;
        this.counters = counters;
        this.lifecycle = lifecycle;
    }

    /** A dead letter on its way: the write may be retried; once written, only the offset commit is. */
    private static final class Letter {
        final InFlightRecord record;
        final Throwable failure;
        final int attempts;
        boolean written;
        long firstFailureNanos;

        Letter(InFlightRecord record, Throwable failure, int attempts) {
            this.record = record;
            this.failure = failure;
            this.attempts = attempts;
        }
    }

    /**
     * Writes the record to its dead letter topic; called within a unit of work of its partition.
     *
     * @return true when the write failed and is being retried: this class then calls the record's
     *         {@code done} itself; false when the record's caller should call it now
     */
    boolean write(InFlightRecord record, Throwable failure, int attempts) {
        return tryWrite(new Letter(record, failure, attempts), 1);
    }

    private boolean tryWrite(Letter letter, int writeAttempt) {
        InFlightRecord r = letter.record;
        String dlqTopic = r.subscription.spec().dlqTopic();
        try {
            if (!letter.written) {
                publisher.publish(r.record, dlqTopic, letter.failure, letter.attempts);
                letter.written = true;
            }
            if (transactions != null) {
                transactions.run(r.partition(), r.offset() + 1, () -> { });
            }
        } catch (TransactionalCommitter.FatalTransactionException e) {
            counters.failed(r.record.topic());
            ConsumerStop.transactionFailed(r, lifecycle, groupId, e.getCause());
            return false;
        } catch (Exception e) {
            if (!letter.written) {
                counters.dlqWriteFailed(r.record.topic());
            }
            return retryLater(letter, writeAttempt, e);
        }
        r.state.tracker().finish(r.offset());
        r.state.blocked(null);
        counters.deadLettered(r.record.topic());
        sentLog.warn("{} sent to {} after {} attempt(s): {}", r.where(), dlqTopic, letter.attempts, letter.failure.toString());
        return false;
    }

    private boolean retryLater(Letter letter, int writeAttempt, Exception error) {
        InFlightRecord r = letter.record;
        String dlqTopic = r.subscription.spec().dlqTopic();
        if (letter.firstFailureNanos == 0) {
            letter.firstFailureNanos = System.nanoTime();
        }
        Duration failingFor = Duration.ofNanos(System.nanoTime() - letter.firstFailureNanos);
        Duration delay = retry.backoffAfter(writeAttempt);
        if (lifecycle.isFailed() || r.state.isRevoked()) {
            return false;
        }
        if (failingFor.plus(delay).compareTo(retry.maxRetryTime()) > 0) {
            giveUp(letter, writeAttempt, failingFor, error);
            return false;
        }
        String what = letter.written ? "committing the offset of " + r.where() + " (written to " + dlqTopic + ")"
                : "dead letter write of " + r.where() + " to " + dlqTopic;
        String reason = what + " failed (attempt " + writeAttempt + "): " + error.getMessage() + "; retrying in "
                + delay.toMillis() + " ms for up to " + retry.maxRetryTime().toSeconds() + " s; the partition waits"
                + " at this record and nothing from it on is committed";
        r.state.blocked(reason);
        log.warn(reason);
        r.state.waitingForRetry().incrementAndGet();
        try {
            scheduler.schedule(() -> {
                r.state.waitingForRetry().decrementAndGet();
                try {
                    workers.execute(() -> retry(letter, writeAttempt + 1));
                } catch (RejectedExecutionException e) {
                    r.done.run();
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            r.state.waitingForRetry().decrementAndGet();
            return false;
        }
        return true;
    }

    private void retry(Letter letter, int writeAttempt) {
        InFlightRecord r = letter.record;
        if (lifecycle.isFailed() || !r.state.tryStartWork()) {
            r.done.run();
            return;
        }
        boolean handedOver = false;
        try {
            handedOver = tryWrite(letter, writeAttempt);
        } finally {
            r.state.endWork();
            if (!handedOver) {
                r.done.run();
            }
        }
    }

    private void giveUp(Letter letter, int writeAttempts, Duration failingFor, Exception error) {
        InFlightRecord r = letter.record;
        String dlqTopic = r.subscription.spec().dlqTopic();
        String message = "dead letter write of " + r.where() + " to " + dlqTopic + " kept failing for "
                + failingFor.toSeconds() + " s (" + writeAttempts + " attempts; last error: " + error.getMessage()
                + "). The consumer of group " + groupId + " stops; nothing from offset " + r.offset()
                + " of this partition on is committed, so nothing is lost. What to do: create the topic " + dlqTopic
                + " (finflow topics apply), grant this client WRITE on it, or raise its max.message.bytes; then"
                + " restart the consumer";
        r.state.blocked(null);
        counters.failed(r.record.topic());
        ConsumerStop.at(r, lifecycle, message, new DeadLetterWriteException(message, error));
    }
}
