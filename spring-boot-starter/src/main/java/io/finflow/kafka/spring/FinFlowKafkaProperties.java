package io.finflow.kafka.spring;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.consumer.ConsumerOptions;
import io.finflow.kafka.consumer.GroupProtocol;
import io.finflow.kafka.consumer.OffsetReset;
import io.finflow.kafka.producer.Compression;
import io.finflow.kafka.producer.ProducerOptions;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code finflow.kafka.*} properties (docs/spring-boot.md has the table). Connection settings follow
 * {@link io.finflow.kafka.config.ClientConfig}'s precedence: {@code bootstrap-servers} and {@code properties} win
 * over the {@code client-config-file}, which wins over the {@code FINFLOW_BOOTSTRAP} / {@code FINFLOW_KAFKA_*}
 * environment variables and the default {@code 127.0.0.1:9092}. Unset producer and consumer settings keep the
 * library's defaults. Bound once at start; not thread-safe while binding, read-only afterwards.
 */
@ConfigurationProperties(prefix = "finflow.kafka")
public class FinFlowKafkaProperties {

    /** Kafka bootstrap servers, HOST:PORT[,HOST:PORT...]; unset: the client config file, the environment, then 127.0.0.1:9092. */
    private String bootstrapServers;

    /** A Kafka client properties file (e.g. config/clients/prod.properties: TLS, SASL, config providers). */
    private Path clientConfigFile;

    /** More Kafka client properties (e.g. security.protocol); they win over the file. */
    private Map<String, String> properties = new LinkedHashMap<>();

    private final Catalog topicCatalog = new Catalog();
    private final Producer producer = new Producer();
    private final Consumer consumer = new Consumer();

    /** See the field. */
    public String getBootstrapServers() {
        return bootstrapServers;
    }

    /** See the field. */
    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** See the field. */
    public Path getClientConfigFile() {
        return clientConfigFile;
    }

    /** See the field. */
    public void setClientConfigFile(Path clientConfigFile) {
        this.clientConfigFile = clientConfigFile;
    }

    /** See the field. */
    public Map<String, String> getProperties() {
        return properties;
    }

    /** See the field. */
    public void setProperties(Map<String, String> properties) {
        this.properties = properties;
    }

    /** The topic catalog settings. */
    public Catalog getTopicCatalog() {
        return topicCatalog;
    }

    /** The producer settings. */
    public Producer getProducer() {
        return producer;
    }

    /** The settings of every {@link FinFlowListener}'s consumer. */
    public Consumer getConsumer() {
        return consumer;
    }

    /** {@code finflow.kafka.topic-catalog.*}: which catalog of topics, keys and schemas to use. */
    public static class Catalog {

        /** Catalog profile (partitions, replication, retention per environment), e.g. dev or prod. */
        private String profile = TopicCatalog.DEFAULT_PROFILE;

        /** A topics.yaml file; unset: the catalog shipped in finflow-core (finflow/config/topics.yaml). */
        private Path file;

        /** Put in front of every topic name (isolated flows on one cluster, e.g. per test); empty: none. */
        private String prefix = "";

        /** See the field. */
        public String getProfile() {
            return profile;
        }

        /** See the field. */
        public void setProfile(String profile) {
            this.profile = profile;
        }

        /** See the field. */
        public Path getFile() {
            return file;
        }

        /** See the field. */
        public void setFile(Path file) {
            this.file = file;
        }

        /** See the field. */
        public String getPrefix() {
            return prefix;
        }

        /** See the field. */
        public void setPrefix(String prefix) {
            this.prefix = prefix == null ? "" : prefix;
        }
    }

    /** {@code finflow.kafka.producer.*}: the auto-configured {@link io.finflow.kafka.EventProducer}. */
    public static class Producer {

        /** Whether to create the EventProducer bean. */
        private boolean enabled = true;

        /** CloudEvents source of the events sent (ce_source); unset: "/" + spring.application.name, else /finflow/spring-boot. */
        private String source;

        /** Time a send may take in all, retries included. */
        private Duration deliveryTimeout = ProducerOptions.DEFAULT_DELIVERY_TIMEOUT;

        /** Longest time send blocks for metadata or buffer space. */
        private Duration maxBlock = ProducerOptions.DEFAULT_MAX_BLOCK;

        /** Time a batch waits for more records. */
        private Duration linger = ProducerOptions.DEFAULT_LINGER;

        /** Bytes per partition batch (0: no batching). */
        private int batchSize = ProducerOptions.DEFAULT_BATCH_SIZE;

