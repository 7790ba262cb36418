package io.finflow.kafka.ops.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.finflow.kafka.ops.OpsException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

/** Each kind of failure gets its own advice: the classification is by Kafka's exception types. */
class FailureExplainerTest {

    @Test
    void wrongPasswordIsAuthentication() {
        Finding f = FailureExplainer.explain("connectivity", "b:9093", "describe the cluster",
                new java.util.concurrent.ExecutionException(new SaslAuthenticationException("bad password")));
        assertThat(f.problem()).isEqualTo("authentication failed: bad password");
        assertThat(f.action()).contains("sasl.jaas.config");
        assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
    }

    @Test
    void missingTruststoreIsATlsFailure() {
        Finding f = FailureExplainer.explain("connectivity", "b:9093", "describe the cluster",
                new SslAuthenticationException("PKIX path building failed"));
        assertThat(f.problem()).startsWith("TLS handshake with b:9093 failed");
        assertThat(f.action()).contains("ssl.truststore.location");
    }

    @Test
    void missingAclIsAuthorizationEvenWrappedByAService() {
        Finding topic = FailureExplainer.explain("catalog", "b", "plan the topic catalog",
                new OpsException("could not list topics: denied", new TopicAuthorizationException("denied")));
        assertThat(topic.problem()).isEqualTo("not authorized to plan the topic catalog: denied");
        assertThat(topic.action()).contains("ACL");
        Finding group = FailureExplainer.explain("groups", "b", "read consumer group lag",
                new GroupAuthorizationException("no group acl"));
        assertThat(group.problem()).startsWith("not authorized to read consumer group lag");
    }

    @Test
    void noAnswerIsConnectivity() {
        Finding f = FailureExplainer.explain("connectivity", "10.0.0.1:9092", "describe the cluster",
                new TimeoutException("Timed out waiting for a node assignment"));
        assertThat(f.problem()).startsWith("no answer from 10.0.0.1:9092 while trying to describe the cluster");
        assertThat(f.action()).contains("--bootstrap");
    }
}
