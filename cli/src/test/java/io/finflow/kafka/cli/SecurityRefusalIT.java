package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.finflow.kafka.testkit.SecuredKafka;
import io.finflow.kafka.testkit.SecuredKafkaExtension;
import io.finflow.kafka.testkit.TestNames;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real secured broker (SASL_SSL with SCRAM-SHA-512, mutual TLS listener, deny-by-default ACLs), each way
 * of being refused gives one line on stderr that names the bootstrap address or principal, the cause and the
 * fix, within about --timeout, and never a secret.
 */
@ExtendWith(SecuredKafkaExtension.class)
class SecurityRefusalIT {

    /** --timeout's default is 10 s; a refusal must come well within it plus JVM noise. */
    private static final Duration PROMPT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void noCredentialsIsRefusedSayingTheListenerRequiresTls(SecuredKafka kafka) {
        Timed run = Timed.run("topics", "list", "--bootstrap", kafka.bootstrapServers());
        run.assertRefused(PROMPT).contains("Kafka at " + kafka.bootstrapServers())
                .contains("the listener requires TLS")
                .contains("security.protocol=PLAINTEXT with no credentials")
                .contains("--command-config FILE: security.protocol=SASL_SSL");
    }

    @Test
    void saslWithoutAJaasLoginIsRefusedSayingCredentialsAreMissing(SecuredKafka kafka) {
        Map<String, Object> props = kafka.clientProperties();
        props.remove("sasl.jaas.config");
        Path file = new Secured(kafka, dir).clientFile("no-jaas", props);
        Timed run = Timed.run("topics", "list", "--command-config", file.toString());
        run.assertRefused(PROMPT).contains("invalid client configuration").contains("no SASL credentials")
                .contains("add sasl.jaas.config=");
    }

    @Test
    void aWrongPasswordIsRefusedNamingTheUserAndTheFix(SecuredKafka kafka) {
        Path file = new Secured(kafka, dir).userFile(SecuredKafka.ADMIN_USER, "not-the-password");
        Timed run = Timed.run("groups", "list", "--command-config", file.toString());
        run.assertRefused(PROMPT).contains("Kafka at " + kafka.bootstrapServers())
                .contains("SASL authentication failed").contains("the broker refused user 'admin'")
                .contains("wrong password or unknown user").contains("sasl.jaas.config of " + file)
                .contains("finflow users add admin --password-file FILE")
                .doesNotContain("not-the-password");
    }

    @Test
    void anUnknownUserIsRefusedNamingTheUser(SecuredKafka kafka) {
        Path file = new Secured(kafka, dir).userFile("ghost", "ghost-password");
        Timed run = Timed.run("topics", "list", "--command-config", file.toString());
        run.assertRefused(PROMPT).contains("SASL authentication failed").contains("the broker refused user 'ghost'")
                .contains("finflow users list").doesNotContain("ghost-password");
    }

    @Test
    void tlsWithoutTheCaIsRefusedSayingTheBrokerCertificateIsNotTrusted(SecuredKafka kafka) {
        Map<String, Object> props = kafka.clientProperties();
        props.remove("ssl.truststore.location");
        props.remove("ssl.truststore.password");
        props.remove("ssl.truststore.type");
        Path file = new Secured(kafka, dir).clientFile("no-ca", props);
        Timed run = Timed.run("topics", "list", "--command-config", file.toString());
        run.assertRefused(PROMPT).contains("TLS handshake failed")
                .contains("the broker's certificate is not signed by a CA this client trusts")
                .contains("set ssl.truststore.location to the broker's CA");
    }

    @Test
    void aClientCertificateFromAnotherCaIsRefusedOverMutualTls(SecuredKafka kafka) {
        Path file = new Secured(kafka, dir).clientFile("untrusted", kafka.untrustedClientProperties("admin"));
        Timed run = Timed.run("topics", "list", "--command-config", file.toString());
        run.assertRefused(PROMPT).contains("Kafka at " + kafka.mutualTlsBootstrapServers())
                .contains("TLS handshake failed").contains("the broker refused the client certificate (mutual TLS)")
                .contains("signed by a CA the broker trusts");
    }

