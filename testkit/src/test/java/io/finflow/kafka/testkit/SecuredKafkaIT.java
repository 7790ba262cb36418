package io.finflow.kafka.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class SecuredKafkaIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BOOTSTRAPPED_USER = "alice";
    private static final String BOOTSTRAPPED_PASSWORD = "alice-secret";

    private static SecuredKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = SecuredKafka.builder().user(BOOTSTRAPPED_USER, BOOTSTRAPPED_PASSWORD).mutualTls().start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void adminCreatesATopicAndProducesAndConsumesOverSaslSsl(TestInfo test) throws Exception {
        TestNames names = names(test);
        String topic = names.topic();
        createTopic(topic);
        try (KafkaProducer<String, String> producer = producer(kafka.clientProperties(), true)) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, "k", "v" + i)).get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(readValues(kafka.clientProperties(), topic, names.group(), 10))
                .containsExactly("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9");
        assertThat(kafka.clientProperties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }

    @Test
    void aWrongPasswordFailsWithSaslAuthenticationException() {
        Map<String, Object> props = kafka.clientPropertiesFor(SecuredKafka.ADMIN_USER, "not-the-password");
        assertThat(describeClusterFailure(props)).isExactlyInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void aClientWithoutTheTruststoreFailsWithSslAuthenticationException() {
        Map<String, Object> props = kafka.clientProperties();
        props.remove("ssl.truststore.location");
        props.remove("ssl.truststore.password");
        props.remove("ssl.truststore.type");
        assertThat(describeClusterFailure(props)).isExactlyInstanceOf(SslAuthenticationException.class);
    }

    @Test
    void aPemTruststoreOfTheCaWorksLikeThePkcs12One() {
        Map<String, Object> props = kafka.clientProperties();
        props.put("ssl.truststore.type", "PEM");
        props.put("ssl.truststore.location", kafka.caPemPath().toString());
        props.remove("ssl.truststore.password");
        try (Admin admin = Admin.create(props)) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aClientCertificateSignedByTheCaLogsInOverMutualTlsAsItsCommonName(TestInfo test) throws Exception {
        TestNames names = names(test);
        String topic = names.topic();
        createTopic(topic);
        String user = "mtls-" + Math.abs(names.group().hashCode());
        Map<String, Object> props = kafka.mutualTlsClientProperties(user);
        assertThat(props).containsEntry("security.protocol", "SSL")
                .containsEntry("bootstrap.servers", kafka.mutualTlsBootstrapServers());
        try (KafkaProducer<String, String> producer = producer(props, false)) {
            assertThat(sendFailure(producer, topic)).as("no ACL yet for User:" + user)
                    .isExactlyInstanceOf(TopicAuthorizationException.class);
        }
        grant(List.of(topicAcl(user, topic, AclOperation.WRITE)));
        try (KafkaProducer<String, String> producer = producer(props, true)) {
            producer.send(new ProducerRecord<>(topic, "k", "over mTLS")).get(30, TimeUnit.SECONDS);
        }
        assertThat(readValues(kafka.clientProperties(), topic, names.group(), 1)).containsExactly("over mTLS");
        try (Admin admin = Admin.create(kafka.mutualTlsClientProperties(SecuredKafka.ADMIN_USER))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).as("CN=admin is the super user")
                    .contains(topic);
        }
    }

    @Test
    void aClientCertificateFromAnotherCaIsRefused() {
        assertThat(describeClusterFailure(kafka.untrustedClientProperties(SecuredKafka.ADMIN_USER)))
                .isExactlyInstanceOf(SslAuthenticationException.class);
        Map<String, Object> noCertificate = kafka.mutualTlsClientProperties("nobody");
        noCertificate.remove("ssl.keystore.location");
        noCertificate.remove("ssl.keystore.password");
        noCertificate.remove("ssl.key.password");
        noCertificate.remove("ssl.keystore.type");
        assertThat(describeClusterFailure(noCertificate)).isExactlyInstanceOf(SslAuthenticationException.class);
    }

    @Test
    void aUserWithoutAclsIsDeniedUntilGrantedTopicAndGroupAccess(TestInfo test) throws Exception {
        TestNames names = names(test);
        String topic = names.topic();
        String group = names.group();
        createTopic(topic);
        Map<String, Object> alice = kafka.clientPropertiesFor(BOOTSTRAPPED_USER, BOOTSTRAPPED_PASSWORD);

        try (KafkaProducer<String, String> producer = producer(alice, false)) {
            assertThat(sendFailure(producer, topic)).isExactlyInstanceOf(TopicAuthorizationException.class);
        }

        // Seeing the topic is not enough: an idempotent producer needs WRITE on some topic (or
        // IDEMPOTENT_WRITE on the cluster) before the broker hands out a producer id.
        grant(List.of(topicAcl(BOOTSTRAPPED_USER, topic, AclOperation.DESCRIBE)));
        try (KafkaProducer<String, String> producer = producer(alice, true)) {
            assertThat(sendFailure(producer, topic)).isExactlyInstanceOf(ClusterAuthorizationException.class);
        }

        grant(List.of(
                topicAcl(BOOTSTRAPPED_USER, topic, AclOperation.WRITE),
                topicAcl(BOOTSTRAPPED_USER, topic, AclOperation.READ),
                groupAcl(BOOTSTRAPPED_USER, group, AclOperation.READ)));

        try (KafkaProducer<String, String> producer = producer(alice, true)) {
            producer.send(new ProducerRecord<>(topic, "k", "granted")).get(30, TimeUnit.SECONDS);
        }
        assertThat(readValues(alice, topic, group, 1)).containsExactly("granted");
    }

    @Test
    void aConsumerWithoutAGroupAclFailsWithGroupAuthorizationException(TestInfo test) throws Exception {
        TestNames names = names(test);
        String topic = names.topic();
        createTopic(topic);
        String user = "bob-" + names.group().hashCode();
        String password = "bob-password";
        kafka.createUser(user, password);
        grant(List.of(topicAcl(user, topic, AclOperation.READ), topicAcl(user, topic, AclOperation.DESCRIBE)));

        Map<String, Object> props = kafka.clientPropertiesFor(user, password);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, names.group());
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            assertThatThrownBy(() -> pollFor(consumer, WAIT))
                    .isExactlyInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void aUserCreatedAtRuntimeCanLogInButNotReadWithoutAcls(TestInfo test) throws Exception {
        TestNames names = names(test);
        String topic = names.topic();
        createTopic(topic);
        String user = "carol-" + names.group().hashCode();
        kafka.createUser(user, "carol-password");

        Map<String, Object> props = kafka.clientPropertiesFor(user, "carol-password");
        try (Admin admin = Admin.create(props)) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
        }
        props.put(ConsumerConfig.GROUP_ID_CONFIG, names.group());
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            assertThatThrownBy(() -> pollFor(consumer, WAIT))
                    .isExactlyInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void closeIsIdempotentAndDeletesKeyStoresAndData() {
        SecuredKafka own = SecuredKafka.builder().start();
        Path truststore = own.truststorePath();
        assertThat(Files.exists(truststore)).isTrue();
        assertThat(own.truststorePassword()).hasSizeGreaterThanOrEqualTo(20);
        own.close();
        own.close();
        assertThat(Files.exists(truststore)).isFalse();
        assertThatThrownBy(() -> own.createUser("late", "late-password")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void namesAndPasswordsThatCannotBePassedOnAreRejected() {
        assertThatThrownBy(() -> SecuredKafka.builder().user("admin", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> SecuredKafka.builder().user("dave", "a,b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'dave'")
                .hasMessageNotContaining("a,b");
        assertThatThrownBy(() -> kafka.clientPropertiesFor("eve smith", "pw"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'eve smith'");
    }

    private static TestNames names(TestInfo test) {
        return TestNames.forTest(SecuredKafkaIT.class.getSimpleName(), test.getTestMethod().orElseThrow().getName());
    }

    private static void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static AclBinding topicAcl(String user, String topic, AclOperation operation) {
        return allow(user, new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL), operation);
    }

    private static AclBinding groupAcl(String user, String group, AclOperation operation) {
        return allow(user, new ResourcePattern(ResourceType.GROUP, group, PatternType.LITERAL), operation);
    }

    private static AclBinding allow(String user, ResourcePattern resource, AclOperation operation) {
        return new AclBinding(resource, new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }

    /** Creates ACLs as the admin and waits until the broker's authorizer lists them. */
    private static void grant(List<AclBinding> bindings) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(admin.describeAcls(AclBindingFilter.ANY).values().get(10, TimeUnit.SECONDS))
                            .containsAll(bindings));
        }
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> clientProps, boolean idempotent) {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, idempotent);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /**
     * The Kafka error a send reports. An idempotent producer whose InitProducerId was denied before
     * {@code send} ran fails the future with a plain {@code KafkaException} ("Cannot execute
     * transactional method because we are in an error state") whose cause is the real error; when the
     * denial comes later, the future fails with the real error itself. Either way, this returns it.
     */
    private static Throwable sendFailure(KafkaProducer<String, String> producer, String topic) {
        try {
            producer.send(new ProducerRecord<>(topic, "k", "denied")).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return firstApiException(e.getCause());
        } catch (Exception e) {
            return firstApiException(e);
        }
        throw new AssertionError("send to " + topic + " succeeded but should have been denied");
    }

    private static Throwable firstApiException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiException) {
                return t;
            }
        }
        return failure;
    }

    private static Throwable describeClusterFailure(Map<String, Object> clientProps) {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("describeCluster succeeded but should have failed");
    }

    /** Polls for a while; a denied consumer throws from {@code poll}. */
    private static void pollFor(KafkaConsumer<String, String> consumer, Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200));
        }
    }

    private static List<String> readValues(Map<String, Object> clientProps, String topic, String group, int expected) {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(WAIT).pollInSameThread().until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
                return values.size() >= expected;
            });
        }
        return values;
    }
}
