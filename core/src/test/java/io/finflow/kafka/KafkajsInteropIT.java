package io.finflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.management.InstanceNotFoundException;
import javax.management.ObjectName;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.consumer.ConsumerOptions;
import io.finflow.kafka.consumer.EventMetadata;
import io.finflow.kafka.consumer.TombstoneHandler;
import io.finflow.kafka.event.BalanceEvent;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.EventTypes;
import io.finflow.kafka.event.FinFlowEvent;
import io.finflow.kafka.producer.Compression;
import io.finflow.kafka.producer.ProducerOptions;
import io.finflow.kafka.producer.SendResult;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.KafkaExtension;
import io.finflow.kafka.testkit.junit.TestNames;
import io.finflow.kafka.wire.DeadLetterHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Node.js service on kafkajs ({@code interop/kafkajs/finflow-kafka.js}, driven through {@link KafkajsPeer})
 * and Java services on this library exchange every catalog event type both ways, as docs/wire-format.md
 * describes: EventProducer to kafkajs (key, partition, CloudEvents headers, exact values, the topic's codec),
 * kafkajs to EventConsumer (accepted, and an event that breaks its schema dead-lettered with {@code dlq.*}
 * headers that kafkajs reads), and a tombstone on the compacted {@code account-balances}. One node process
 * serves the whole class; every test has its own topics.
 */
@ExtendWith(KafkaExtension.class)
class KafkajsInteropIT {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final Path SCHEMA_INDEX = Path.of("..", "schemas", "index.json");

    private static KafkajsPeer peer;

    @BeforeAll
    static void startNode(EmbeddedKafka kafka) throws Exception {
        peer = KafkajsPeer.start(kafka.bootstrapServers());
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (peer != null) {
            peer.close();
        }
    }

    static Stream<InteropSamples> eventTypes() {
        return InteropSamples.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void eventProducerToKafkajs(InteropSamples samples, EmbeddedKafka kafka, TestNames names) throws Exception {
        InteropTopics t = InteropTopics.create(kafka, names, samples.topic());
        List<FinFlowEvent> sent = new ArrayList<>();
        List<SendResult> results = new ArrayList<>();
        try (EventProducer producer = EventProducer.create(ProducerOptions.builder(
                ClientConfig.of(kafka.bootstrapServers()), "/finflow/java-interop").catalog(t.catalog())
                .compression(Compression.of(t.producerCodec())).build())) {
            List<CompletableFuture<SendResult>> futures = new ArrayList<>();
            for (ObjectNode json : samples.valid()) {
                FinFlowEvent event = EventJson.fromTree(json, EventTypes.classOf(samples.eventType()));
                sent.add(event);
                futures.add(producer.send(t.name(), event, Map.of("traceparent", TRACEPARENT)));
            }
            for (CompletableFuture<SendResult> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
        }

        List<JsonNode> records = peer.read(t.prefix(), samples.topic(), sent.size());

        Map<String, JsonNode> byId = new HashMap<>();
        records.forEach(r -> byId.put(r.at("/meta/eventId").asText(), r));
        assertThat(byId).hasSize(sent.size());
        int newest = newestSchemaVersion(samples.eventType());
        for (int i = 0; i < sent.size(); i++) {
            FinFlowEvent event = sent.get(i);
            JsonNode record = byId.get(event.eventId());
            assertThat(record).as("kafkajs read event %s", event.eventId()).isNotNull();
            JsonNode expected = reparsed(EventJson.toTree(event));
            String key = expected.get(samples.keyField()).asText();
            JsonNode meta = record.get("meta");
            assertThat(record.get("event")).as("value as kafkajs parses it: exact amounts, all fields")
                    .isEqualTo(expected);
            assertThat(meta.get("key").asText()).as("key = %s", samples.keyField()).isEqualTo(key);
            assertThat(meta.get("partition").asInt()).as("murmur2 partition of the key")
                    .isEqualTo(t.partitionOf(key)).isEqualTo(results.get(i).partition());
            assertThat(meta.get("tombstone").asBoolean()).isFalse();
            JsonNode headers = meta.get("headers");
            assertThat(headers.get("ce_specversion").asText()).isEqualTo("1.0");
            assertThat(headers.get("ce_id").asText()).isEqualTo(event.eventId());
            assertThat(headers.get("ce_source").asText()).isEqualTo("/finflow/java-interop");
            assertThat(headers.get("ce_type").asText()).isEqualTo("io.finflow." + samples.eventType());
            assertThat(Instant.parse(headers.get("ce_time").asText())).isEqualTo(event.occurredAt());
            assertThat(headers.get("ce_dataschema").asText())
                    .isEqualTo("https://schemas.finflow.io/" + samples.eventType() + "/v" + newest + ".json");
            assertThat(meta.get("schemaVersion").asInt()).isEqualTo(newest);
            assertThat(headers.get("content-type").asText()).isEqualTo("application/json");
            assertThat(headers.get("traceparent").asText()).isEqualTo(TRACEPARENT);
        }
        assertStoredAsSent(t);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void kafkajsToEventConsumer(InteropSamples samples, EmbeddedKafka kafka, TestNames names) throws Exception {
        InteropTopics t = InteropTopics.create(kafka, names, samples.topic());
        List<ObjectNode> events = new ArrayList<>(samples.valid());
        events.add(1, samples.invalid()); // in the middle: the partitions keep flowing past it
        List<JsonNode> sent = peer.send(t.prefix(), samples.topic(), events, TRACEPARENT);
        JsonNode invalidSent = sent.get(1);

        Map<String, FinFlowEvent> received = new ConcurrentHashMap<>();
        Map<String, EventMetadata> metadata = new ConcurrentHashMap<>();
        String group = names.group();
        ConsumerOptions options = ConsumerOptions.builder(ClientConfig.of(kafka.bootstrapServers()), group)
                .catalog(t.catalog()).build();
        try (EventConsumer consumer = EventConsumer.create(options)) {
            consumer.subscribe(t.name(), (event, meta) -> {
                received.put(event.eventId(), event);
                metadata.put(event.eventId(), meta);
            });
            if (t.spec().isCompacted()) {
                consumer.onTombstone(t.name(), TombstoneHandler.SKIP); // a compacted topic needs the choice
            }
            consumer.start();
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    received.size() == samples.valid().size() && consumer.stats().deadLettered() == 1);
            assertThat(consumer.stats().deadLettered()).as("only the invalid event is dead-lettered").isEqualTo(1);
        }

        int newest = newestSchemaVersion(samples.eventType());
        for (int i = 0; i < events.size(); i++) {
            ObjectNode json = events.get(i);
            if (json == samples.invalid()) {
                continue;
            }
            String id = json.get("eventId").asText();
            FinFlowEvent event = received.get(id);
            EventMetadata meta = metadata.get(id);
            assertThat(event).as("EventConsumer accepted %s", id).isNotNull();
            assertThat(reparsed(EventJson.toTree(event))).as("the typed event holds exactly what kafkajs sent")
                    .isEqualTo(reparsed(json));
            String key = json.get(samples.keyField()).asText();
            assertThat(meta.key()).isEqualTo(key);
            assertThat(meta.partition()).as("kafkajs partitions like the Java client (murmur2)")
                    .isEqualTo(t.partitionOf(key)).isEqualTo(sent.get(i).get("partition").asInt());
            assertThat(meta.eventId()).isEqualTo(id);
            assertThat(meta.schemaVersion()).isEqualTo(newest);
            assertThat(meta.headers()).containsEntry("ce_source", "/finflow/node-peer")
                    .containsEntry("ce_type", "io.finflow." + samples.eventType())
                    .containsEntry("content-type", "application/json")
                    .containsEntry("traceparent", TRACEPARENT);
        }
        assertStoredAsSent(t);

        // The dead letter record, read back by kafkajs: original key, value and headers, plus dlq.* headers.
        List<JsonNode> dead = peer.read(t.prefix(), samples.topic() + ".dlq", 1);
        JsonNode meta = dead.get(0).get("meta");
        JsonNode headers = meta.get("headers");
        assertThat(dead.get(0).get("event")).as("value untouched").isEqualTo(samples.invalid());
        assertThat(meta.get("key").asText()).isEqualTo(samples.invalid().get(samples.keyField()).asText());
        assertThat(headers.get("ce_id").asText()).isEqualTo(samples.invalid().get("eventId").asText());
        assertThat(headers.get("ce_source").asText()).isEqualTo("/finflow/node-peer");
        assertThat(headers.get("traceparent").asText()).isEqualTo(TRACEPARENT);
        assertThat(headers.get(DeadLetterHeaders.ORIGINAL_TOPIC).asText()).isEqualTo(t.name());
        assertThat(headers.get(DeadLetterHeaders.ORIGINAL_PARTITION).asText())
                .isEqualTo(invalidSent.get("partition").asText());
        assertThat(headers.get(DeadLetterHeaders.ORIGINAL_OFFSET).asText())
                .isEqualTo(invalidSent.get("offset").asText());
        assertThat(Long.parseLong(headers.get(DeadLetterHeaders.ORIGINAL_TIMESTAMP).asText())).isPositive();
        assertThat(headers.get(DeadLetterHeaders.CONSUMER_GROUP).asText()).isEqualTo(group);
        assertThat(headers.get(DeadLetterHeaders.EXCEPTION_CLASS).asText())
                .isEqualTo("io.finflow.kafka.consumer.PoisonRecordException");
        assertThat(headers.get(DeadLetterHeaders.EXCEPTION_MESSAGE).asText())
                .contains("breaks schema " + samples.eventType()).contains(samples.invalidReason());
        assertThat(headers.get(DeadLetterHeaders.ATTEMPTS).asText()).matches("[0-9]+");
        assertThat(Instant.parse(headers.get(DeadLetterHeaders.FAILED_AT).asText())).isBeforeOrEqualTo(Instant.now());
    }

    @Test
    void kafkajsDeletesABalanceWithATombstoneThatKafkajsAndAJavaConsumerRead(EmbeddedKafka kafka, TestNames names)
            throws Exception {
        InteropTopics t = InteropTopics.create(kafka, names, "account-balances");
        assertThat(t.spec().isCompacted()).isTrue();
        BalanceEvent balance = BalanceEvent.of("acc-closed", new java.math.BigDecimal("-12.30"), "EUR", 3,
                java.util.UUID.randomUUID().toString());
        try (EventProducer producer = EventProducer.create(ProducerOptions.builder(
                ClientConfig.of(kafka.bootstrapServers()), "/finflow/accounting-service").catalog(t.catalog())
                        .build())) {
            producer.send(t.name(), balance).get(60, TimeUnit.SECONDS);
        }
        JsonNode tombstone = peer.tombstone(t.prefix(), "account-balances", "acc-closed");

        List<JsonNode> read = peer.read(t.prefix(), "account-balances", 2);
        assertThat(read.get(0).at("/event/balance").asText()).isEqualTo("-12.30");
        assertThat(read.get(0).at("/meta/tombstone").asBoolean()).isFalse();
        assertThat(read.get(1).get("event").isNull()).as("a tombstone has no event").isTrue();
        assertThat(read.get(1).at("/meta/tombstone").asBoolean()).isTrue();
        assertThat(read.get(1).at("/meta/key").asText()).isEqualTo("acc-closed");
        assertThat(read.get(1).at("/meta/partition").asInt()).as("same key, same partition as the balance")
                .isEqualTo(read.get(0).at("/meta/partition").asInt()).isEqualTo(tombstone.get("partition").asInt());

        // Read raw by Java, as a compacted-topic reader (or Kafka's log cleaner) sees it: key, null value.
        List<ConsumerRecord<String, byte[]>> raw = readRaw(kafka, t.name(), 2);
        assertThat(raw.get(0).key()).isEqualTo("acc-closed");
        assertThat(EventJson.readTree(raw.get(0).value()).get("balance").asText()).isEqualTo("-12.30");
        assertThat(raw.get(1).key()).isEqualTo("acc-closed");
        assertThat(raw.get(1).value()).as("tombstone value").isNull();
        assertThat(raw.get(1).offset()).isEqualTo(tombstone.get("offset").asLong());
    }

    /**
     * The check behind "stored as sent": an lz4 batch into the zstd analytics-events is decompressed and
     * recompressed by the broker, which its conversion meter counts; the interop tests above assert 0.
     */
    @Test
    void aBatchInAnotherCodecThanTheTopicsIsRecompressedByTheBroker(EmbeddedKafka kafka, TestNames names)
            throws Exception {
        InteropTopics t = InteropTopics.create(kafka, names, "analytics-events");
        assertThat(t.spec().extraConfigs()).containsEntry("compression.type", "zstd");
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put("compression.type", "lz4");
        try (KafkaProducer<String, String> lz4 = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            lz4.send(new ProducerRecord<>(t.name(), "sess-1", "{}")).get(60, TimeUnit.SECONDS);
        }
        assertThat(produceConversions(t.name())).as("records the broker rewrote").isEqualTo(1);
    }

    private static void assertStoredAsSent(InteropTopics t) throws Exception {
        assertThat(produceConversions(t.name()))
                .as("the producer's codec matches the topic's compression.type: the broker stores batches as sent")
                .isZero();
    }

    /**
     * Records of a topic the embedded broker had to rewrite (recompress), from its JMX meter; the broker
     * registers the meter on the first conversion, so no meter means none.
     */
    static long produceConversions(String topic) throws Exception {
        ObjectName name = new ObjectName("kafka.server:type=BrokerTopicMetrics,name=ProduceMessageConversionsPerSec,"
                + "topic=" + topic);
        try {
            return ((Number) ManagementFactory.getPlatformMBeanServer().getAttribute(name, "Count")).longValue();
        } catch (InstanceNotFoundException e) {
            return 0;
        }
    }

    /** The tree as parsed from its JSON text: numbers compare by value whatever node class built them. */
    private static JsonNode reparsed(JsonNode tree) {
        return EventJson.readTree(EventJson.toBytes(tree));
    }

    private static int newestSchemaVersion(String eventType) throws Exception {
        JsonNode versions = EventJson.mapper().readTree(SCHEMA_INDEX.toFile()).at("/eventTypes/" + eventType);
        int newest = 0;
        for (JsonNode v : versions) {
            newest = Math.max(newest, v.asInt());
        }
        return newest;
    }

    private static List<ConsumerRecord<String, byte[]>> readRaw(EmbeddedKafka kafka, String topic, int count) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= count;
            });
            return records;
        }
    }
}
