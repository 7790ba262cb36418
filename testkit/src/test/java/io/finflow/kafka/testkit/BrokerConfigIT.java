package io.finflow.kafka.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * config/broker/prod.properties and dev.properties take effect on real brokers: every cluster-wide setting is
 * what the brokers report (describeConfigs), and the durability settings behave as documented.
 */
class BrokerConfigIT {

    private static final Path BROKER_CONFIG = Path.of("..", "config", "broker");
    private static final Duration WAIT = Duration.ofSeconds(60);

    /**
     * Settings an in-process test cluster cannot take from the file, with the reason: the node's identity,
     * listeners and paths (the testkit assigns ports and folders), and the TLS/SASL material (host names,
     * key store files and secrets of a real deployment). The security choices among them run in
     * {@link SecuredKafka} (SecureBrokerConfigTest); the authorizer and deny-by-default do run here.
     */
    private static final Set<String> NOT_APPLIED = Set.of(
            "process.roles", "node.id", "controller.quorum.bootstrap.servers", "controller.listener.names",
            "listeners", "advertised.listeners", "listener.security.protocol.map", "inter.broker.listener.name",
            "log.dirs", "config.providers", "config.providers.file.class", "sasl.enabled.mechanisms",
            "sasl.mechanism.inter.broker.protocol", "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
            "listener.name.mtls.ssl.client.auth", "ssl.principal.mapping.rules", "ssl.keystore.type",
            "ssl.keystore.location", "ssl.keystore.password", "ssl.key.password", "ssl.truststore.type",
            "ssl.truststore.location", "ssl.enabled.protocols", "ssl.endpoint.identification.algorithm",
            "super.users");

    /** The test's clients and the kit's brokers connect over PLAINTEXT as User:ANONYMOUS: the super user here. */
    private static final String TEST_SUPER_USERS = "User:admin;User:broker;User:ANONYMOUS";

