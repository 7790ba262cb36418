package io.finflow.kafka.internal;

import java.util.concurrent.atomic.LongAdder;

import io.finflow.kafka.consumer.ConsumerStats;

/** Thread-safe counters behind {@link ConsumerStats}. */
public final class ConsumerCounters {

    final LongAdder processed = new LongAdder();
    final LongAdder failedAttempts = new LongAdder();
    final LongAdder retried = new LongAdder();
    final LongAdder deadLettered = new LongAdder();
    final LongAdder commits = new LongAdder();

    public ConsumerStats snapshot() {
        return new ConsumerStats(processed.sum(), failedAttempts.sum(), retried.sum(), deadLettered.sum(),
                commits.sum());
    }
}
