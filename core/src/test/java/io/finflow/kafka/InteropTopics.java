package io.finflow.kafka;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.catalog.TopicSpec;
import io.finflow.kafka.producer.ProducerOptions;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.TestNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * One catalog topic and its DLQ, created for one interoperability test under a unique prefix, with the real
 * catalog's partitions and configs (e.g. {@code compression.type: zstd} on analytics-events).
 *
 * @param catalog the bundled catalog with every topic prefixed
 * @param prefix  the prefix, ending with '.', e.g. {@code it-...-node.}
 * @param spec    the topic
 */
record InteropTopics(TopicCatalog catalog, String prefix, TopicSpec spec) {

    /** Creates {@code <prefix>.<topic>} and its DLQ and waits until every partition has a leader. */
    static InteropTopics create(EmbeddedKafka kafka, TestNames names, String topic) throws Exception {
        String prefix = names.topic("node") + ".";
        TopicCatalog catalog = TopicCatalog.fromClasspath("dev").withPrefix(prefix);
        TopicSpec spec = catalog.require(prefix + topic);
        TopicSpec dlq = catalog.find(spec.dlqTopic()).orElseThrow();
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            admin.createTopics(Stream.of(spec, dlq)
                    .map(s -> new NewTopic(s.name(), Optional.of(s.partitions()), Optional.of(s.replicationFactor()))
                            .configs(s.topicConfigs()))
                    .toList()).all().get(60, TimeUnit.SECONDS);
            // Every partition answers offset requests before the first send (a new topic's leaders take a moment).
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicSpec s : List.of(spec, dlq)) {
                for (int p = 0; p < s.partitions(); p++) {
                    latest.put(new TopicPartition(s.name(), p), OffsetSpec.latest());
                }
            }
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).size() == latest.size());
        }
        return new InteropTopics(catalog, prefix, spec);
    }

    /** The topic's full name. */
    String name() {
        return spec.name();
    }

    /**
     * The codec a producer of this topic sends so that the broker stores batches as sent: the topic's
     * {@code compression.type} when it names one, else the library's default (docs/wire-format.md).
     */
    String producerCodec() {
        String topicCodec = spec.extraConfigs().get("compression.type");
        return topicCodec != null && List.of("zstd", "lz4", "gzip", "snappy").contains(topicCodec)
                ? topicCodec : ProducerOptions.DEFAULT_COMPRESSION.kafkaName();
    }

    /** The partition of a key with Kafka's default (murmur2) partitioner. */
    int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % spec.partitions();
    }
}
