package io.finflow.kafka.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.finflow.kafka.consumer.ConsumerStats;

/**
 * Thread-safe counters behind {@link ConsumerStats}, also kept per topic for the consumer's metrics
 * ({@link io.finflow.kafka.metrics.ConsumerMetrics} reads them; nothing here knows about Micrometer).
 */
public final class ConsumerCounters {

    final LongAdder processed = new LongAdder();
    final LongAdder failedAttempts = new LongAdder();
    final LongAdder retried = new LongAdder();
    final LongAdder deadLettered = new LongAdder();
    final LongAdder commits = new LongAdder();
    private final AtomicInteger pausedPartitions = new AtomicInteger();
    private final Map<String, TopicCounts> topics = new ConcurrentHashMap<>();

    public ConsumerStats snapshot() {
        return new ConsumerStats(processed.sum(), failedAttempts.sum(), retried.sum(), deadLettered.sum(),
                commits.sum());
    }

    /** The counts of one topic, created empty on first use. */
    public TopicCounts topic(String topic) {
        TopicCounts counts = topics.get(topic);
        return counts != null ? counts : topics.computeIfAbsent(topic, t -> new TopicCounts());
    }

    /** Partitions paused right now (waiting for a retry, stopped, or too much unfinished work). */
    public int pausedPartitions() {
        return pausedPartitions.get();
    }

    void pausedPartitions(int paused) {
        pausedPartitions.set(paused);
    }

    /** A handler returned normally. */
    void processed(String topic) {
        processed.increment();
        topic(topic).processed.increment();
    }

    /** A failed attempt will be tried again after a backoff. */
    void retried(String topic) {
        retried.increment();
        topic(topic).retried.increment();
    }

    /** A record was written to its dead letter topic (acknowledged). */
    void deadLettered(String topic) {
        deadLettered.increment();
        topic(topic).deadLettered.increment();
    }

    /**
     * A record could be neither handled nor dead-lettered and stopped the consumer (its dead letter write kept
     * failing, its handler threw an Error, or its transaction failed fatally).
     */
    void failed(String topic) {
        topic(topic).failed.increment();
    }

    /** A write to the dead letter topic failed (it is retried while the partition waits). */
    void dlqWriteFailed(String topic) {
        topic(topic).dlqWriteFailures.increment();
    }

    /** A record could not be decoded or broke its schema (a poison record). */
    void invalid(String topic) {
        topic(topic).invalid.increment();
    }

    /** Counts of one topic since the consumer started. Thread-safe. */
    public static final class TopicCounts {

        private final LongAdder processed = new LongAdder();
        private final LongAdder retried = new LongAdder();
        private final LongAdder deadLettered = new LongAdder();
        private final LongAdder failed = new LongAdder();
        private final LongAdder invalid = new LongAdder();
        private final LongAdder dlqWriteFailures = new LongAdder();

        /** Records whose handler returned normally. */
        public long processed() {
            return processed.sum();
        }

        /** Failed attempts scheduled for another try. */
        public long retried() {
            return retried.sum();
        }

        /** Records written to the dead letter topic. */
        public long deadLettered() {
            return deadLettered.sum();
        }

        /** Records that stopped the consumer, neither handled nor dead-lettered (never committed). */
        public long failed() {
            return failed.sum();
        }

        /** Failed writes to the dead letter topic, each retry counted. */
        public long dlqWriteFailures() {
            return dlqWriteFailures.sum();
        }

        /** Records that were not valid JSON or broke their schema. */
        public long invalid() {
            return invalid.sum();
        }
    }
}
