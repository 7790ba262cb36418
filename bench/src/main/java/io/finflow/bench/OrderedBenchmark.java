package io.finflow.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.finflow.kafka.EventConsumer;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.catalog.TopicSpec;
import io.finflow.kafka.consumer.ConsumerOptions;
import io.finflow.kafka.event.TransactionEvent;

/**
 * Key-ordered parallelism: a handler that waits 2 ms (like a database write), one partition holding the corpus'
 * events over its accounts (1,000 keys by default), EventConsumer with 64 workers against 1. With per-key order kept,
 * 64 workers can only overlap records of different keys; the ideal is 64x. Every run also checks that each key's
 * records reached the handler in offset order (a run that sees a key go backwards fails). The sequential run reads an
 * eighth of the records (it is 64 times slower at best), and throughputs are compared.
 */
final class OrderedBenchmark {

    /** What the handler waits per record. */
    static final Duration HANDLER_WAIT = Duration.ofMillis(2);
    static final int WORKERS = 64;

    private final BenchCluster cluster;
    private final BenchOptions options;
    private final EventCorpus corpus;
    private final PrintStream progress;

    OrderedBenchmark(BenchCluster cluster, BenchOptions options, EventCorpus corpus, PrintStream progress) {
        this.cluster = cluster;
        this.options = options;
        this.corpus = corpus;
        this.progress = progress;
    }

    /** Runs the benchmark, adds its figures and ratios to {@code json}, and returns its section of the markdown report. */
    String run(BenchReport json) {
        TopicCatalog catalog = cluster.catalog("ordered");
        TopicSpec spec = catalog.topicForEventType("transaction");
        cluster.createTopic(spec.name(), 1, Map.of());
        TopicFiller.fill(cluster, catalog, spec.name(), corpus, options.orderedRecords(), progress);
        ConsumerOptions base = ConsumerOptions.builder(cluster.clientConfig(), "unused").catalog(catalog).build();
        int[] concurrency = {1, WORKERS};
        int[] counts = {options.orderedRecords() / 8, options.orderedRecords()};
        int run = 0;
        for (int k = 0; k < 2; k++) {
            ConsumeRun warm = once(base, spec.name(), concurrency[k], counts[0], "warmup-" + ++run);
            progress.printf(Locale.ROOT, "  warm-up concurrency %d: %,.0f records/s%n", concurrency[k], warm.recordsPerSecond());
        }
        List<List<ConsumeRun>> runs = List.of(new ArrayList<>(), new ArrayList<>());
        for (int round = 0; round < options.rounds(); round++) {
            for (int j = 0; j < 2; j++) {
                int k = (round + j) % 2;
                BenchSuite.settle(options);
                ConsumeRun r = once(base, spec.name(), concurrency[k], counts[k], "r" + (round + 1) + "-" + ++run);
                runs.get(k).add(r);
                progress.printf(Locale.ROOT, "  round %d concurrency %-3d %,10.0f records/s%n", round + 1, concurrency[k],
                        r.recordsPerSecond());
            }
        }
        MarkdownTable table = new MarkdownTable("EventConsumer", "records per run", "rec/s per run", "median rec/s",
                "vs 1 worker");
        double sequential = median(runs.get(0));
        for (int k = 0; k < 2; k++) {
            double med = median(runs.get(k));
            table.row("concurrency " + concurrency[k], MarkdownTable.count(counts[k]), String.join(" / ",
                    runs.get(k).stream().map(r -> MarkdownTable.count(r.recordsPerSecond())).toList()),
                    "**" + MarkdownTable.count(med) + "**", MarkdownTable.ratio(med / sequential));
            json.figure("ordered", "concurrency_" + concurrency[k] + ".records_per_s_per_run",
                    runs.get(k).stream().map(ConsumeRun::recordsPerSecond).toList());
            json.figure("ordered", "concurrency_" + concurrency[k] + ".median_records_per_s", med);
        }
        json.ratio("ordered_64_vs_1_ratio", median(runs.get(1)) / sequential);
        return "### Key-ordered parallelism (handler waits " + HANDLER_WAIT.toMillis() + " ms, one partition, "
                + MarkdownTable.count(options.accounts()) + " keys)\n\n" + table
                + "\nEvery run checked that each key's records reached the handler in offset order. The ideal is "
                + WORKERS + "x: 64 workers waiting in parallel on records of different keys.\n\n";
    }

    private ConsumeRun once(ConsumerOptions base, String topic, int concurrency, int count, String run) {
        String group = topic + "-group-" + run;
        ConsumerOptions options = ConsumerOptions.builder(base.clientConfig(), group).catalog(base.catalog())
                .concurrency(concurrency).kafkaOverride("client.id", group).build();
        Map<String, Long> lastOffset = new ConcurrentHashMap<>();
        AtomicLong outOfOrder = new AtomicLong();
        AtomicLong processed = new AtomicLong();
        AtomicLong first = new AtomicLong();
        AtomicLong end = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        EventConsumer consumer = EventConsumer.create(options);
        long start = System.nanoTime();
        try {
            consumer.subscribe(topic, TransactionEvent.class, (event, metadata) -> {
                first.compareAndSet(0, System.nanoTime());
                Long before = lastOffset.put(metadata.key(), metadata.offset());
                if (before != null && before >= metadata.offset()) {
                    outOfOrder.incrementAndGet();
                }
                Thread.sleep(HANDLER_WAIT.toMillis());
                if (processed.incrementAndGet() == count) {
                    end.set(System.nanoTime());
                    done.countDown();
                }
            }).start();
            long deadline = start + Duration.ofSeconds(60 + count / 100).toNanos();
            while (!done.await(1, TimeUnit.SECONDS)) {
                if (consumer.failure().isPresent()) {
                    throw new IllegalStateException("EventConsumer stopped: " + consumer.failure().get());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("ordered run: only " + processed.get() + " of " + count + " records");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            consumer.close(Duration.ofSeconds(10));
        }
        if (outOfOrder.get() > 0) {
            throw new IllegalStateException("ordered run with concurrency " + concurrency + ": " + outOfOrder.get()
                    + " records reached the handler before an earlier record of their key");
        }
        return new ConsumeRun(count, (end.get() - first.get()) / 1e9, (first.get() - start) / 1e6, Double.NaN);
    }

    private static double median(List<ConsumeRun> runs) {
        return Stats.median(runs.stream().mapToDouble(ConsumeRun::recordsPerSecond).toArray());
    }
}
