package io.finflow.kafka.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.finflow.kafka.EventConsumer;
import io.finflow.kafka.EventProducer;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.consumer.ConsumerOptions;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.producer.ProducerOptions;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad client configuration files (the {@code --command-config} / {@link ClientConfig#withFile} properties): a file
 * that cannot be read is refused when loaded, naming the file and why; a file with a bad property value is refused
 * when the producer or consumer is created, naming the property and the value (or, for security settings, the JAAS
 * or key store problem underneath). Nothing connects, so nothing can be sent: the CLI's {@code BadCliInputIT} checks
 * the topic stays empty. No broker is needed: these fail before any connection (bootstrap 127.0.0.1:9, discard).
 */
@Tag("reliability")
class BadClientConfigTest {

    private static final BadInputSummary SUMMARY = new BadInputSummary("client config files (ClientConfig.withFile,"
            + " EventProducer.create, EventConsumer.start)");
    private static final ClientConfig NOWHERE = ClientConfig.of("127.0.0.1:9");

    @TempDir
    static Path dir;

    @AfterAll
    static void printSummary() {
        SUMMARY.print();
    }

    @Test
    void aFileThatCannotBeReadIsRefusedNamingTheFileAndWhy() throws IOException {
        Path missing = dir.resolve("missing.properties");
        Path folder = Files.createDirectories(dir.resolve("client.properties.d"));
        Path regular = Files.writeString(dir.resolve("plain.txt"), "x");
        Path underAFile = regular.resolve("client.properties");
        Path badEscape = Files.writeString(dir.resolve("escape.properties"), "sasl.jaas.config=\\u00zz\n");
        record Unreadable(String name, Path file, String reason) {
        }
        for (Unreadable u : List.of(
                new Unreadable("file missing", missing, "client config file " + missing + " does not exist"),
                new Unreadable("a folder instead of a file", folder, "cannot read client config file " + folder + ": "),
                new Unreadable("a path through a regular file", underAFile, "cannot read client config file "
                        + underAFile + ": "),
                new Unreadable("malformed \\u escape", badEscape, "cannot read client config file " + badEscape
                        + ": Malformed \\uxxxx encoding"))) {
            Throwable error = catchThrowable(() -> NOWHERE.withFile(u.file()));
            SUMMARY.add(u.name(), error == null ? "ACCEPTED" : error.getMessage().replace(dir.toString(), "DIR"));
            assertThat(error).as(u.name()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(u.reason());
        }
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                arguments("security.protocol FOO", "security.protocol=FOO\n",
                        "Invalid value FOO for configuration security.protocol"),
                arguments("metadata.max.age.ms not a number", "metadata.max.age.ms=abc\n",
                        "Invalid value abc for configuration metadata.max.age.ms: Not a number of type LONG"),
                arguments("reconnect.backoff.ms negative", "reconnect.backoff.ms=-5\n",
                        "Invalid value -5 for configuration reconnect.backoff.ms"),
                arguments("buffer.memory negative", "buffer.memory=-1\n",
                        "Invalid value -1 for configuration buffer.memory"),
                arguments("client.dns.lookup unknown", "client.dns.lookup=sometimes\n",
                        "Invalid value sometimes for configuration client.dns.lookup"),
                arguments("SASL without JAAS config", "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\n",
                        "Could not find a 'KafkaClient' entry in the JAAS configuration"),
                arguments("trust store missing", "security.protocol=SSL\nssl.truststore.location=/nonexistent/ts.p12\n"
                                + "ssl.truststore.password=x\n", "/nonexistent/ts.p12"),
                arguments("config provider file missing", "config.providers=file\n"
                                + "config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider\n"
                                + "sasl.jaas.config=${file:/nonexistent/secrets.properties:jaas}\n",
                        "Could not read properties from file /nonexistent/secrets.properties"),
                arguments("config provider class unknown", "config.providers=vault\n"
                                + "config.providers.vault.class=com.example.NoSuchProvider\n",
                        "com.example.NoSuchProvider"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void aBadPropertyValueIsRefusedWhenTheProducerIsCreatedNamingPropertyAndValue(String name, String properties,
            String expected) throws IOException {
        Path file = Files.writeString(dir.resolve(name.replaceAll("[^a-zA-Z0-9]+", "-") + ".properties"), properties);
        ClientConfig config = NOWHERE.withFile(file);
        Throwable error = catchThrowable(() -> EventProducer.create(ProducerOptions.defaults(config, "/finflow/test"))
                .close());
        SUMMARY.add("producer: " + name, error == null ? "ACCEPTED" : reasons(error));
        assertThat(error).as(name).isInstanceOf(KafkaException.class);
        assertThat(reasons(error)).as(name).contains(expected);
    }

    @Test
    void aConsumerWithABadPropertyValueFailsAtStartAndIsNotRunning() throws IOException {
        Path file = Files.writeString(dir.resolve("consumer.properties"), "session.timeout.ms=forever\n");
        EventConsumer consumer = EventConsumer.create(ConsumerOptions.defaults(NOWHERE.withFile(file), "bad-config"));
        consumer.subscribe("transaction-events", TransactionEvent.class, (e, m) -> { });
        Throwable error = catchThrowable(consumer::start);
        SUMMARY.add("consumer: session.timeout.ms not a number", error == null ? "ACCEPTED" : reasons(error));
        assertThat(error).isInstanceOf(KafkaException.class);
        assertThat(reasons(error)).contains("Invalid value forever for configuration session.timeout.ms");
        assertThat(consumer.isRunning()).isFalse();
        consumer.close();
    }

    @Test
    void aFileCannotWeakenTheDeliveryGuarantees() throws IOException {
        Path file = Files.writeString(dir.resolve("weak.properties"),
                "acks=0\nenable.idempotence=false\nenable.auto.commit=true\nisolation.level=read_uncommitted\n");
        ClientConfig config = NOWHERE.withFile(file);
        Map<String, Object> producer = ProducerOptions.defaults(config, "/finflow/test").toKafkaProperties();
        Map<String, Object> consumer = ConsumerOptions.defaults(config, "g").toKafkaProperties();
        SUMMARY.add("acks=0, idempotence and auto commit in the file", "overridden: acks=" + producer.get("acks")
                + ", enable.idempotence=" + producer.get("enable.idempotence") + ", enable.auto.commit="
                + consumer.get("enable.auto.commit") + ", isolation.level=" + consumer.get("isolation.level"));
        assertThat(producer).containsEntry("acks", "all").containsEntry("enable.idempotence", true);
        assertThat(consumer).containsEntry("enable.auto.commit", false)
                .containsEntry("isolation.level", "read_committed");
    }

    /** The messages of an exception and its causes, each once: Kafka wraps the reason in "Failed to construct". */
    private static String reasons(Throwable error) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && parts.stream().noneMatch(p -> p.contains(message))) {
                parts.add(message);
            }
        }
        return String.join(": ", parts);
    }
}
