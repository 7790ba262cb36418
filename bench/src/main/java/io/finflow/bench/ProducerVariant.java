package io.finflow.bench;

import java.util.Map;

import io.finflow.kafka.EventProducer;
import io.finflow.kafka.producer.EncodedEvent;
import io.finflow.kafka.producer.ProducerOptions;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
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
    /** {@code KafkaProducer<String, byte[]>} sending the corpus' pre-serialized JSON, no headers. */
    RAW("raw KafkaProducer, pre-serialized JSON"),
    /** As {@link #RAW}, plus the same CloudEvents headers the library writes: isolates the bytes from the CPU. */
    RAW_WITH_HEADERS("raw KafkaProducer, pre-serialized JSON + same headers");

    private final String label;

    ProducerVariant(String label) {
        this.label = label;
    }

    /** The name in the report. */
    String label() {
        return label;
    }

    /** A sender of this variant writing to {@code topic}, which must be the catalog's in {@code options}. */
    RecordSender open(ProducerOptions options, String topic, EventCorpus corpus, String clientId) {
        if (this == FINFLOW || this == FINFLOW_METRICS) {
            PrometheusMeterRegistry registry = this == FINFLOW_METRICS
                    ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT) : null;
            EventProducer producer = EventProducer.create(options.withKafkaOverrides(Map.of("client.id", clientId))
                    .withMeterRegistry(registry));
            return new RecordSender() {
                @Override
                public void send(int index, java.util.function.Consumer<Throwable> onAck) {
                    producer.send(topic, corpus.event(index)).whenComplete((result, error) -> onAck.accept(error));
                }

                @Override
                public void flush() {
                    producer.flush();
                }

                @Override
                public void close() {
                    producer.close();
                    if (registry != null) {
                        registry.close();
                    }
                }
            };
        }
        return raw(options.withKafkaOverrides(Map.of("client.id", clientId)).toKafkaProperties(), topic, corpus,
                this == RAW_WITH_HEADERS);
    }

    /** A raw {@code KafkaProducer} sending the corpus' encoded records, with or without their headers. */
    static RecordSender raw(Map<String, Object> kafkaProperties, String topic, EventCorpus corpus, boolean headers) {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafkaProperties, new StringSerializer(),
                new ByteArraySerializer());
        return new RecordSender() {
            @Override
            public void send(int index, java.util.function.Consumer<Throwable> onAck) {
                EncodedEvent e = corpus.encoded(index);
                producer.send(new ProducerRecord<>(topic, null, null, e.key(), corpus.value(index),
                                headers ? corpus.headers(index) : null),
                        (metadata, error) -> onAck.accept(error));
            }

            @Override
            public void flush() {
                producer.flush();
            }

            @Override
            public void close() {
                producer.close();
            }
        };
    }
}
