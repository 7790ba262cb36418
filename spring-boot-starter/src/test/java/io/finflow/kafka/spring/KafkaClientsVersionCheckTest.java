package io.finflow.kafka.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class KafkaClientsVersionCheckTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FinFlowKafkaAutoConfiguration.class))
            .withPropertyValues("finflow.kafka.bootstrap-servers=127.0.0.1:1");

    @Test
    void anApplicationWhoseKafkaClientsIsOlderFailsAtStartNamingBothVersionsAndTheFix(@TempDir Path dir)
            throws IOException {
        // What the application sees when Boot's dependency management put kafka-clients 3.9.1 on its classpath.
        ClassLoader bootManagedKafka = new OlderKafkaClients(dir, "3.9.1");
        runner.withClassLoader(bootManagedKafka).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("kafka-clients " + AppInfoParser.getVersion() + " or newer")
                    .hasMessageContaining("classpath has 3.9.1")
                    .hasMessageContaining("<kafka.version>" + AppInfoParser.getVersion() + "</kafka.version>");
        });
    }

    @Test
    void theKafkaClientsTheStarterWasBuiltWithPasses() {
        runner.run(context -> assertThat(context).hasNotFailed());
        assertThatCode(() -> KafkaClientsVersionCheck.requireSupported(getClass().getClassLoader()))
                .doesNotThrowAnyException();
    }

    @Test
    void versionsCompareNumericallyAndIgnoreSuffixes() {
        assertThat(KafkaClientsVersionCheck.compare("4.3.1", "4.3.1")).isZero();
        assertThat(KafkaClientsVersionCheck.compare("4.10.0", "4.3.1")).isPositive();
        assertThat(KafkaClientsVersionCheck.compare("3.9.1", "4.3.1")).isNegative();
        assertThat(KafkaClientsVersionCheck.compare("4.3", "4.3.1")).isNegative();
        assertThat(KafkaClientsVersionCheck.compare("4.4.0-SNAPSHOT", "4.3.1")).isPositive();
        assertThatCode(() -> KafkaClientsVersionCheck.requireAtLeast("4.4.0", "4.3.1")).doesNotThrowAnyException();
        assertThatThrownBy(() -> KafkaClientsVersionCheck.requireAtLeast(null, "4.3.1"))
                .hasMessageContaining("classpath has none");
    }

    /** Serves kafka-clients' version file of an older release before the real one, as a classpath would. */
    private static final class OlderKafkaClients extends ClassLoader {
        private final URL versionFile;

        OlderKafkaClients(Path dir, String version) throws IOException {
            super(KafkaClientsVersionCheckTest.class.getClassLoader());
            Path file = dir.resolve("kafka-version.properties");
            Files.writeString(file, "commitId=0\nversion=" + version + "\n");
            this.versionFile = file.toUri().toURL();
        }

        @Override
        public URL getResource(String name) {
            return KafkaClientsVersionCheck.KAFKA_VERSION_RESOURCE.equals(name) ? versionFile : super.getResource(name);
        }
    }
}
