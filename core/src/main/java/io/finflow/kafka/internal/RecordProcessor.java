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
import io.finflow.kafka.consumer.TombstoneHandler;
import io.finflow.kafka.wire.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes one record to its end: decode, call the handler, retry with backoff on failure, and
 * dead-letter after the retry budget or at once for poison records and non-retryable failures.
 * The record's offset is marked finished only after success or an acknowledged dead letter write.
 *
 * <ul>
 *   <li>A handler starts only through its partition's work gate ({@link PartitionState#tryStartWork()}):
 *       a record of a revoked or stopped partition, or of a failed consumer, is skipped and stays
 *       unfinished, so the partition's next owner processes it.</li>
 *   <li>A record waiting for a retry holds no thread; its partition is paused meanwhile.</li>
 *   <li>An {@link Error} from a handler (or the decoder) is fatal: the partition stops at the record,
 *       uncommitted, and the consumer fails with the Error as its cause.</li>
 * </ul>
 */
public final class RecordProcessor {

    private static final Logger log = LoggerFactory.getLogger(RecordProcessor.class);

    private final RecordDecoder decoder;
    private final RetryPolicy retry;
    private final DeadLetterWriter deadLetters;
    private final Executor workers;
    private final ScheduledExecutorService scheduler;
    private final ConsumerCounters counters;
    private final TransactionalCommitter transactions;
    private final ConsumerLifecycle lifecycle;
    private final String groupId;

    /**
     * @param transactions commits each record's offset in a Kafka transaction with what the handler
     *                     sent (exactly-once); null for at-least-once with consumer commits
     */
    public RecordProcessor(String groupId, RecordDecoder decoder, RetryPolicy retry, DeadLetterPublisher deadLetters,
                           Executor workers, ScheduledExecutorService scheduler, ConsumerCounters counters,
                           TransactionalCommitter transactions, ConsumerLifecycle lifecycle) {
        this.groupId = groupId;
        this.transactions = transactions;
        this.decoder = decoder;
        this.retry = retry;
        this.workers = workers;
        this.scheduler = scheduler;
        this.counters = counters;
        this.lifecycle = lifecycle;
        this.deadLetters = new DeadLetterWriter(groupId, deadLetters, transactions, retry, workers, scheduler, counters,
                lifecycle);
    }

    /** Runs the first attempt; {@code done} is called once the record's lane may move on. */
    public void process(ConsumerRecord<byte[], byte[]> record, PartitionState state, Subscription sub, Runnable done) {
        attempt(new InFlightRecord(record, state, sub, done), 1);
    }

    private void attempt(InFlightRecord r, int attempt) {
        if (lifecycle.isFailed() || !r.state.tryStartWork()) {
            r.done.run();
            return;
        }
        boolean handedOver = false;
        try {
            Throwable failure = handle(r, attempt);
            if (failure == null) {
                r.state.tracker().finish(r.offset());
                counters.processed(r.record.topic());
                return;
            }
            if (failure instanceof Error error) {
                counters.failed(r.record.topic());
                ConsumerStop.at(r, lifecycle, "the handler of " + r.where() + " threw " + error + ": the consumer of"
                        + " group " + groupId + " stops (an Error means the code or the JVM is broken); nothing from"
                        + " offset " + r.offset() + " of this partition on is committed, so the record is processed"
                        + " again after a restart", error);
                return;
            }
            if (failure instanceof TransactionalCommitter.FatalTransactionException fatal) {
                counters.failed(r.record.topic());
                ConsumerStop.transactionFailed(r, lifecycle, groupId, fatal.getCause());
                return;
            }
            boolean poison = failure instanceof PoisonRecordException;
            if (!poison) {
                counters.failedAttempts.increment();
            } else {
                counters.invalid(r.record.topic());
            }
            if (r.state.isRevoked() || lifecycle.isFailed()) {
                // Revoked or closing while the handler ran: the next owner processes the record.
                return;
            }
            if (r.firstFailureNanos == 0) {
                r.firstFailureNanos = System.nanoTime();
            }
            if (!poison) {
                Duration delay = retry.backoffAfter(attempt);
                Duration nextAttemptAt = Duration.ofNanos(System.nanoTime() - r.firstFailureNanos).plus(delay);
                if (retry.shouldRetry(failure, attempt, nextAttemptAt)) {
                    scheduleRetry(r, attempt, delay, failure);
                    handedOver = true;
                    return;
                }
            }
            handedOver = deadLetters.write(r, failure, poison ? 0 : attempt);
        } finally {
            r.state.endWork();
            if (!handedOver) {
                r.done.run();
            }
        }
    }

