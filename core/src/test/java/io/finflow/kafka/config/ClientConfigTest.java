package io.finflow.kafka.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.finflow.kafka.config.ClientConfig.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientConfigTest {

    @TempDir
    Path dir;

    @Test
    void commandLineBeatsFileBeatsEnvironmentBeatsDefault() throws Exception {
        Path file = write("client.properties", """
                bootstrap.servers=file-host:9093
                security.protocol=SASL_SSL
                client.id=from-file
                """);
        Map<String, String> env = Map.of(
                "FINFLOW_BOOTSTRAP", "env-host:9092",
                "FINFLOW_KAFKA_CLIENT_ID", "from-env",
                "FINFLOW_KAFKA_RECONNECT_BACKOFF_MS", "250",
                "UNRELATED", "x");

        ClientConfig defaultsOnly = ClientConfig.fromEnvironment(Map.of());
        assertThat(defaultsOnly.bootstrapServers()).isEqualTo(ClientConfig.DEFAULT_BOOTSTRAP);
        assertThat(defaultsOnly.setting("bootstrap.servers").orElseThrow().source()).isEqualTo(Source.DEFAULT);

        ClientConfig environment = ClientConfig.fromEnvironment(env);
        assertThat(environment.bootstrapServers()).isEqualTo("env-host:9092");
        assertThat(environment.setting("reconnect.backoff.ms").orElseThrow())
                .extracting(ClientConfig.Setting::source, ClientConfig.Setting::origin)
                .containsExactly(Source.ENVIRONMENT, "FINFLOW_KAFKA_RECONNECT_BACKOFF_MS");
        assertThat(environment.toMap()).doesNotContainKey("unrelated");

        ClientConfig withFile = environment.withFile(file);
        assertThat(withFile.bootstrapServers()).isEqualTo("file-host:9093");
        assertThat(withFile.toMap()).containsEntry("client.id", "from-file").containsEntry("reconnect.backoff.ms", "250");
        assertThat(withFile.setting("client.id").orElseThrow().describeSource()).isEqualTo("file " + file);

        ClientConfig commandLine = withFile.with("bootstrap.servers", "cli-host:9094");
        assertThat(commandLine.bootstrapServers()).isEqualTo("cli-host:9094");
        assertThat(commandLine.setting("bootstrap.servers").orElseThrow().source()).isEqualTo(Source.COMMAND_LINE);

        // a file read later never overrides a value given on the command line or in code
        assertThat(ClientConfig.of("code-host:1").withFile(file).bootstrapServers()).isEqualTo("code-host:1");
        // and a default never overrides a file value
        assertThat(withFile.with("client.id", "d", Source.DEFAULT, null).toMap()).containsEntry("client.id", "from-file");
    }

    @Test
    void environmentVariablesMapToPropertyNames() {
        assertThat(ClientConfig.propertyOfVariable("FINFLOW_KAFKA_SASL_MECHANISM")).isEqualTo("sasl.mechanism");
        assertThat(ClientConfig.propertyOfVariable("FINFLOW_KAFKA_")).isNull();
        assertThat(ClientConfig.propertyOfVariable("KAFKA_SASL_MECHANISM")).isNull();
        assertThat(ClientConfig.fromEnvironment(Map.of("FINFLOW_BOOTSTRAP", "a:1",
                "FINFLOW_KAFKA_BOOTSTRAP_SERVERS", "b:2")).bootstrapServers()).isEqualTo("a:1");
    }

    @Test
    void badValuesAreRefusedNamingTheValueAndWhereItCameFrom() throws Exception {
        assertThatThrownBy(() -> ClientConfig.fromEnvironment(Map.of("FINFLOW_BOOTSTRAP", "no-port")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FINFLOW_BOOTSTRAP")
                .hasMessageContaining("'no-port'");
        Path bad = write("bad.properties", "bootstrap.servers=host-without-port\n");
        assertThatThrownBy(() -> ClientConfig.fromEnvironment(Map.of()).withFile(bad))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad.toString())
                .hasMessageContaining("'host-without-port'");
        Path missing = dir.resolve("missing.properties");
        assertThatThrownBy(() -> ClientConfig.of("h:1").withFile(missing))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing + " does not exist");
        assertThatThrownBy(() -> ClientConfig.of("h:1").with("bootstrap.servers", "h"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'h'");
    }

    @Test
    void configProviderReferencesPassThroughUnresolved() throws Exception {
        Path file = write("providers.properties", """
                bootstrap.servers=${env:FINFLOW_TEST_BOOTSTRAP}
                config.providers=env
                config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider
                ssl.truststore.password=${env:FINFLOW_TEST_TRUSTSTORE_PASSWORD}
                """);
        ClientConfig config = ClientConfig.of(Map.of("bootstrap.servers", "h:1")).withFile(file);
        assertThat(config.toMap()).containsEntry("ssl.truststore.password", "${env:FINFLOW_TEST_TRUSTSTORE_PASSWORD}");
        assertThat(ClientConfig.fromEnvironment(Map.of()).withFile(file).bootstrapServers())
                .isEqualTo("${env:FINFLOW_TEST_BOOTSTRAP}");
        assertThat(ConfigReferences.find("a ${file:/x/y.properties:pw} b ${env:V}"))
                .extracting(ConfigReferences.Reference::provider, ConfigReferences.Reference::path,
                        ConfigReferences.Reference::key)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("file", "/x/y.properties", "pw"),
                        org.assertj.core.groups.Tuple.tuple("env", "", "V"));
    }

    @Test
    void secretsAreMaskedInEveryPrintedForm() throws Exception {
        String password = "s3cret-Pa55word";
        Path file = write("secret.properties", """
                bootstrap.servers=h:9093
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="accounting" password="%s";
                ssl.truststore.password=%s
                ssl.keystore.location=/etc/finflow/client.p12
                ssl.key.password=${file:/run/secrets/kafka.properties:key.password}
                """.formatted(password, password));
        ClientConfig config = ClientConfig.fromEnvironment(Map.of()).withFile(file);

        assertThat(config.toString()).doesNotContain(password).contains("SASL_SSL").contains("h:9093");
        assertThat(config.settings().toString()).doesNotContain(password);
        assertThat(config.setting("sasl.jaas.config").orElseThrow().displayValue())
                .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"accounting\""
                        + " password=\"[hidden]\";");
        assertThat(config.setting("ssl.truststore.password").orElseThrow().displayValue()).isEqualTo("[hidden]");
        assertThat(config.setting("ssl.key.password").orElseThrow().displayValue())
                .as("a reference names where the secret is, not the secret")
                .isEqualTo("${file:/run/secrets/kafka.properties:key.password}");
        assertThat(config.setting("ssl.keystore.location").orElseThrow().displayValue()).isEqualTo("/etc/finflow/client.p12");
        assertThat(config.saslUsername()).contains("accounting");
        assertThat(config.securityProtocol()).isEqualTo("SASL_SSL");
    }

    @Test
    void jaasPasswordsGivenAsReferencesStayVisibleAndOthersAreMasked() {
        assertThat(SecretMasker.mask("sasl.jaas.config", "x.ScramLoginModule required username=\"u\""
                + " password=\"${env:FINFLOW_SASL_PASSWORD}\";"))
                .isEqualTo("x.ScramLoginModule required username=\"u\" password=\"${env:FINFLOW_SASL_PASSWORD}\";");
        assertThat(SecretMasker.mask("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                "x required username=u password=abc clientSecret=\"def\";"))
                .isEqualTo("x required username=u password=\"[hidden]\" clientSecret=\"[hidden]\";");
        assertThat(SecretMasker.isSecret("ssl.keystore.key")).isTrue();
        assertThat(SecretMasker.isSecret("sasl.oauthbearer.client.credentials.client.secret")).isTrue();
        assertThat(SecretMasker.isSecret("ssl.truststore.location")).isFalse();
        assertThat(SecretMasker.isSecret("sasl.mechanism")).isFalse();
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }
}
