package io.finflow.kafka.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The committed configuration files (config/clients, config/broker) hold no secret in clear, say why for
 * every setting, and load through {@link ClientConfig}.
 */
class CommittedConfigTest {

    private static final Path CONFIG = Path.of("..", "config").toAbsolutePath().normalize();

    @Test
    void noCommittedConfigHoldsASecretInClear() throws IOException {
        List<Path> files = propertiesFiles();
        assertThat(files).extracting(p -> CONFIG.relativize(p).toString()).contains(
                "clients/dev.properties", "clients/prod.properties", "clients/prod-mtls.properties",
                "broker/dev.properties", "broker/prod.properties");
        List<String> inClear = new ArrayList<>();
        for (Path file : files) {
            load(file).forEach((k, v) -> {
                String key = k.toString();
                if (!SecretMasker.secretParts(key, v).isEmpty()) {
                    inClear.add(CONFIG.relativize(file) + ": " + key);
                }
            });
        }
        assertThat(inClear).as("secret values must be config provider references (${env:..}, ${file:..}, ${dir:..})")
                .isEmpty();
    }

    @Test
    void everySettingIsExplainedByTheCommentAboveItsGroup() throws IOException {
        List<String> unexplained = new ArrayList<>();
        for (Path file : propertiesFiles()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int j = i - 1;
                while (j >= 0 && !lines.get(j).isBlank() && !lines.get(j).trim().startsWith("#")) {
                    j--; // a group of settings shares the comment above the group
                }
                boolean explained = j >= 0 && lines.get(j).trim().startsWith("#") && !lines.get(j).contains("#####");
                if (!explained) {
                    unexplained.add(CONFIG.relativize(file) + ":" + (i + 1) + " " + line);
                }
            }
        }
        assertThat(unexplained).as("settings without a comment on the choice").isEmpty();
    }

    @Test
    void theClientProfilesLoadWithTheFileAboveTheEnvironment() {
        ClientConfig dev = ClientConfig.fromEnvironment(Map.of("FINFLOW_BOOTSTRAP", "elsewhere:1"))
                .withFile(CONFIG.resolve("clients/dev.properties"));
        assertThat(dev.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(dev.securityProtocol()).isEqualTo("PLAINTEXT");

        ClientConfig prod = ClientConfig.of("kafka:9093").withFile(CONFIG.resolve("clients/prod.properties"));
        assertThat(prod.bootstrapServers()).as("the command line wins").isEqualTo("kafka:9093");
        assertThat(prod.securityProtocol()).isEqualTo("SASL_SSL");
        assertThat(prod.toMap()).containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "${env:FINFLOW_TLS_CA}");
        assertThat(prod.saslUsername()).contains("${env:FINFLOW_SASL_USERNAME}");
    }

    private static List<Path> propertiesFiles() throws IOException {
        try (Stream<Path> files = Files.walk(CONFIG)) {
            return files.filter(p -> p.toString().endsWith(".properties")).sorted().toList();
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        return p;
    }
}
