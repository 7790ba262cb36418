package io.finflow.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.finflow.kafka.EventConsumer;
import io.finflow.kafka.consumer.ConsumerOptions;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.TransactionEvent;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The consumers compared. All read with the library's Kafka settings ({@link ConsumerOptions#toKafkaProperties()}:
 * KIP-848 group protocol, read_committed, 500 records per poll, manual commits), each run in a fresh group
 * from the beginning of the same topic.
 */
enum ConsumerVariant {

    /**
     * What a user writes by hand: a {@code KafkaConsumer<byte[], byte[]>} poll loop mapping each value to a
     * {@link TransactionEvent} with Jackson (the library's mapper configuration, no schema validation) and, after
     * processing a poll's records, committing asynchronously once a second (the library's commit interval).
     */
    RAW("raw KafkaConsumer + Jackson, commit after processing", 0),
    /** {@code EventConsumer}: JSON parse, schema validation, mapping, offset tracking; one worker. */
    FINFLOW_1("FinFlow EventConsumer, concurrency 1", 1),
    /** As {@link #FINFLOW_1}, with a Prometheus meter registry: client metrics, FinFlow meters, handler timer. */
    FINFLOW_1_METRICS("FinFlow EventConsumer, concurrency 1 + metrics", 1),
    /** {@code EventConsumer} with 8 workers, order kept per key. */
    FINFLOW_8("FinFlow EventConsumer, concurrency 8", 8);

    /** Written once per run so the JIT cannot drop the raw loop's decoding. */
    static volatile long blackhole;

    private final String label;
    private final int concurrency;

    ConsumerVariant(String label, int concurrency) {
        this.label = label;
        this.concurrency = concurrency;
    }

    /** The name in the report. */
    String label() {
        return label;
    }

    /** The key of this variant in the JSON report, e.g. {@code finflow_1}. */
    String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Consumes {@code count} records of {@code topic} with a trivial handler, as a new group.
     *
     * @param base options whose catalog holds {@code topic}; the group id is replaced
     */
    ConsumeRun run(ConsumerOptions base, String topic, String group, int count) {
        ConsumerOptions options = ConsumerOptions.builder(base.clientConfig(), group).catalog(base.catalog())
                .kafkaOverrides(Map.of("client.id", group)).build();
        if (this == RAW) {
            return raw(options, topic, count);
        }
        if (this == FINFLOW_1_METRICS) {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try {
                return library(options.toBuilder().concurrency(concurrency).meterRegistry(registry)
                        .build(), topic, count);
            } finally {
                registry.close();
            }
        }
        return library(options.toBuilder().concurrency(concurrency).build(), topic, count);
    }

    private static ConsumeRun raw(ConsumerOptions options, String topic, int count) {
        long sink = 0;
        long records = 0;
        long first = 0;
        long cpuFirst = -1;
        long cpuEnd = -1;
        long end;
        long start = System.nanoTime();
        long deadline = start + timeout(count).toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(options.toKafkaProperties(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long lastCommit = start;
            while (records < count) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
                long now = System.nanoTime();
                if (first == 0 && !batch.isEmpty()) {
                    first = now;
                    cpuFirst = CpuClock.processCpuNanos();
                }
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    TransactionEvent event = EventJson.fromBytes(r.value(), TransactionEvent.class);
                    sink += event.accountId().length();
                    records++;
                }
                if (now - lastCommit >= 1_000_000_000L) {
                    consumer.commitAsync();
                    lastCommit = now;
                }
                if (now > deadline) {
                    throw new IllegalStateException("raw consumer: only " + records + " of " + count + " records within "
                            + timeout(count).toSeconds() + " s");
                }
            }
            end = System.nanoTime();
            cpuEnd = CpuClock.processCpuNanos();
            consumer.commitSync();
        }
        blackhole = sink;
        return new ConsumeRun(records, (end - first) / 1e9, (first - start) / 1e6,
                CpuClock.microsPerRecord(cpuFirst, cpuEnd, records));
    }

    private static ConsumeRun library(ConsumerOptions options, String topic, int count) {
        AtomicLong processed = new AtomicLong();
        AtomicLong first = new AtomicLong();
        AtomicLong end = new AtomicLong();
        AtomicLong cpuFirst = new AtomicLong(-1);
        AtomicLong cpuEnd = new AtomicLong(-1);
        CountDownLatch done = new CountDownLatch(1);
        EventConsumer consumer = EventConsumer.create(options);
        long start = System.nanoTime();
        try {
            consumer.subscribe(topic, TransactionEvent.class, (event, metadata) -> {
                if (first.get() == 0 && first.compareAndSet(0, System.nanoTime())) {
                    cpuFirst.set(CpuClock.processCpuNanos());
                }
                if (processed.incrementAndGet() == count) {
                    end.set(System.nanoTime());
                    cpuEnd.set(CpuClock.processCpuNanos());
                    done.countDown();
                }
            }).start();
            long deadline = start + timeout(count).toNanos();
            while (!done.await(1, TimeUnit.SECONDS)) {
                if (consumer.failure().isPresent()) {
                    throw new IllegalStateException("EventConsumer stopped: " + consumer.failure().get(),
                            consumer.failure().get());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("EventConsumer: only " + processed.get() + " of " + count
                            + " records within " + timeout(count).toSeconds() + " s; stats " + consumer.stats());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            consumer.close(Duration.ofSeconds(10));
        }
        return new ConsumeRun(count, (end.get() - first.get()) / 1e9, (first.get() - start) / 1e6,
                CpuClock.microsPerRecord(cpuFirst.get(), cpuEnd.get(), count));
    }

    private static Duration timeout(int count) {
        return Duration.ofSeconds(60 + count / 1_000);
    }
}
