package io.finflow.examples;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import io.finflow.kafka.EventProducer;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.catalog.TopicSpec;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.event.FinFlowEvent;
import io.finflow.kafka.producer.ProducerOptions;
import io.finflow.kafka.schema.SchemaValidationException;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes a generated stream to a cluster, as the transaction generator service would: valid events
 * through {@link EventProducer} (acknowledged by every in-sync replica), schema-invalid events through
 * it too (it must refuse them: nothing reaches Kafka), and poison bytes past it with a raw producer
 * (a broken foreign client). Used by {@code finflow demo} and {@code finflow generate}.
 *
 * <p>Its producers stay open until {@link #close()}, so that their metrics stay readable after a
 * write. Not thread-safe: one write at a time.
 */
public final class EventStreamWriter implements AutoCloseable {

    /** Events whose acknowledgement is awaited before more are sent. */
    static final int WINDOW = 2_000;
    /** How often the progress callback is called at most. */
    static final Duration PROGRESS_INTERVAL = Duration.ofMillis(500);

    /**
     * What was written.
     *
     * @param sent            valid events handed to the producer, per FinFlow topic (before any prefix)
     * @param acknowledged    valid events acknowledged, per FinFlow topic (before any prefix)
     * @param sendFailures    valid events not acknowledged
     * @param schemaInvalid   schema-invalid events handed to the producer
     * @param refused         schema-invalid events the producer refused, per defect
     * @param invalidAccepted schema-invalid events the producer did not refuse (must be 0)
     * @param poison          poison records written raw
     */
    public record Result(Map<String, Long> sent, Map<String, Long> acknowledged, long sendFailures, long schemaInvalid,
                         Map<String, Long> refused, long invalidAccepted, long poison) {

        /** Valid events acknowledged on every topic. */
        public long acknowledgedTotal() {
            return acknowledged.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Schema-invalid events refused. */
        public long refusedTotal() {
            return refused.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final TopicCatalog catalog;
    private final TopicSpec analytics;
    private final EventProducer producer;
    private final EventProducer analyticsProducer;
    private final KafkaProducer<byte[], byte[]> raw;

    /** @param catalog the catalog to write to (already prefixed when the run is isolated) */
    public EventStreamWriter(ClientConfig config, TopicCatalog catalog) {
        this(config, catalog, null);
    }

    /**
     * @param catalog the catalog to write to (already prefixed when the run is isolated)
     * @param metrics where the generator's producers register their metrics; null for none
     */
    public EventStreamWriter(ClientConfig config, TopicCatalog catalog, MeterRegistry metrics) {
        this.catalog = catalog;
        this.analytics = catalog.topicForEventType("analytics");
        ProducerOptions options = ProducerOptions.defaults(config, "/finflow/transaction-generator").withCatalog(catalog)
                .withMeterRegistry(metrics);
        this.producer = EventProducer.create(options);
        // analytics-events stores zstd (config/topics.yaml): sent in zstd, the broker keeps batches as sent
        // instead of recompressing them (docs/wire-format.md, "Compression").
        this.analyticsProducer = EventProducer.create(options.withCompression(codecOf(analytics)));
        Map<String, Object> rawProps = config.toMap();
        rawProps.put("acks", "all");
        rawProps.put("enable.idempotence", true);
        this.raw = new KafkaProducer<>(rawProps, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Writes {@code events} events of the generator.
     *
     * @param ratePerSecond events per second at most; 0 for as fast as Kafka acknowledges
     * @param onAcknowledged called with every valid event once acknowledged, on the producer's I/O
     *                       thread, in acknowledgement order (the order of the log within a key)
     * @param progress       called with the events written so far, now and then, on the calling
     *                       thread; an exception it throws stops the writing and is thrown here
     */
    public Result write(TransactionGenerator generator, int events, double ratePerSecond,
                        Consumer<FinFlowEvent> onAcknowledged, LongConsumer progress) throws Exception {
        if (events < 1) {
            throw new IllegalArgumentException("events must be >= 1, was " + events);
        }
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("rate must be >= 0 events per second, was " + ratePerSecond);
        }
        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        Map<String, Long> refused = new ConcurrentHashMap<>();
        AtomicLong sendFailures = new AtomicLong();
        AtomicLong invalidAccepted = new AtomicLong();
        Map<String, Long> sent = new TreeMap<>();
        long schemaInvalid = 0;
        long poison = 0;
        long started = System.nanoTime();
        long lastProgress = started;
        List<CompletableFuture<?>> window = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            if (ratePerSecond > 0) {
                long due = started + (long) (i / ratePerSecond * 1e9);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            GeneratedEvent next = generator.next();
            String topic = catalog.topicForEventType(eventTypeOf(next.topic())).name();
            if (next instanceof GeneratedEvent.Valid v) {
                sent.merge(next.topic(), 1L, Long::sum);
                EventProducer sender = topic.equals(analytics.name()) ? analyticsProducer : producer;
                window.add(sender.send(topic, v.event()).whenComplete((r, e) -> {
                    if (e != null) {
                        sendFailures.incrementAndGet();
                        return;
                    }
                    acknowledged.merge(next.topic(), 1L, Long::sum);
                    onAcknowledged.accept(v.event());
                }));
            } else if (next instanceof GeneratedEvent.SchemaInvalid bad) {
                schemaInvalid++;
                window.add(producer.sendJson(topic, bad.json()).handle((r, e) -> {
                    Throwable cause = e instanceof CompletionException ? e.getCause() : e;
                    if (cause instanceof SchemaValidationException) {
                        refused.merge(bad.defect(), 1L, Long::sum);
                    } else {
                        invalidAccepted.incrementAndGet();
                    }
                    return null;
                }));
            } else if (next instanceof GeneratedEvent.Poison p) {
                poison++;
                raw.send(new ProducerRecord<>(topic, p.key().getBytes(StandardCharsets.UTF_8), p.bytes()))
                        .get(2, TimeUnit.MINUTES);
            }
            if (window.size() >= WINDOW) {
                CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).handle((r, e) -> null)
                        .get(2, TimeUnit.MINUTES);
                window.clear();
            }
            if (System.nanoTime() - lastProgress > PROGRESS_INTERVAL.toNanos()) {
                lastProgress = System.nanoTime();
                progress.accept(i + 1);
            }
        }
        CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).handle((r, e) -> null)
                .get(2, TimeUnit.MINUTES);
        progress.accept(events);
        return new Result(sent, new TreeMap<>(acknowledged), sendFailures.get(), schemaInvalid, new TreeMap<>(refused),
                invalidAccepted.get(), poison);
    }

    /**
     * The codec a producer of this topic sends: the topic's {@code compression.type} when it names a codec
     * (the broker then stores batches as sent), else the library's default.
     */
    static String codecOf(TopicSpec topic) {
        String codec = topic.extraConfigs().get("compression.type");
        return codec != null && List.of("gzip", "snappy", "lz4", "zstd").contains(codec)
                ? codec : ProducerOptions.DEFAULT_COMPRESSION;
    }

    private static String eventTypeOf(String finflowTopic) {
        return switch (finflowTopic) {
            case "transaction-events" -> "transaction";
            case "user-events" -> "user";
            case "analytics-events" -> "analytics";
            default -> throw new IllegalArgumentException("the generator does not write " + finflowTopic);
        };
    }

    /** Closes the producers (their metrics with them). */
    @Override
    public void close() {
        producer.close();
        analyticsProducer.close();
        raw.close();
    }
}
