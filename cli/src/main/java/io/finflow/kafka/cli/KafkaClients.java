package io.finflow.kafka.cli;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Opens the Kafka clients of the commands from the {@link ClientOptions}. */
final class KafkaClients {

    private KafkaClients() {
    }

    /** An Admin whose requests give up after {@code timeout}, unless the command config says otherwise. */
    static Admin admin(Map<String, Object> clientProperties, Duration timeout) {
        Map<String, Object> props = new java.util.HashMap<>(clientProperties);
        props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "finflow-cli");
        int ms = (int) timeout.toMillis();
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(ms, 15_000));
        return Admin.create(props);
    }

    /** An Admin with a 30 s budget per call. */
    static Admin admin(ClientOptions client) {
        return admin(client.clientProperties(), Duration.ofSeconds(30));
    }
}
