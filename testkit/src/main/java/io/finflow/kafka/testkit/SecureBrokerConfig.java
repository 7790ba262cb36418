package io.finflow.kafka.testkit;

import java.nio.file.Path;
import java.util.Properties;

/**
 * Server properties of {@link SecuredKafka}: a SASL_SSL/SCRAM-SHA-512 listener for clients and
 * inter-broker traffic, optionally an SSL listener that requires a client certificate signed by the
 * test CA (mutual TLS; the certificate's {@code CN} is the principal's name), a SASL_PLAINTEXT/PLAIN
 * controller listener, TLS from {@link TestCertificates} and the {@code StandardAuthorizer} with
 * deny-by-default.
 */
final class SecureBrokerConfig {

    static final String CLIENT_LISTENER = "SASL_SSL";
    static final String MTLS_LISTENER = "MTLS";
    /** {@code CN=alice} becomes {@code User:alice}, as config/broker/prod.properties maps it. */
    static final String PRINCIPAL_MAPPING = "RULE:^CN=([^,]+)(,.*)?$/$1/,DEFAULT";

    private SecureBrokerConfig() {
    }

    /** @param mtlsPort port of the mutual TLS listener, or 0 for none */
    static Properties properties(Path dataDir, int clientPort, int mtlsPort, int controllerPort, TestCertificates tls,
            String brokerPassword) {
        String controller = KraftNode.CONTROLLER_LISTENER;
        String broker = SecuredKafka.BROKER_USER;
        Properties p = KraftNode.singleNodeDefaults(dataDir, controllerPort);
        String mtls = mtlsPort == 0 ? "" : "," + MTLS_LISTENER + "://127.0.0.1:" + mtlsPort;
        p.put("listeners", CLIENT_LISTENER + "://127.0.0.1:" + clientPort + mtls
                + "," + controller + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", CLIENT_LISTENER + "://127.0.0.1:" + clientPort + mtls);
        p.put("listener.security.protocol.map", CLIENT_LISTENER + ":SASL_SSL," + MTLS_LISTENER + ":SSL,"
                + controller + ":SASL_PLAINTEXT");
        if (mtlsPort != 0) {
            p.put(listenerPrefix(MTLS_LISTENER) + "ssl.client.auth", "required");
            p.put("ssl.principal.mapping.rules", PRINCIPAL_MAPPING);
        }
        p.put("inter.broker.listener.name", CLIENT_LISTENER);
        p.put("auto.create.topics.enable", "false");

        // Clients and the broker itself: SCRAM over TLS; the broker logs in as User:broker.
        p.put("sasl.enabled.mechanisms", ScramUsers.MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", ScramUsers.MECHANISM);
        p.put(listenerPrefix(CLIENT_LISTENER) + "sasl.enabled.mechanisms", ScramUsers.MECHANISM);
        p.put(listenerPrefix(CLIENT_LISTENER) + "scram-sha-512.sasl.jaas.config",
                ScramUsers.jaasConfig(broker, brokerPassword));

        // Controller: PLAIN with one static account, because SCRAM credentials are only known once
        // the metadata log that this listener serves has been read.
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put(listenerPrefix(controller) + "sasl.enabled.mechanisms", "PLAIN");
        p.put(listenerPrefix(controller) + "plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + broker
                        + "\" password=\"" + brokerPassword + "\" user_" + broker + "=\"" + brokerPassword + "\";");

        p.put("ssl.keystore.location", tls.keystore().toString());
        p.put("ssl.keystore.password", tls.password());
        p.put("ssl.key.password", tls.password());
        p.put("ssl.keystore.type", TestCertificates.STORE_TYPE);
        p.put("ssl.truststore.location", tls.truststore().toString());
        p.put("ssl.truststore.password", tls.password());
        p.put("ssl.truststore.type", TestCertificates.STORE_TYPE);
        p.put("ssl.enabled.protocols", "TLSv1.3,TLSv1.2");

        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", "User:" + SecuredKafka.ADMIN_USER + ";User:" + broker);
        p.put("allow.everyone.if.no.acl.found", "false");
        return p;
    }

    private static String listenerPrefix(String listener) {
        return "listener.name." + listener.toLowerCase(java.util.Locale.ROOT) + ".";
    }
}
