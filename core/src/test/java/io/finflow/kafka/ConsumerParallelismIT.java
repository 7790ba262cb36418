package io.finflow.kafka;

import static io.finflow.kafka.ConsumerTestSupport.consumerOptions;
import static io.finflow.kafka.ConsumerTestSupport.sendTransactions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.consumer.OrderingMode;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.KafkaExtension;
import io.finflow.kafka.testkit.junit.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class ConsumerParallelismIT {

    private static final int EVENTS = 4_000;
    private static final int KEYS = 1_000;

    @Test
    void sixtyFourWorkersOnOnePartitionKeepEveryKeysOrderAndRunKeysInParallel(EmbeddedKafka kafka, TestNames names)
            throws Exception {
        TopicCatalog catalog = TestCatalog.load(names.topic("par"), 1);
        TestCatalog.createTopics(kafka, catalog);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        sendTransactions(kafka, catalog, topic, EVENTS, KEYS);

        Run one = run(kafka, catalog, topic, names.group(), 1);
        Run many = run(kafka, catalog, topic, names.group(), 64);
        System.out.printf("slow handler (2 ms), %d events on 1 partition: 1 worker %d ms, 64 workers %d ms (x%.1f),"
                + " max parallel %d%n", EVENTS, one.millis, many.millis, (double) one.millis / many.millis, many.maxParallel);

        for (Run r : List.of(one, many)) {
            assertThat(r.outOfOrderKeys).as("keys handled out of offset order").isZero();
            assertThat(r.handled.get()).isEqualTo(EVENTS);
        }
        assertThat(one.maxParallel).isEqualTo(1);
        assertThat(many.maxParallel).as("different keys of one partition run in parallel").isGreaterThanOrEqualTo(32);
        assertThat(many.maxParallelSameKey).as("never two records of one key at once").isEqualTo(1);
    }

    @Test
    void partitionOrderingProcessesAPartitionOneRecordAtATime(EmbeddedKafka kafka, TestNames names) throws Exception {
        TopicCatalog catalog = TestCatalog.load(names.topic("po"), 1);
        TestCatalog.createTopics(kafka, catalog);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        sendTransactions(kafka, catalog, topic, 300, 50);
        List<Long> offsets = java.util.Collections.synchronizedList(new ArrayList<>());
        try (EventConsumer consumer = EventConsumer.create(consumerOptions(kafka, catalog, names.group()).toBuilder()
                .concurrency(16).ordering(OrderingMode.PARTITION).build())) {
            consumer.subscribe(topic, TransactionEvent.class, (tx, meta) -> offsets.add(meta.offset())).start();
            await().atMost(Duration.ofSeconds(30)).until(() -> offsets.size() == 300);
        }
        assertThat(offsets).isSorted();
    }

    private static final class Run {
        final AtomicInteger handled = new AtomicInteger();
        final AtomicInteger parallel = new AtomicInteger();
        volatile int maxParallel;
        volatile int maxParallelSameKey;
        volatile int outOfOrderKeys;
        long millis;
    }

    private static Run run(EmbeddedKafka kafka, TopicCatalog catalog, String topic, String group, int workers) {
        Run run = new Run();
        Map<String, Long> lastOffsetByKey = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> inFlightByKey = new ConcurrentHashMap<>();
        AtomicInteger outOfOrder = new AtomicInteger();
        long start = System.nanoTime();
        try (EventConsumer consumer = EventConsumer.create(consumerOptions(kafka, catalog, group + "-" + workers)
                .toBuilder()
                .concurrency(workers).build())) {
            consumer.subscribe(topic, TransactionEvent.class, (tx, meta) -> {
                int now = run.parallel.incrementAndGet();
                synchronized (run) {
                    run.maxParallel = Math.max(run.maxParallel, now);
                }
                int sameKey = inFlightByKey.computeIfAbsent(meta.key(), k -> new AtomicInteger()).incrementAndGet();
                synchronized (run) {
                    run.maxParallelSameKey = Math.max(run.maxParallelSameKey, sameKey);
                }
                Long previous = lastOffsetByKey.put(meta.key(), meta.offset());
                if (previous != null && previous > meta.offset()) {
                    outOfOrder.incrementAndGet();
                }
                Thread.sleep(2); // a slow handler: a call to another service
                inFlightByKey.get(meta.key()).decrementAndGet();
                run.parallel.decrementAndGet();
                run.handled.incrementAndGet();
            }).start();
            await().atMost(Duration.ofSeconds(120)).until(() -> run.handled.get() == EVENTS);
            run.millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        }
        run.outOfOrderKeys = outOfOrder.get();
        return run;
    }
}
