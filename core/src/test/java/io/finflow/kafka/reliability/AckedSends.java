package io.finflow.kafka.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.finflow.kafka.EventProducer;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.producer.SendResult;

/**
 * Sends small transaction events with an {@link EventProducer} and keeps what Kafka made of each: the ids
 * ({@code ce_id}) of the acknowledged ones and the failures. Accounts are used round-robin, so events spread over
 * every partition. Thread-safe.
 */
final class AckedSends {

    private final EventProducer producer;
    private final String topic;
    private final int accounts;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicLong longestSendNanos = new AtomicLong();
    private final Set<String> acked = ConcurrentHashMap.newKeySet();
    private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<CompletableFuture<SendResult>> pending = Collections.synchronizedList(new ArrayList<>());

    AckedSends(EventProducer producer, String topic, int accounts) {
        this.producer = producer;
        this.topic = topic;
        this.accounts = accounts;
    }

    /** Sends one event; its outcome is recorded when Kafka answers. */
    void sendOne() {
        int n = sent.getAndIncrement();
        long start = System.nanoTime();
        CompletableFuture<SendResult> f = producer.send(topic,
                TransactionEvent.credit("acc-" + n % accounts, "1.00", "EUR"));
        longestSendNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
        pending.add(f.whenComplete((result, error) -> {
            if (error == null) {
                acked.add(result.eventId());
            } else {
                failures.add(error);
            }
        }));
    }

    /** Sends {@code count} events at once. */
    AckedSends send(int count) {
        for (int i = 0; i < count; i++) {
            sendOne();
        }
        return this;
    }

    /** Waits until every event sent so far was acknowledged or failed. */
    AckedSends awaitOutcomes(Duration max) throws InterruptedException, TimeoutException {
        List<CompletableFuture<SendResult>> all;
        synchronized (pending) {
            all = List.copyOf(pending);
        }
        try {
            CompletableFuture.allOf(all.stream().map(f -> f.exceptionally(e -> null)).toArray(CompletableFuture[]::new))
                    .get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot happen: failures are kept, not thrown", e);
        }
        return this;
    }

    /**
     * The longest a {@code send} call blocked its caller, in milliseconds: Kafka's producer waits in {@code send}
     * (up to {@code maxBlock}) while it has no metadata for the topic, e.g. while no broker answers.
     */
    long longestSendMs() {
        return TimeUnit.NANOSECONDS.toMillis(longestSendNanos.get());
    }

    int sent() {
        return sent.get();
    }

    /** Ids of the acknowledged events. */
    Set<String> acked() {
        return acked;
    }

    List<Throwable> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }
}
