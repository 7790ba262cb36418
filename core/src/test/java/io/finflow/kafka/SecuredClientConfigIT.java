package io.finflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.consumer.ConsumerOptions;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.producer.ProducerOptions;
import io.finflow.kafka.testkit.SecuredKafka;
import io.finflow.kafka.testkit.SecuredKafkaExtension;
import io.finflow.kafka.testkit.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library connects to a real secured broker from one client config file ({@link ClientConfig#withFile}),
 * over SASL_SSL with SCRAM-SHA-512 and over mutual TLS, with every secret read through Kafka's config
 * providers (file, directory; the environment provider runs in the CLI's tests, in a child process) so that
 * the file itself holds none.
 */
@ExtendWith(SecuredKafkaExtension.class)
class SecuredClientConfigIT {

    @TempDir
    Path dir;

    @Test
    void saslSslWithTheFileProviderProducesAndConsumesEvents(SecuredKafka kafka, TestNames names) throws Exception {
        Path secrets = Files.writeString(dir.resolve("kafka-secrets.properties"),
                "jaas=" + kafka.clientProperties().get("sasl.jaas.config").toString().replace("\\", "\\\\") + "\n");
        Path config = Files.writeString(dir.resolve("client.properties"), """
                bootstrap.servers=%s
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                config.providers=file
                config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider
                sasl.jaas.config=${file:%s:jaas}
                ssl.truststore.type=PEM
                ssl.truststore.location=%s
                """.formatted(kafka.bootstrapServers(), secrets, kafka.caPemPath()));
        assertThat(Files.readString(config)).doesNotContain(adminPassword(kafka));
        roundTrip(kafka, names, ClientConfig.fromEnvironment().withFile(config));
    }

    @Test
    void mutualTlsWithTheDirectoryProviderProducesAndConsumesEvents(SecuredKafka kafka, TestNames names)
            throws Exception {
        Map<String, Object> mtls = kafka.mutualTlsClientProperties(SecuredKafka.ADMIN_USER);
        Path secretsDir = Files.createDirectory(dir.resolve("secrets"));
        Files.writeString(secretsDir.resolve("keystore-password"), mtls.get("ssl.keystore.password").toString());
        Path config = Files.writeString(dir.resolve("mtls.properties"), """
                bootstrap.servers=%s
                security.protocol=SSL
                config.providers=dir
                config.providers.dir.class=org.apache.kafka.common.config.provider.DirectoryConfigProvider
                ssl.keystore.type=PKCS12
                ssl.keystore.location=%s
                ssl.keystore.password=${dir:%s:keystore-password}
                ssl.key.password=${dir:%s:keystore-password}
                ssl.truststore.type=PEM
                ssl.truststore.location=%s
                """.formatted(kafka.mutualTlsBootstrapServers(), mtls.get("ssl.keystore.location"), secretsDir,
                secretsDir, kafka.caPemPath()));
        assertThat(Files.readString(config)).doesNotContain(mtls.get("ssl.keystore.password").toString());
        roundTrip(kafka, names, ClientConfig.fromEnvironment().withFile(config));
    }

    private static void roundTrip(SecuredKafka kafka, TestNames names, ClientConfig config) throws Exception {
        TopicCatalog catalog = TestCatalog.create(kafka, names);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        Set<String> sent = ConcurrentHashMap.newKeySet();
        try (EventProducer producer = EventProducer.create(ProducerOptions.defaults(config, "/finflow/secured")
                .withCatalog(catalog))) {
            for (int i = 0; i < 5; i++) {
                TransactionEvent tx = TransactionEvent.credit("acc-" + i, "1.0" + i, "EUR");
                sent.add(tx.eventId());
                producer.send(topic, tx).get(60, TimeUnit.SECONDS);
            }
        }
        Set<String> received = ConcurrentHashMap.newKeySet();
        try (EventConsumer consumer = EventConsumer.create(ConsumerOptions.defaults(config, names.group())
                .withCatalog(catalog))) {
            consumer.subscribe(topic, TransactionEvent.class, (tx, meta) -> received.add(tx.eventId())).start();
            await().atMost(Duration.ofSeconds(60)).until(() -> received.size() == sent.size());
        }
        assertThat(received).isEqualTo(sent);
        assertThat(config.toString()).doesNotContain("password");
        assertThat(List.copyOf(config.settings()).toString()).doesNotContain(adminPassword(kafka));
    }

    private static String adminPassword(SecuredKafka kafka) {
        return kafka.clientProperties().get("sasl.jaas.config").toString().replaceAll(".*password=\"([^\"]+)\".*", "$1");
    }
}
