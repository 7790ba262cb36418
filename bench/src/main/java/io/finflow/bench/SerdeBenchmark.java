package io.finflow.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.catalog.TopicSpec;
import io.finflow.kafka.internal.RecordDecoder;
import io.finflow.kafka.internal.metrics.ConsumerMetrics;
import io.finflow.kafka.internal.metrics.ProducerMetrics;
import io.finflow.kafka.metrics.MeterNames;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.producer.EventEncoder;
import io.finflow.kafka.schema.SchemaRegistry;

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
    private final TopicCatalog catalog;
    private final PrintStream progress;

    SerdeBenchmark(BenchOptions options, EventCorpus corpus, EventEncoder encoder, SchemaRegistry schemas,
            TopicCatalog catalog, PrintStream progress) {
        this.catalog = catalog;
        this.options = options;
        this.corpus = corpus;
        this.encoder = encoder;
        this.schemas = schemas;
        this.progress = progress;
    }

    /** Runs the benchmark, adds its figures and ratios to {@code json}, and returns its section of the markdown report. */
    String run(BenchReport json) {
        int version = schemas.latestVersion(EVENT_TYPE);
        int n = Math.min(options.serdeRecords(), corpus.size());
        JsonNode[] trees = new JsonNode[n];
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            trees[i] = EventJson.readTree(corpus.value(i));
            records.add(new ConsumerRecord<>(BenchSuite.CORPUS_TOPIC, 0, i, ConsumerRecord.NO_TIMESTAMP,
                    TimestampType.NO_TIMESTAMP_TYPE, ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE,
                    corpus.key(i).getBytes(StandardCharsets.UTF_8), corpus.value(i), corpus.headers(i), Optional.empty()));
        }
        TopicSpec spec = catalog.require(BenchSuite.CORPUS_TOPIC);
        RecordDecoder decoder = new RecordDecoder(schemas);
        Map<String, Step> steps = new LinkedHashMap<>();
        steps.put("jackson_encode", new Step("encode: Jackson, TransactionEvent to JSON bytes (what the raw producer does)",
                i -> EventJson.toBytes(corpus.event(i)).length));
        steps.put("encoder_encode", new Step("encode: EventEncoder.encode (schema check, JSON bytes, CloudEvents headers)",
                i -> encoder.encode(BenchSuite.CORPUS_TOPIC, corpus.event(i), Map.of()).valueSize()));
        steps.put("validation_typed", new Step("schema validation of a typed event, as the producer does it (transaction v"
                + version + ")", i -> LibraryHooks.validateTyped(schemas, EVENT_TYPE, version, corpus.event(i)).size()));
        steps.put("validation_tree", new Step("schema validation of a JSON tree, as the consumer does it (transaction v"
                + version + ")", i -> schemas.validate(EVENT_TYPE, version, trees[i]).size()));
        steps.put("jackson_decode", new Step("decode: Jackson, JSON bytes to TransactionEvent (the raw consumer loop)",
                i -> EventJson.fromBytes(corpus.value(i), TransactionEvent.class).accountId().length()));
        steps.put("decoder_decode", new Step("decode: RecordDecoder.decode (the consumer's decoder: parse, ce_dataschema,"
                + " schema check, map to TransactionEvent)",
                i -> ((TransactionEvent) decoder.decode(records.get(i), spec, TransactionEvent.class).event())
                        .accountId().length()));
        // What metrics add per event on the hot paths (the rest is read at scrape time): docs/benchmarks.md.
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ProducerMetrics producerMetrics = ProducerMetrics.bind(registry, new MockProducer<>(true, null,
                new StringSerializer(), new ByteArraySerializer()), catalog);
        steps.put("metrics_producer", new Step("metrics, producer: count one acknowledged event (ProducerMetrics,"
                + " Prometheus registry)", i -> {
                    producerMetrics.acknowledged(BenchSuite.CORPUS_TOPIC);
                    return 1;
                }));
        Timer handlerTimer = Timer.builder(MeterNames.CONSUMER_HANDLER_DURATION)
                .serviceLevelObjectives(ConsumerMetrics.HANDLER_DURATION_BUCKETS.toArray(java.time.Duration[]::new))
                .register(registry);
        steps.put("metrics_consumer", new Step("metrics, consumer: time one handler call (two clock reads, histogram"
                + " of 13 buckets)", i -> {
                    long start = System.nanoTime();
                    handlerTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    return 1;
                }));

        MarkdownTable table = new MarkdownTable("step (one thread, " + MarkdownTable.count(n) + " events per run)",
                "CPU µs/event per run", "median CPU µs/event", "events/s per core");
        // Every step warms up until stable, then the rounds alternate the steps, so that load drift hits all alike.
        for (Step step : steps.values()) {
            Warmup.untilStable(() -> measure(step.op(), n));
        }
        Map<String, List<Double>> micros = new LinkedHashMap<>();
        for (int r = 0; r < options.rounds(); r++) {
            for (Map.Entry<String, Step> step : steps.entrySet()) {
                BenchSuite.settle(options);
                micros.computeIfAbsent(step.getKey(), k -> new ArrayList<>()).add(measure(step.getValue().op(), n));
            }
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        for (Map.Entry<String, Step> step : steps.entrySet()) {
            List<Double> runs = micros.get(step.getKey());
            double median = Stats.median(runs.stream().mapToDouble(Double::doubleValue).toArray());
            medians.put(step.getKey(), median);
            String label = step.getValue().label();
            int decimals = median < 0.1 ? 3 : 2;
            table.row(label, String.join(" / ", runs.stream().map(m -> MarkdownTable.fixed(m, decimals)).toList()),
                    "**" + MarkdownTable.fixed(median, decimals) + "**", MarkdownTable.count(1e6 / median));
            json.figure("serde", step.getKey() + ".us_per_event_per_run", runs);
            json.figure("serde", step.getKey() + ".median_us_per_event", median);
            progress.printf(Locale.ROOT, "  %-95s %8.2f µs/event%n", label, median);
        }
        producerMetrics.close();
        registry.close();
        json.ratio("encode_vs_jackson_ratio", medians.get("encoder_encode") / medians.get("jackson_encode"));
        json.ratio("decode_vs_jackson_ratio", medians.get("decoder_decode") / medians.get("jackson_decode"));
        json.measure("validation_typed_us_per_event", medians.get("validation_typed"));
        json.measure("validation_tree_us_per_event", medians.get("validation_tree"));
        return "### CPU cost per event, no Kafka\n\n" + table + "\nencode / Jackson: **"
                + MarkdownTable.ratio(medians.get("encoder_encode") / medians.get("jackson_encode"))
                + "**; decode / Jackson: **" + MarkdownTable.ratio(medians.get("decoder_decode") / medians.get("jackson_decode"))
                + "**.\n\n";
    }

    /** A measured step: its label in the report and the work for the event at a position. */
    private record Step(String label, IntUnaryOperator op) {
    }

    /**
     * Mean microseconds of this thread's CPU per call over {@code n} events (wall-clock time where the JVM cannot
     * measure thread CPU): on a shared machine the wall clock also counts the time the thread waited for a core.
     */
    private static double measure(IntUnaryOperator op, int n) {
        long sink = 0;
        long start = CpuClock.threadCpuNanos();
        for (int i = 0; i < n; i++) {
            sink += op.applyAsInt(i);
        }
        long elapsed = CpuClock.threadCpuNanos() - start;
        blackhole = sink;
        return elapsed / 1e3 / n;
    }
}
