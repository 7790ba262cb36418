package io.finflow.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.metrics.ConsumerMetrics;
import io.finflow.kafka.metrics.MeterNames;
import io.finflow.kafka.metrics.ProducerMetrics;
import io.finflow.kafka.producer.EventEncoder;
import io.finflow.kafka.schema.SchemaRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * CPU cost per event of the library's encoding and decoding steps, without Kafka, on one thread: where
 * the producer's and consumer's overhead against the raw clients comes from. Decoding reproduces with
 * the public API the steps of the library's record decoder (parse to a tree, validate against the
 * schema, map the tree to the event class).
 */
final class SerdeBenchmark {

    private static final String EVENT_TYPE = "transaction";

    /** Written once per measurement so the JIT cannot drop the work. */
    static volatile long blackhole;

    private final BenchOptions options;
    private final EventCorpus corpus;
    private final EventEncoder encoder;
    private final SchemaRegistry schemas;
    private final PrintStream progress;

    SerdeBenchmark(BenchOptions options, EventCorpus corpus, EventEncoder encoder, SchemaRegistry schemas,
            PrintStream progress) {
        this.options = options;
        this.corpus = corpus;
        this.encoder = encoder;
        this.schemas = schemas;
        this.progress = progress;
    }

    /** Runs the benchmark and returns its section of the markdown report. */
    String run() {
        int version = schemas.latestVersion(EVENT_TYPE);
        int n = Math.min(options.serdeRecords(), corpus.size());
        JsonNode[] trees = new JsonNode[n];
        for (int i = 0; i < n; i++) {
            trees[i] = EventJson.readTree(corpus.value(i));
        }
        Map<String, IntUnaryOperator> ops = new LinkedHashMap<>();
        ops.put("encode: Jackson, TransactionEvent to JSON bytes (what the raw producer skips)",
                i -> EventJson.toBytes(corpus.event(i)).length);
        ops.put("encode: EventEncoder.encode (tree, schema validation, bytes, CloudEvents headers)",
                i -> encoder.encode(BenchSuite.CORPUS_TOPIC, corpus.event(i), Map.of()).valueSize());
        ops.put("schema validation alone (JSON tree against transaction v" + version + ")",
                i -> schemas.validate(EVENT_TYPE, version, trees[i]).size());
        ops.put("decode: Jackson, JSON bytes to TransactionEvent (the raw consumer loop)",
                i -> EventJson.fromBytes(corpus.encoded(i).value(), TransactionEvent.class).accountId().length());
        ops.put("decode: parse tree + schema validation + tree to TransactionEvent (EventConsumer's steps)",
                i -> decodeLikeLibrary(i, version));
        // What metrics add per event on the hot paths (the rest is read at scrape time): docs/benchmarks.md.
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ProducerMetrics producerMetrics = ProducerMetrics.bind(registry, new MockProducer<>(true, null,
                new StringSerializer(), new ByteArraySerializer()), TopicCatalog.fromClasspath(TopicCatalog.DEFAULT_PROFILE));
        ops.put("metrics, producer: count one acknowledged event (ProducerMetrics, Prometheus registry)", i -> {
            producerMetrics.acknowledged(BenchSuite.CORPUS_TOPIC);
            return 1;
        });
        Timer handlerTimer = Timer.builder(MeterNames.CONSUMER_HANDLER_DURATION)
                .serviceLevelObjectives(ConsumerMetrics.HANDLER_DURATION_BUCKETS.toArray(java.time.Duration[]::new))
                .register(registry);
        ops.put("metrics, consumer: time one handler call (two clock reads, histogram of 13 buckets)", i -> {
            long start = System.nanoTime();
            handlerTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return 1;
        });

        MarkdownTable table = new MarkdownTable("step (one thread, " + MarkdownTable.count(n) + " events per run)",
                "µs/event per run", "median µs/event", "events/s");
        for (Map.Entry<String, IntUnaryOperator> op : ops.entrySet()) {
            Warmup.untilStable(() -> measure(op.getValue(), n));
            List<Double> micros = new ArrayList<>();
            for (int r = 0; r < options.rounds(); r++) {
                BenchSuite.settle(options);
                micros.add(measure(op.getValue(), n));
            }
            double median = Stats.median(micros.stream().mapToDouble(Double::doubleValue).toArray());
            int decimals = median < 1 ? 3 : 1;
            table.row(op.getKey(), String.join(" / ", micros.stream().map(m -> MarkdownTable.fixed(m, decimals)).toList()),
                    "**" + MarkdownTable.fixed(median, decimals) + "**", MarkdownTable.count(1e6 / median));
            progress.printf(Locale.ROOT, "  %-95s %8.1f µs/event%n", op.getKey(), median);
        }
        producerMetrics.close();
        registry.close();
        return "### CPU cost per event, no Kafka\n\n" + table + "\n";
    }

    private int decodeLikeLibrary(int i, int version) {
        JsonNode tree = EventJson.readTree(corpus.encoded(i).value());
        if (!schemas.validate(EVENT_TYPE, version, tree).isEmpty()) {
            throw new IllegalStateException("corpus event " + i + " breaks its schema");
        }
        try {
            return EventJson.mapper().treeToValue(tree, TransactionEvent.class).accountId().length();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("corpus event " + i + " does not map to TransactionEvent", e);
        }
    }

    /** Mean microseconds per call over {@code n} events. */
    private static double measure(IntUnaryOperator op, int n) {
        long sink = 0;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink += op.applyAsInt(i);
        }
        long elapsed = System.nanoTime() - start;
        blackhole = sink;
        return elapsed / 1e3 / n;
    }
}
