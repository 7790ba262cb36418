package io.finflow.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import io.finflow.kafka.EventConsumer;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.catalog.TopicSpec;
import io.finflow.kafka.consumer.ConsumerOptions;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.producer.ProducerOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * End-to-end latency, from just before the send to the handler, at a fixed rate ({@code --latency-rate}, 5,000/s by
 * default), library against raw clients: EventProducer into EventConsumer (concurrency 1), and a raw KafkaProducer with
 * Jackson and the same headers into a raw poll loop with Jackson. Each run has its own topic (12 partitions) and
 * group; the consumer is live (a priming record went through) before the clock starts. Both ends run in this JVM, so
 * one {@link System#nanoTime()} clock times them.
 */
final class EndToEndBenchmark {

    /** The pairs compared. */
    enum Pipeline {
        LIBRARY("EventProducer → EventConsumer (concurrency 1)"),
        RAW("raw KafkaProducer + Jackson + headers → raw poll loop + Jackson");

        final String label;

        Pipeline(String label) {
            this.label = label;
        }
    }

    private final BenchCluster cluster;
    private final BenchOptions options;
    private final EventCorpus corpus;
    private final PrintStream progress;
    private int runNumber;

    EndToEndBenchmark(BenchCluster cluster, BenchOptions options, EventCorpus corpus, PrintStream progress) {
        this.cluster = cluster;
        this.options = options;
        this.corpus = corpus;
        this.progress = progress;
    }

    /** Runs the benchmark, adds its figures and ratios to {@code json}, and returns its section of the markdown report. */
    String run(BenchReport json) {
        int count = Math.min(options.e2eRecords(), corpus.size() - 1);
        for (Pipeline p : Pipeline.values()) {
            Latencies warm = once(p, count, "warmup");
            progress.printf(Locale.ROOT, "  warm-up %-70s p50 %.2f ms  p99 %.2f ms%n", p.label, warm.p50, warm.p99);
        }
        Map<Pipeline, List<Latencies>> runs = new EnumMap<>(Pipeline.class);
        for (int round = 0; round < options.rounds(); round++) {
            for (int k = 0; k < 2; k++) {
                Pipeline p = Pipeline.values()[(round + k) % 2];
                BenchSuite.settle(options);
                Latencies l = once(p, count, "r" + (round + 1));
                runs.computeIfAbsent(p, x -> new ArrayList<>()).add(l);
                progress.printf(Locale.ROOT, "  round %d %-70s p50 %.2f ms  p99 %.2f ms  p99.9 %.2f ms%n", round + 1,
                        p.label, l.p50, l.p99, l.p999);
            }
        }
        MarkdownTable table = new MarkdownTable("pipeline", "p99 ms per run", "median p50 ms", "median p99 ms",
                "median p99.9 ms");
        for (Pipeline p : Pipeline.values()) {
            List<Latencies> list = runs.get(p);
            table.row(p.label, String.join(" / ", list.stream().map(l -> MarkdownTable.fixed(l.p99, 2)).toList()),
                    MarkdownTable.fixed(median(list, 0), 2), "**" + MarkdownTable.fixed(median(list, 1), 2) + "**",
                    MarkdownTable.fixed(median(list, 2), 2));
            String key = p.name().toLowerCase(Locale.ROOT);
            json.figure("e2e", key + ".p99_ms_per_run", list.stream().map(l -> l.p99).toList());
            json.figure("e2e", key + ".median_p50_ms", median(list, 0));
            json.figure("e2e", key + ".median_p99_ms", median(list, 1));
            json.figure("e2e", key + ".median_p999_ms", median(list, 2));
        }
        List<Latencies> lib = runs.get(Pipeline.LIBRARY);
        List<Latencies> raw = runs.get(Pipeline.RAW);
        json.ratio("e2e_p50_library_vs_raw_ratio", median(lib, 0) / median(raw, 0));
        json.ratio("e2e_p99_library_vs_raw_ratio", median(lib, 1) / median(raw, 1));
        json.ratio("e2e_p999_library_vs_raw_ratio", median(lib, 2) / median(raw, 2));
        return "### End-to-end latency, send to handler, at " + MarkdownTable.count(options.latencyRate())
                + " events/s (" + MarkdownTable.count(count) + " events per run)\n\n" + table
                + "\nEach run: its own topic (12 partitions) and group, the consumer live before the clock starts.\n\n";
    }

    private Latencies once(Pipeline pipeline, int count, String run) {
        TopicCatalog catalog = cluster.catalog("e2e-" + pipeline.name().toLowerCase(Locale.ROOT) + "-" + run + "-"
                + ++runNumber);
        TopicSpec spec = catalog.topicForEventType("transaction");
        cluster.createTopic(spec.name(), spec.partitions(), Map.of());
        long[] received = new long[count + 1];
        AtomicInteger arrived = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        String group = spec.name() + "-group";
        ConsumerOptions consumerOptions = ConsumerOptions.builder(cluster.clientConfig(), group).catalog(catalog)
                .kafkaOverride("client.id", group).build();
        AutoCloseable receiver = pipeline == Pipeline.LIBRARY
                ? library(consumerOptions, spec.name(), received, arrived)
                : raw(consumerOptions, spec.name(), received, arrived, failure);
        ProducerOptions producerOptions = ProducerOptions.builder(cluster.clientConfig(), BenchSuite.SOURCE)
                .catalog(catalog).build();
        ProducerVariant sending = pipeline == Pipeline.LIBRARY ? ProducerVariant.FINFLOW : ProducerVariant.RAW_JACKSON;
        long[] sent = new long[count + 1];
        try (RecordSender sender = sending.open(producerOptions, spec.name(), corpus, group + "-producer")) {
            prime(sender, arrived, run);
            long interval = 1_000_000_000L / options.latencyRate();
            long start = System.nanoTime();
            for (int i = 1; i <= count; i++) {
                long wait = start + (i - 1) * interval - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                sent[i] = System.nanoTime();
                sender.send(i, error -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (arrived.get() < count + 1 && failure.get() == null && System.nanoTime() < deadline) {
                BenchCluster.sleep(5);
            }
        } finally {
            try {
                receiver.close();
            } catch (Exception e) {
                progress.println("  closing the consumer failed: " + e);
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("end-to-end " + pipeline + ": " + failure.get(), failure.get());
        }
        if (arrived.get() < count + 1) {
            throw new IllegalStateException("end-to-end " + pipeline + ": only " + (arrived.get() - 1) + " of " + count
                    + " events arrived within 60 s");
        }
        long[] latencies = new long[count];
        for (int i = 1; i <= count; i++) {
            latencies[i - 1] = received[i] - sent[i];
        }
        Arrays.sort(latencies);
        return new Latencies(Stats.percentile(latencies, 50) / 1e6, Stats.percentile(latencies, 99) / 1e6,
                Stats.percentile(latencies, 99.9) / 1e6);
    }

    /** Sends event 0 until it arrives: group joined, partitions assigned, connections made. */
    private void prime(RecordSender sender, AtomicInteger arrived, String run) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (arrived.get() == 0) {
            sender.send(0, error -> { });
            sender.flush();
            for (int i = 0; i < 20 && arrived.get() == 0; i++) {
                BenchCluster.sleep(10);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("end-to-end " + run + ": the consumer received nothing within 60 s");
            }
        }
    }

    /** Records the arrival time of an event; the first arrival of each counts (priming repeats event 0). */
    private void arrive(String eventId, long now, long[] received, AtomicInteger arrived) {
        int index = corpus.indexOf(eventId);
        if (index >= 0 && index < received.length) {
            synchronized (received) {
                if (received[index] != 0) {
                    return;
                }
                received[index] = now;
            }
            arrived.incrementAndGet();
        }
    }

    private AutoCloseable library(ConsumerOptions options, String topic, long[] received, AtomicInteger arrived) {
        EventConsumer consumer = EventConsumer.create(options);
        consumer.subscribe(topic, TransactionEvent.class, (event, metadata) ->
                arrive(event.eventId(), System.nanoTime(), received, arrived)).start();
        return () -> consumer.close(Duration.ofSeconds(10));
    }

    private AutoCloseable raw(ConsumerOptions options, String topic, long[] received, AtomicInteger arrived,
            AtomicReference<Throwable> failure) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(options.toKafkaProperties(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread loop = new Thread(() -> {
            try (consumer) {
                consumer.subscribe(List.of(topic));
                long lastCommit = System.nanoTime();
                while (!stop.get()) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        TransactionEvent event = EventJson.fromBytes(r.value(), TransactionEvent.class);
                        arrive(event.eventId(), System.nanoTime(), received, arrived);
                    }
                    if (System.nanoTime() - lastCommit >= 1_000_000_000L) {
                        consumer.commitAsync();
                        lastCommit = System.nanoTime();
                    }
                }
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                // closing
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        }, "bench-e2e-raw-consumer");
        loop.start();
        return () -> {
            stop.set(true);
            consumer.wakeup();
            loop.join(30_000);
        };
    }

    private static double median(List<Latencies> runs, int which) {
        return Stats.median(runs.stream().mapToDouble(l -> which == 0 ? l.p50 : which == 1 ? l.p99 : l.p999).toArray());
    }

    private record Latencies(double p50, double p99, double p999) {
    }
}
