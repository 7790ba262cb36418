package io.finflow.kafka.ops.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Client properties for the producers and consumers the ops services open. Internal to the ops module:
 * may change without notice.
 */
public final class ClientProps {

    private ClientProps() {
    }

    /**
     * Only the connection settings of {@code clientConfig} (bootstrap, security, SASL, TLS, DNS lookup and
     * config providers), so that a properties file written for another kind of client does not make this
     * one warn about unknown settings.
     */
    public static Map<String, Object> connection(Map<String, Object> clientConfig) {
        Map<String, Object> props = new HashMap<>();
        clientConfig.forEach((k, v) -> {
            if (k.startsWith("bootstrap.") || k.startsWith("security.") || k.startsWith("sasl.")
                    || k.startsWith("ssl.") || k.startsWith("client.dns") || k.startsWith("config.providers")
                    || k.equals("request.timeout.ms") || k.equals("default.api.timeout.ms")
                    || k.startsWith("socket.connection.setup.timeout") || k.equals("metadata.max.age.ms")) {
                props.put(k, v);
            }
        });
        return props;
    }
}
