package io.finflow.kafka.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.finflow.kafka.consumer.EventMetadata;
import io.finflow.kafka.consumer.PoisonRecordException;
import io.finflow.kafka.consumer.RetryPolicy;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes one record to its end: decode, call the handler, retry with backoff on failure, and
 * dead-letter after the last attempt or at once for poison records and non-retryable failures.
 * The record's offset is marked finished only after success or an acknowledged dead letter write.
 * A record of a revoked or stopped partition is skipped and stays unfinished (so it is redelivered).
 */
public final class RecordProcessor {

    private static final Logger log = LoggerFactory.getLogger(RecordProcessor.class);

    private final RecordDecoder decoder;
    private final RetryPolicy retry;
    private final DeadLetterPublisher deadLetters;
    private final Executor workers;
    private final ScheduledExecutorService scheduler;
    private final ConsumerCounters counters;
    private final TransactionalCommitter transactions;

    /**
     * @param transactions commits each record's offset in a Kafka transaction with what the handler
     *                     sent (exactly-once); null for at-least-once with consumer commits
     */
    public RecordProcessor(RecordDecoder decoder, RetryPolicy retry, DeadLetterPublisher deadLetters,
                           Executor workers, ScheduledExecutorService scheduler, ConsumerCounters counters,
                           TransactionalCommitter transactions) {
        this.transactions = transactions;
        this.decoder = decoder;
        this.retry = retry;
        this.deadLetters = deadLetters;
        this.workers = workers;
        this.scheduler = scheduler;
        this.counters = counters;
    }

    /** Runs the first attempt; {@code done} is called once the record's lane may move on. */
    public void process(ConsumerRecord<byte[], byte[]> record, PartitionState state, Subscription sub, Runnable done) {
        attempt(record, state, sub, 1, done);
    }

    private void attempt(ConsumerRecord<byte[], byte[]> record, PartitionState state, Subscription sub,
                         int attempt, Runnable done) {
        if (skipped(state)) {
            done.run();
            return;
        }
        state.executing().incrementAndGet();
        boolean released = false;
        try {
            Throwable failure;
            boolean poison = false;
            try {
                RecordDecoder.Decoded decoded = decoder.decode(record, sub.spec(), sub.type());
                if (transactions == null) {
                    sub.handler().handle(decoded.event(), metadata(record, decoded.schemaVersion(), attempt));
                } else {
                    transactions.run(new org.apache.kafka.common.TopicPartition(record.topic(), record.partition()),
                            record.offset() + 1,
                            () -> sub.handler().handle(decoded.event(), metadata(record, decoded.schemaVersion(), attempt)));
                }
                failure = null;
            } catch (PoisonRecordException e) {
                failure = e;
                poison = true;
                counters.invalid(record.topic());
            } catch (Throwable t) {
                failure = t;
            }
            if (failure == null) {
                state.tracker().finish(record.offset());
                counters.processed(record.topic());
                return;
            }
            if (failure instanceof Error && !(failure instanceof AssertionError)) {
                throw (Error) failure;
            }
            if (!poison) {
                counters.failedAttempts.increment();
            }
            if (skipped(state)) {
                // Revoked or closing while the handler ran (e.g. interrupted on shutdown): leave it for redelivery.
                return;
            }
            if (!poison && retry.shouldRetry(failure, attempt)) {
                scheduleRetry(record, state, sub, attempt, failure, done);
                released = true;
                return;
            }
            deadLetter(record, state, sub, failure, poison ? 0 : attempt);
        } finally {
            state.executing().decrementAndGet();
            if (!released) {
                done.run();
            }
        }
    }

    private void scheduleRetry(ConsumerRecord<byte[], byte[]> record, PartitionState state, Subscription sub,
                               int attempt, Throwable failure, Runnable done) {
        Duration delay = retry.backoffAfter(attempt);
        log.info("{}-{}@{} failed (attempt {}/{}), retrying in {} ms: {}", record.topic(), record.partition(),
                record.offset(), attempt, retry.maxAttempts(), delay.toMillis(), failure.toString());
        counters.retried(record.topic());
        state.waitingForRetry().incrementAndGet();
        try {
            scheduler.schedule(() -> {
                state.waitingForRetry().decrementAndGet();
                try {
                    workers.execute(() -> attempt(record, state, sub, attempt + 1, done));
                } catch (RejectedExecutionException e) {
                    done.run();
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            state.waitingForRetry().decrementAndGet();
            done.run();
        }
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, PartitionState state, Subscription sub,
                            Throwable failure, int attempts) {
        String dlqTopic = sub.spec().dlqTopic();
        try {
            deadLetters.publish(record, dlqTopic, failure, attempts);
            if (transactions != null) {
                transactions.run(new org.apache.kafka.common.TopicPartition(record.topic(), record.partition()),
                        record.offset() + 1, () -> { });
            }
            state.tracker().finish(record.offset());
            counters.deadLettered(record.topic());
            log.warn("{}-{}@{} sent to {} after {} attempt(s): {}", record.topic(), record.partition(),
                    record.offset(), dlqTopic, attempts, failure.toString());
        } catch (Exception e) {
            String reason = "dead letter write failed for " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " (" + e.getMessage() + "); the partition is stopped and nothing from"
                    + " this offset on is committed, so nothing is lost: fix the dead letter topic and restart";
            state.stop(reason);
            counters.failed(record.topic());
            log.error(reason, e);
        }
    }

    private static boolean skipped(PartitionState state) {
        return state.isRevoked() || state.stoppedReason() != null;
    }

    private static EventMetadata metadata(ConsumerRecord<byte[], byte[]> record, int schemaVersion, int attempt) {
        Map<String, String> headers = new HashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        headers.values().removeIf(java.util.Objects::isNull);
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        return new EventMetadata(record.topic(), record.partition(), record.offset(), key,
                Instant.ofEpochMilli(record.timestamp()), headers, headers.get(CloudEventHeaders.ID), schemaVersion,
                attempt);
    }
}
