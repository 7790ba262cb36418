package io.finflow.kafka.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secured test broker runs with the security choices of config/broker/prod.properties, so every test
 * on {@link SecuredKafka} exercises the production settings (listener names, mechanisms, authorizer,
 * deny by default, super users, principal mapping, client certificates, TLS versions).
 */
class SecureBrokerConfigTest {

    private static final Path PROD = Path.of("..", "config", "broker", "prod.properties");

    private static final List<String> SECURITY_SETTINGS = List.of(
            "sasl.enabled.mechanisms",
            "sasl.mechanism.inter.broker.protocol",
            "listener.name.mtls.ssl.client.auth",
            "ssl.principal.mapping.rules",
            "ssl.enabled.protocols",
            "authorizer.class.name",
            "allow.everyone.if.no.acl.found",
            "super.users",
            "inter.broker.listener.name",
            "auto.create.topics.enable");

    @Test
    void theSecuredTestBrokerUsesTheProductionSecuritySettings(@TempDir Path dir) throws IOException {
        Properties prod = new Properties();
        try (Reader in = Files.newBufferedReader(PROD)) {
            prod.load(in);
        }
        Properties secured = SecureBrokerConfig.properties(dir.resolve("data"), 19093, 19095, 19094,
                TestCertificates.create(dir.resolve("tls")), "broker-password");
        for (String key : SECURITY_SETTINGS) {
            assertThat(secured.getProperty(key)).as(key).isNotNull().isEqualTo(prod.getProperty(key));
        }
        assertThat(secured.getProperty("listener.security.protocol.map")).contains("SASL_SSL:SASL_SSL", "MTLS:SSL");
        assertThat(prod.getProperty("listener.security.protocol.map")).contains("SASL_SSL:SASL_SSL", "MTLS:SSL");
    }
}
