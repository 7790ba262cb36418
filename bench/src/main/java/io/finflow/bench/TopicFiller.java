package io.finflow.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.finflow.kafka.EventProducer;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.producer.ProducerOptions;

/** Writes the records consumer runs read, through the library (validated, with headers). */
final class TopicFiller {

    private TopicFiller() {
    }

    /** Sends the corpus' first {@code count} events to {@code topic} and waits for every acknowledgement. */
    static void fill(BenchCluster cluster, TopicCatalog catalog, String topic, EventCorpus corpus, int count,
            PrintStream progress) {
        long start = System.nanoTime();
        CountDownLatch done = new CountDownLatch(count);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong failures = new AtomicLong();
        try (EventProducer producer = EventProducer.create(
                ProducerOptions.builder(cluster.clientConfig(), BenchSuite.SOURCE).catalog(catalog).build())) {
            for (int i = 0; i < count; i++) {
                producer.send(topic, corpus.event(i)).whenComplete((result, error) -> {
                    if (error != null) {
                        failures.incrementAndGet();
                        failure.compareAndSet(null, error);
                    }
                    done.countDown();
                });
            }
            producer.flush();
            if (!done.await(60 + count / 1_000, TimeUnit.SECONDS)) {
                throw new IllegalStateException("filling " + topic + ": " + done.getCount() + " records not acknowledged");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while filling " + topic, e);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("filling " + topic + ": " + failures.get() + " sends failed, first: "
                    + failure.get(), failure.get());
        }
        progress.printf(Locale.ROOT, "  filled %s with %,d records in %.1f s%n", topic, count,
                (System.nanoTime() - start) / 1e9);
    }
}
