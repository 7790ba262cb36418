package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.finflow.kafka.testkit.SecuredKafka;
import io.finflow.kafka.testkit.SecuredKafkaExtension;
import io.finflow.kafka.testkit.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed client profile config/clients/prod.properties, unchanged, connects every command to a real
 * secured broker once the deployment provides its secrets as environment variables (Kafka's env config
 * provider); the precedence command line > file > environment > default holds, and no output shows the
 * password.
 */
@ExtendWith(SecuredKafkaExtension.class)
class ClientProfilesIT {

    private static final Path PROD = Path.of("..", "config", "clients", "prod.properties").toAbsolutePath().normalize();
    private static final Duration RUN = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void theProdProfileConnectsWithSecretsFromTheEnvironment(SecuredKafka kafka, TestNames names) throws Exception {
        String user = "profile-" + Integer.toHexString(names.group().hashCode());
        String password = "env-Passw0rd-" + user;
        kafka.createUser(user, password);
        Secured secured = new Secured(kafka, dir);
        String topic = names.topic();
        secured.createTopic(topic, 1);
        secured.grant(user, org.apache.kafka.common.resource.ResourceType.TOPIC, topic,
                org.apache.kafka.common.acl.AclOperation.DESCRIBE);
        Map<String, String> env = Map.of(
                "FINFLOW_SASL_USERNAME", user,
                "FINFLOW_SASL_PASSWORD", password,
                "FINFLOW_TLS_CA", kafka.caPemPath().toString(),
                "FINFLOW_KAFKA_CLIENT_ID", "profile-test",
                "FINFLOW_BOOTSTRAP", "ignored-because-the-file-names-brokers:9093");

        // --bootstrap (command line) wins over the file's production brokers
        CliRun list = ChildCli.runToEnd(RUN, "", env, "topics", "list", "--command-config", PROD.toString(),
                "--bootstrap", kafka.bootstrapServers());
        assertThat(list.exitCode()).as(list.describe()).isZero();
        assertThat(list.out()).contains(topic);

        CliRun show = ChildCli.runToEnd(RUN, "", env, "config", "show", "--verbose", "--command-config",
                PROD.toString(), "--bootstrap", kafka.bootstrapServers());
        assertThat(show.exitCode()).as(show.describe()).isZero();
        assertThat(show.out())
                .containsPattern("bootstrap.servers\\s+" + kafka.bootstrapServers() + "\\s+command line")
                .containsPattern("security.protocol\\s+SASL_SSL\\s+file " + PROD)
                .containsPattern("client.id\\s+profile-test\\s+environment FINFLOW_KAFKA_CLIENT_ID")
                .contains("password=\"${env:FINFLOW_SASL_PASSWORD}\"")
                .contains("Principal: User:" + user)
                .containsPattern("sasl.jaas.config\\s+\\$\\{env:FINFLOW_SASL_PASSWORD}\\s+yes")
                .containsPattern("ssl.truststore.location\\s+\\$\\{env:FINFLOW_TLS_CA}\\s+yes");
        for (CliRun run : new CliRun[] {list, show}) {
            assertThat(run.out() + run.err()).doesNotContain(password);
        }

        // without the variables the references stay unresolved: config show says so, a command says why it fails
        Map<String, String> missing = Map.of("FINFLOW_TLS_CA", kafka.caPemPath().toString());
        CliRun unresolved = ChildCli.runToEnd(RUN, "", missing, "config", "show", "--verbose", "--command-config",
                PROD.toString(), "--bootstrap", kafka.bootstrapServers());
        assertThat(unresolved.out()).as(unresolved.describe())
                .containsPattern("sasl.jaas.config\\s+\\$\\{env:FINFLOW_SASL_PASSWORD}\\s+NO");
        CliRun refused = ChildCli.runToEnd(RUN, "", missing, "topics", "list", "--command-config", PROD.toString(),
                "--bootstrap", kafka.bootstrapServers());
        assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(ExitCodes.FAILURE);
        assertThat(refused.err()).contains("SASL authentication failed");
    }
}
