package io.finflow.bench;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

import io.finflow.kafka.EventProducer;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.producer.ProducerOptions;
import io.finflow.kafka.schema.SchemaRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producers compared. All run with the library's Kafka settings ({@link ProducerOptions#toKafkaProperties()}:
 * acks=all, idempotence, lz4, linger 5 ms, batch 64 KiB) on the same topic and the same events.
 */
enum ProducerVariant {

    /** {@code EventProducer.send(topic, TransactionEvent)}: schema validation, JSON, CloudEvents headers. */
    FINFLOW("FinFlow EventProducer"),
    /** As {@link #FINFLOW}, with a Prometheus meter registry: Kafka's client metrics and FinFlow's counters bound. */
    FINFLOW_METRICS("FinFlow EventProducer + metrics (Prometheus registry)"),
    /** As {@link #FINFLOW} with validation switched off inside the harness (bench only): what validation costs. */
    FINFLOW_NO_VALIDATION("FinFlow EventProducer, validation off (bench only)"),
    /**
     * What a user writes by hand for the same wire bytes: {@code KafkaProducer<String, byte[]>}, Jackson writing the
     * typed event (the library's mapper configuration), and the same CloudEvents headers. The fair baseline.
     */
    RAW_JACKSON("raw KafkaProducer + Jackson + same headers"),
    /** {@code KafkaProducer<String, byte[]>} sending the corpus' pre-serialized JSON, no headers: the physical limit. */
    RAW("raw KafkaProducer, pre-serialized JSON"),
    /** As {@link #RAW}, plus the library's headers, pre-built: what the header bytes cost the client and broker. */
    RAW_WITH_HEADERS("raw KafkaProducer, pre-serialized JSON + same headers");

    private final String label;

    ProducerVariant(String label) {
        this.label = label;
    }

    /** The name in the report. */
    String label() {
        return label;
    }

    /** The key of this variant in the JSON report, e.g. {@code raw_jackson}. */
    String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** False for a variant this build of the library cannot run (validation off needs the harness hook). */
    boolean available() {
        return this != FINFLOW_NO_VALIDATION || LibraryHooks.canSwitchOffValidation();
    }

    /** A sender of this variant writing to {@code topic}, which must be the catalog's in {@code options}. */
    RecordSender open(ProducerOptions options, String topic, EventCorpus corpus, String clientId) {
        ProducerOptions named = options.toBuilder().kafkaOverride("client.id", clientId).build();
        return switch (this) {
            case FINFLOW, FINFLOW_NO_VALIDATION -> library(named, topic, corpus, this == FINFLOW_NO_VALIDATION);
            case FINFLOW_METRICS -> withMetrics(named, topic, corpus);
            case RAW_JACKSON -> rawJackson(named, topic, corpus);
            case RAW, RAW_WITH_HEADERS -> raw(named.toKafkaProperties(), topic, corpus, this == RAW_WITH_HEADERS);
        };
    }

    private static RecordSender library(ProducerOptions options, String topic, EventCorpus corpus, boolean unvalidated) {
        EventProducer producer = EventProducer.create(options);
        if (unvalidated) {
            LibraryHooks.switchOffValidation(producer);
        }
        return new KafkaSender(producer::flush, producer::close) {
            @Override
            public void send(int index, Consumer<Throwable> onAck) {
                producer.send(topic, corpus.event(index)).whenComplete((result, error) -> onAck.accept(error));
            }
        };
    }

    private static RecordSender withMetrics(ProducerOptions options, String topic, EventCorpus corpus) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RecordSender producer = library(options.toBuilder().meterRegistry(registry).build(), topic, corpus, false);
        return new KafkaSender(producer::flush, () -> {
            producer.close();
            registry.close();
        }) {
            @Override
            public void send(int index, Consumer<Throwable> onAck) {
                producer.send(index, onAck);
            }
        };
    }

    /** Jackson and the CloudEvents headers written per record, constant header values encoded once, as a careful user would. */
    private static RecordSender rawJackson(ProducerOptions options, String topic, EventCorpus corpus) {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(options.toKafkaProperties(), new StringSerializer(),
                new ByteArraySerializer());
        SchemaRegistry schemas = options.schemas();
        byte[] specVersion = utf8("1.0");
        byte[] source = utf8(options.source());
        byte[] type = utf8("io.finflow.transaction");
        byte[] dataSchema = utf8(schemas.schemaUri("transaction", schemas.latestVersion("transaction")).toString());
        byte[] json = utf8("application/json");
        return new KafkaSender(producer::flush, producer::close) {
            @Override
            public void send(int index, Consumer<Throwable> onAck) {
                TransactionEvent event = corpus.event(index);
                Header[] headers = {
                    new RecordHeader("ce_specversion", specVersion),
                    new RecordHeader("ce_id", utf8(event.eventId())),
                    new RecordHeader("ce_source", source),
                    new RecordHeader("ce_type", type),
                    new RecordHeader("ce_time", utf8(event.occurredAt().toString())),
                    new RecordHeader("ce_dataschema", dataSchema),
                    new RecordHeader("content-type", json)};
                producer.send(new ProducerRecord<>(topic, null, null, event.accountId(), EventJson.toBytes(event),
                        new RecordHeaders(headers)), (metadata, error) -> onAck.accept(error));
            }
        };
    }

    /** A raw {@code KafkaProducer} sending the corpus' encoded records, with or without their headers. */
    static RecordSender raw(Map<String, Object> kafkaProperties, String topic, EventCorpus corpus, boolean headers) {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafkaProperties, new StringSerializer(),
                new ByteArraySerializer());
        return new KafkaSender(producer::flush, producer::close) {
            @Override
            public void send(int index, Consumer<Throwable> onAck) {
                producer.send(new ProducerRecord<>(topic, null, null, corpus.key(index), corpus.value(index),
                                headers ? corpus.headers(index) : null),
                        (metadata, error) -> onAck.accept(error));
            }
        };
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A sender whose flush and close are the producer's. */
    private abstract static class KafkaSender implements RecordSender {
        private final Runnable flush;
        private final Runnable close;

        KafkaSender(Runnable flush, Runnable close) {
            this.flush = flush;
            this.close = close;
        }

        @Override
        public void flush() {
            flush.run();
        }

        @Override
        public void close() {
            close.run();
        }
    }
}