    /** Decodes and handles the record; returns the failure, or null on success. */
    private Throwable handle(InFlightRecord r, int attempt) {
        try {
            Subscription sub = r.subscription;
            RecordDecoder.Decoded decoded = decoder.decode(r.record, sub.spec(), sub.type());
            EventMetadata metadata = metadata(r.record, decoded.schemaVersion(), attempt);
            TransactionalCommitter.Body body = decoded.tombstone()
                    ? () -> deletion(sub).handle(metadata)
                    : () -> sub.handler().handle(decoded.event(), metadata);
            if (transactions == null) {
                body.run();
            } else {
                transactions.run(r.partition(), r.offset() + 1, body);
            }
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    private static TombstoneHandler deletion(Subscription sub) {
        if (sub.tombstones() == null) {
            // start() refuses a compacted topic without a choice; kept as a guard.
            throw new PoisonRecordException("tombstone on " + sub.spec().name() + " and no tombstone handler", null);
        }
        return sub.tombstones();
    }

    private void scheduleRetry(InFlightRecord r, int attempt, Duration delay, Throwable failure) {
        log.info("{} failed (attempt {}), retrying in {} ms: {}", r.where(), attempt, delay.toMillis(), failure.toString());
        counters.retried(r.record.topic());
        r.state.waitingForRetry().incrementAndGet();
        try {
            scheduler.schedule(() -> {
                r.state.waitingForRetry().decrementAndGet();
                try {
                    workers.execute(() -> attempt(r, attempt + 1));
                } catch (RejectedExecutionException e) {
                    r.done.run();
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            r.state.waitingForRetry().decrementAndGet();
            r.done.run();
        }
    }

    private static EventMetadata metadata(ConsumerRecord<byte[], byte[]> record, int schemaVersion, int attempt) {
        Map<String, String> headers = headerTexts(record.headers().toArray());
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        return new EventMetadata(record.topic(), record.partition(), record.offset(), key,
                Instant.ofEpochMilli(record.timestamp()), headers, headers.get(CloudEventHeaders.ID), schemaVersion,
                attempt);
    }

    /**
     * The headers as UTF-8 text, the last value of each name (a null last value leaves the name out). Built as an
     * immutable map straight away when no name repeats (the usual case), which {@link EventMetadata} keeps without
     * copying it again.
     */
    @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array of entries cannot be created otherwise
    static Map<String, String> headerTexts(Header[] all) {
        Map.Entry<String, String>[] entries = new Map.Entry[all.length];
        for (int i = 0; i < all.length; i++) {
            byte[] value = all[i].value();
            if (value == null || repeatsLater(all, i)) {
                return headerTextsSlow(all);
            }
            entries[i] = Map.entry(all[i].key(), new String(value, StandardCharsets.UTF_8));
        }
        return Map.ofEntries(entries);
    }

    private static boolean repeatsLater(Header[] all, int i) {
        for (int j = i + 1; j < all.length; j++) {
            if (all[j].key().equals(all[i].key())) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> headerTextsSlow(Header[] all) {
        Map<String, String> headers = new HashMap<>();
        for (Header h : all) {
            if (h.value() == null) {
                headers.remove(h.key());
            } else {
                headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        return Map.copyOf(headers);
    }
}