    @Test
    void aClientCertificateSignedByTheCaWorksForCommands(SecuredKafka kafka, TestNames names) throws Exception {
        Secured secured = new Secured(kafka, dir);
        String topic = names.topic();
        secured.createTopic(topic, 1);
        Path file = secured.clientFile("mtls-admin", kafka.mutualTlsClientProperties(SecuredKafka.ADMIN_USER));
        CliRun run = CliRun.run("topics", "list", "--command-config", file.toString());
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).contains(topic);
    }

    @Test
    void aConsumerWithoutItsGroupAclIsRefusedNamingTheGroupAndTheFix(SecuredKafka kafka, TestNames names)
            throws Exception {
        Secured secured = new Secured(kafka, dir);
        String topic = names.topic();
        String group = names.group();
        String user = "reader-" + Integer.toHexString(names.group().hashCode());
        secured.createTopic(topic, 1);
        kafka.createUser(user, "reader-password");
        secured.grant(user, ResourceType.TOPIC, topic, AclOperation.READ, AclOperation.DESCRIBE);
        Path file = secured.userFile(user, "reader-password");

        Timed run = Timed.run("tail", topic, "--group", group, "--from-beginning", "--limit", "1",
                "--command-config", file.toString());
        run.assertRefused(PROMPT).contains("User:" + user + " may not use consumer group '" + group + "'")
                .contains("in config/acls.yaml, list " + group + " under 'groups' of user " + user)
                .contains("finflow acls apply");
    }

    @Test
    void aProducerWithoutWriteOnTheTopicIsRefusedNamingTheAclToAdd(SecuredKafka kafka, TestNames names)
            throws Exception {
        Secured secured = new Secured(kafka, dir);
        String topic = names.topic();
        String user = "writer-" + Integer.toHexString(names.group().hashCode());
        secured.createTopic(topic, 1);
        kafka.createUser(user, "writer-password");
        secured.grant(user, ResourceType.TOPIC, topic, AclOperation.DESCRIBE);
        Path events = eventsFile();

        // may write nowhere: an idempotent producer gets ClusterAuthorizationException from Kafka
        Timed nowhere = Timed.run("produce", topic, "--file", events.toString(), "--catalog", catalog(topic).toString(),
                "--command-config", secured.userFile(user, "writer-password").toString());
        nowhere.assertRefused(PROMPT).contains("User:" + user + " is not authorized on the cluster")
                .contains("needs WRITE on the topics it writes")
                .contains("list them under 'produces' of user " + user).contains("finflow acls apply");

        // may write another topic: Kafka names the topic
        String other = names.topic("other");
        secured.createTopic(other, 1);
        secured.grant(user, ResourceType.TOPIC, other, AclOperation.WRITE);
        Timed elsewhere = Timed.run("produce", topic, "--file", events.toString(), "--catalog",
                catalog(topic).toString(), "--command-config", secured.userFile(user, "writer-password").toString());
        elsewhere.assertRefused(PROMPT).contains("User:" + user + " is not authorized for topic(s) " + topic)
                .contains("in config/acls.yaml, list " + topic + " under 'produces' (WRITE)")
                .contains("finflow acls apply");
    }

    private Path eventsFile() throws Exception {
        return Files.write(dir.resolve("events.jsonl"), List.of("{\"eventId\":\"" + UUID.randomUUID()
                + "\",\"service\":\"billing-service\",\"type\":\"startup\",\"occurredAt\":\"2026-01-01T10:00:00Z\"}"));
    }

    private Path catalog(String topic) throws Exception {
        return Kafka.catalog(dir, "catalog.yaml", 1, "P1D", topic);
    }

    /** A CLI run with its duration. */
    record Timed(CliRun run, Duration took) {

        static Timed run(String... args) {
            long started = System.nanoTime();
            CliRun run = CliRun.run(args);
            return new Timed(run, Duration.ofNanos(System.nanoTime() - started));
        }

        /** Exit 1, one line on stderr, within {@code limit}; returns the stderr line for further checks. */
        org.assertj.core.api.AbstractStringAssert<?> assertRefused(Duration limit) {
            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.FAILURE);
            assertThat(run.err().lines()).as(run.describe()).hasSize(1);
            assertThat(took).as("refused within " + limit + ": " + run.describe()).isLessThan(limit);
            return assertThat(run.err()).startsWith("finflow: error: ");
        }
    }
}