        /** Batch compression: none, gzip, snappy, lz4 or zstd. */
        private Compression compression = ProducerOptions.DEFAULT_COMPRESSION;

        /** Largest serialized event accepted. */
        private int maxEventBytes = ProducerOptions.DEFAULT_MAX_EVENT_BYTES;

        /** More Kafka producer properties (acks and enable.idempotence are fixed). */
        private Map<String, String> properties = new LinkedHashMap<>();

        /** See the field. */
        public boolean isEnabled() {
            return enabled;
        }

        /** See the field. */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** See the field. */
        public String getSource() {
            return source;
        }

        /** See the field. */
        public void setSource(String source) {
            this.source = source;
        }

        /** See the field. */
        public Duration getDeliveryTimeout() {
            return deliveryTimeout;
        }

        /** See the field. */
        public void setDeliveryTimeout(Duration deliveryTimeout) {
            this.deliveryTimeout = deliveryTimeout;
        }

        /** See the field. */
        public Duration getMaxBlock() {
            return maxBlock;
        }

        /** See the field. */
        public void setMaxBlock(Duration maxBlock) {
            this.maxBlock = maxBlock;
        }

        /** See the field. */
        public Duration getLinger() {
            return linger;
        }

        /** See the field. */
        public void setLinger(Duration linger) {
            this.linger = linger;
        }

        /** See the field. */
        public int getBatchSize() {
            return batchSize;
        }

        /** See the field. */
        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        /** See the field. */
        public Compression getCompression() {
            return compression;
        }

        /** See the field. */
        public void setCompression(Compression compression) {
            this.compression = compression;
        }

        /** See the field. */
        public int getMaxEventBytes() {
            return maxEventBytes;
        }

        /** See the field. */
        public void setMaxEventBytes(int maxEventBytes) {
            this.maxEventBytes = maxEventBytes;
        }

        /** See the field. */
        public Map<String, String> getProperties() {
            return properties;
        }

        /** See the field. */
        public void setProperties(Map<String, String> properties) {
            this.properties = properties;
        }
    }

    /** {@code finflow.kafka.consumer.*}: applied to the consumer of every {@link FinFlowListener}. */
    public static class Consumer {

        /** Where a group without a committed offset starts: earliest or latest. */
        private OffsetReset autoOffsetReset = ConsumerOptions.DEFAULT_OFFSET_RESET;

        /** Group protocol: consumer (KIP-848) or classic; unset: consumer, falling back to classic on old clusters. */
        private GroupProtocol groupProtocol;

        /** Longest time a closing consumer waits for its in-flight handlers before leaving them uncommitted. */
        private Duration shutdownTimeout = ConsumerOptions.DEFAULT_SHUTDOWN_TIMEOUT;

        /** Records fetched per poll. */
        private int maxPollRecords = ConsumerOptions.DEFAULT_MAX_POLL_RECORDS;

        /** How often finished offsets are committed. */
        private Duration commitInterval = ConsumerOptions.DEFAULT_COMMIT_INTERVAL;

        /** More Kafka consumer properties. */
        private Map<String, String> properties = new LinkedHashMap<>();

        /** See the field. */
        public OffsetReset getAutoOffsetReset() {
            return autoOffsetReset;
        }

        /** See the field. */
        public void setAutoOffsetReset(OffsetReset autoOffsetReset) {
            this.autoOffsetReset = autoOffsetReset;
        }

        /** See the field. */
        public GroupProtocol getGroupProtocol() {
            return groupProtocol;
        }

        /** See the field. */
        public void setGroupProtocol(GroupProtocol groupProtocol) {
            this.groupProtocol = groupProtocol;
        }

        /** See the field. */
        public Duration getShutdownTimeout() {
            return shutdownTimeout;
        }

        /** See the field. */
        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }

        /** See the field. */
        public int getMaxPollRecords() {
            return maxPollRecords;
        }

        /** See the field. */
        public void setMaxPollRecords(int maxPollRecords) {
            this.maxPollRecords = maxPollRecords;
        }

        /** See the field. */
        public Duration getCommitInterval() {
            return commitInterval;
        }

        /** See the field. */
        public void setCommitInterval(Duration commitInterval) {
            this.commitInterval = commitInterval;
        }

        /** See the field. */
        public Map<String, String> getProperties() {
            return properties;
        }

        /** See the field. */
        public void setProperties(Map<String, String> properties) {
            this.properties = properties;
        }
    }
}
