package io.finflow.kafka.ops.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.ops.OpsException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka's security exceptions, as the clients raise them, become messages that name what is missing and the
 * fix; secrets never get through. Pure classification: the real broker cases are in the CLI's
 * SecurityRefusalIT.
 */
class DiagnosisMessagesTest {

    private static final String PASSWORD = "Sup3r-secret-pw";
    /** Nothing listens there: the TLS probe of an unclear case finds nothing and adds nothing. */
    private static final String BOOTSTRAP = "127.0.0.1:1";

    @TempDir
    Path dir;

    @Test
    void authorizationFailuresNameThePrincipalTheResourceAndTheAclsYamlFix() throws Exception {
        ClientContext context = scram("accounting-service");
        assertThat(advice(new TopicAuthorizationException(Set.of("user-events")), context))
                .startsWith("User:accounting-service is not authorized for topic(s) user-events on " + BOOTSTRAP)
                .contains("list user-events under 'produces' (WRITE) or 'consumes' (READ) of user accounting-service")
                .contains("finflow acls apply");
        assertThat(advice(new OpsException("could not read topic 't': denied",
                new GroupAuthorizationException("denied", "accounting-service-group")), context))
                .contains("may not use consumer group 'accounting-service-group'")
                .contains("list accounting-service-group under 'groups'");
        assertThat(advice(new KafkaException("Cannot execute transactional method because we are in an error state",
                new ClusterAuthorizationException("Cluster authorization failed.")), context))
                .contains("is not authorized on the cluster").contains("needs WRITE on the topics it writes");
        assertThat(advice(new TransactionalIdAuthorizationException("denied"), context))
                .contains("set 'transactionalIdPrefix' of user accounting-service");
        assertThat(advice(new SecurityDisabledException("No Authorizer is configured."), context))
                .contains("has no authorizer").contains("authorizer.class.name=");
        assertThat(AccessAdvisor.explain(new IllegalStateException("other"), context)).isEmpty();
    }

    @Test
    void authenticationAndTlsFailuresAreToldApart() throws Exception {
        ClientContext context = scram("admin");
        ConnectionDiagnoser diagnoser = new ConnectionDiagnoser(context, Duration.ofSeconds(1));

        ConnectionProblem sasl = diagnoser.explain(new SaslAuthenticationException("Authentication failed during"
                + " authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512"));
        assertThat(sasl.cause()).isEqualTo(ProblemCause.SASL_AUTHENTICATION);
        assertThat(sasl.message()).contains("the broker refused user 'admin'").contains("finflow users add admin");

        ConnectionProblem untrusted = diagnoser.explain(new SslAuthenticationException("SSL handshake failed",
                new javax.net.ssl.SSLHandshakeException("PKIX path building failed: unable to find valid certification"
                        + " path to requested target")));
        assertThat(untrusted.cause()).isEqualTo(ProblemCause.TLS_HANDSHAKE);
        assertThat(untrusted.detail()).isEqualTo("the broker's certificate is not signed by a CA this client trusts");
        assertThat(untrusted.nextStep()).contains("ssl.truststore.location");

        ConnectionProblem refusedCertificate = diagnoser.explain(new SslAuthenticationException(
                "Failed to process post-handshake messages", new javax.net.ssl.SSLHandshakeException(
                        "Received fatal alert: bad_certificate")));
        assertThat(refusedCertificate.detail()).isEqualTo("the broker refused the client certificate (mutual TLS)");

        ConnectionProblem hostName = diagnoser.explain(new SslAuthenticationException("SSL handshake failed",
                new javax.net.ssl.SSLHandshakeException("No subject alternative names matching IP address 10.0.0.1")));
        assertThat(hostName.detail()).contains("does not name the host");
    }

    @Test
    void secretsAreScrubbedFromEveryMessageAsWrittenAndAsResolved() throws Exception {
        Path secrets = Files.writeString(dir.resolve("secrets.properties"), "truststore=" + PASSWORD + "-ts\n");
        ClientConfig config = ClientConfig.of(Map.of(
                "bootstrap.servers", BOOTSTRAP,
                "security.protocol", "SASL_SSL",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"svc\""
                        + " password=\"" + PASSWORD + "\";",
                "config.providers", "file",
                "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider",
                "ssl.truststore.password", "${file:" + secrets + ":truststore}"));
        ClientContext context = ClientContext.of(config);
        assertThat(context.scrubber().scrub("a " + PASSWORD + " b " + PASSWORD + "-ts c"))
                .isEqualTo("a [hidden] b [hidden] c");
        ConnectionProblem leaky = new ConnectionDiagnoser(context, Duration.ofSeconds(1))
                .explain(new KafkaException("weird failure mentioning " + PASSWORD));
        assertThat(leaky.message()).doesNotContain(PASSWORD).contains("[hidden]");
        assertThat(context.resolved().references()).singleElement()
                .satisfies(r -> assertThat(r.resolved()).isTrue());
        assertThat(context.resolved().toString()).doesNotContain(PASSWORD);
    }

    @Test
    void anUnresolvableReferenceIsReportedWithoutFailing() {
        ClientConfig config = ClientConfig.of(Map.of(
                "bootstrap.servers", BOOTSTRAP,
                "config.providers", "file",
                "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider",
                "ssl.key.password", "${file:/nonexistent/finflow-secrets.properties:key}"));
        ResolvedClientConfig resolved = ResolvedClientConfig.resolve(config);
        assertThat(resolved.error()).hasValueSatisfying(e -> assertThat(e).contains("/nonexistent/finflow-secrets"));
        assertThat(resolved.references()).singleElement().satisfies(r -> assertThat(r.resolved()).isFalse());
    }

    @Test
    void thePrincipalFollowsTheSecurityProtocol() {
        assertThat(ClientContext.of(ClientConfig.of(BOOTSTRAP)).principal()).isEqualTo("User:ANONYMOUS");
        assertThat(scram("svc").principal()).isEqualTo("User:svc");
        assertThat(ClientContext.of(ClientConfig.of(Map.of("bootstrap.servers", BOOTSTRAP, "security.protocol", "SSL",
                "ssl.keystore.location", "/k.p12"))).principal()).startsWith("the principal of your client certificate");
    }

    private static String advice(Throwable failure, ClientContext context) {
        return AccessAdvisor.explain(failure, context).orElseThrow();
    }

    private static ClientContext scram(String user) {
        return ClientContext.of(ClientConfig.of(Map.of("bootstrap.servers", BOOTSTRAP, "security.protocol", "SASL_SSL",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + user + "\" password=\"" + PASSWORD + "\";")));
    }
}