    @Test
    void theProductionSettingsTakeEffectOnAThreeBrokerCluster() throws Exception {
        Map<String, String> prod = clusterWide(load("prod.properties"));
        assertThat(prod).containsEntry("min.insync.replicas", "2").containsEntry("default.replication.factor", "3")
                .containsEntry("unclean.leader.election.enable", "false")
                .containsEntry("allow.everyone.if.no.acl.found", "false")
                .containsKey("authorizer.class.name").containsKey("log.segment.bytes");
        KafkaCluster.Builder builder = KafkaCluster.builder().brokers(3).brokerProperty("super.users", TEST_SUPER_USERS);
        prod.forEach(builder::brokerProperty);
        try (KafkaCluster cluster = builder.start(); Admin admin = Admin.create(cluster.clientProperties())) {
            Map<String, String> described = new TreeMap<>(prod);
            // read by the authorizer, not a broker config that describeConfigs reports; deny-by-default is what
            // every SecuredKafka test runs with (SecureBrokerConfigTest)
            described.remove("allow.everyone.if.no.acl.found");
            for (int broker : cluster.brokerIds()) {
                assertThat(brokerConfig(admin, broker, described.keySet())).as("broker " + broker)
                        .containsAllEntriesOf(described);
            }
            assertThat(admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS))
                    .as("ACLs are enforced: the authorizer answers (without one Kafka refuses with SecurityDisabled)")
                    .isEmpty();

            // a topic created without settings gets RF 3 and the default partitions; no auto-creation
            admin.createTopics(List.of(new NewTopic("payments", java.util.Optional.empty(), java.util.Optional.empty())))
                    .all().get(30, TimeUnit.SECONDS);
            // the brokers learn of a new topic through the metadata log one after the other: until the broker
            // the admin asks has it, describe answers UnknownTopicOrPartition
            TopicDescription payments = await().atMost(WAIT).ignoreException(UnknownTopicOrPartitionException.class)
                    .until(() -> admin.describeTopics(List.of("payments")).allTopicNames().get(30, TimeUnit.SECONDS)
                            .get("payments"), java.util.Objects::nonNull);
            assertThat(payments.partitions()).hasSize(Integer.parseInt(prod.get("num.partitions")))
                    .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            try (KafkaProducer<String, String> producer = producer(cluster)) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>("no-such-topic", "k", "v"))
                        .get(30, TimeUnit.SECONDS)).hasRootCauseInstanceOf(UnknownTopicOrPartitionException.class);
            }

            // min.insync.replicas=2: one broker down, acks=all writes go on; two down, they are refused
            admin.createTopics(List.of(new NewTopic("ledger", 1, (short) 3))).all().get(30, TimeUnit.SECONDS);
            // (the same metadata lag: a broker may not know the new topic yet)
            await().atMost(WAIT).ignoreException(IllegalStateException.class)
                    .until(() -> cluster.inSyncReplicas("ledger", 0).size() == 3);
            int leader = cluster.leaderOf("ledger", 0);
            List<Integer> others = new ArrayList<>(cluster.brokerIds());
            others.remove(Integer.valueOf(leader));
            cluster.stopBroker(others.get(0));
            try (KafkaProducer<String, String> producer = producer(cluster)) {
                producer.send(new ProducerRecord<>("ledger", "k", "with one broker down")).get(30, TimeUnit.SECONDS);
            }
            cluster.stopBroker(others.get(1));
            await().atMost(WAIT).until(() -> cluster.inSyncReplicas("ledger", 0).size() == 1);
            // no retries, so that the broker's refusal is seen instead of the retries' delivery timeout; without
            // retries a send may also meet a passing metadata error (a broker that no longer hosts the partition)
            // while the cluster settles: send again until the leader answers, and it must answer with a refusal
            AtomicBoolean accepted = new AtomicBoolean();
            List<Throwable> passing = new ArrayList<>();
            try (KafkaProducer<String, String> producer = producer(cluster, Map.of("retries", 0,
                    "enable.idempotence", false))) {
                await().atMost(WAIT).until(() -> {
                    try {
                        producer.send(new ProducerRecord<>("ledger", "k", "with two down")).get(30, TimeUnit.SECONDS);
                        accepted.set(true);
                        return true;
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof NotEnoughReplicasException) {
                            return true;
                        }
                        passing.add(e.getCause());
                        return false;
                    }
                });
            }
            assertThat(accepted).as("an acks=all write with one in-sync replica of min 2 is refused; passing errors: "
                    + passing).isFalse();
        }
    }

    @Test
    void theDevelopmentSettingsTakeEffectOnASingleNode() throws Exception {
        Map<String, String> dev = clusterWide(load("dev.properties"));
        EmbeddedKafka.Builder builder = EmbeddedKafka.builder();
        dev.forEach(builder::brokerProperty);
        try (EmbeddedKafka kafka = builder.start(); Admin admin = Admin.create(kafka.clientProperties())) {
            assertThat(brokerConfig(admin, KraftNode.NODE_ID, dev.keySet())).containsAllEntriesOf(dev);
        }
    }

    private static Map<String, String> clusterWide(Properties file) {
        Map<String, String> settings = new TreeMap<>();
        file.stringPropertyNames().stream().filter(k -> !NOT_APPLIED.contains(k))
                .forEach(k -> settings.put(k, file.getProperty(k)));
        return settings;
    }

    private static Map<String, String> brokerConfig(Admin admin, int broker, Set<String> keys) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(broker));
        Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
        Map<String, String> values = new TreeMap<>();
        for (ConfigEntry e : config.entries()) {
            if (keys.contains(e.name()) && e.value() != null) {
                values.put(e.name(), e.value());
            }
        }
        return values;
    }

    private static KafkaProducer<String, String> producer(KafkaCluster cluster) {
        return producer(cluster, Map.of());
    }

    private static KafkaProducer<String, String> producer(KafkaCluster cluster, Map<String, Object> overrides) {
        Map<String, Object> props = new HashMap<>(cluster.clientProperties());
        props.put("acks", "all");
        props.put("enable.idempotence", true);
        props.put("delivery.timeout.ms", 15_000);
        props.put("request.timeout.ms", 5_000);
        props.put("max.block.ms", 15_000);
        props.putAll(overrides);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(BROKER_CONFIG.resolve(name))) {
            p.load(in);
        }
        return p;
    }
}
