package io.finflow.kafka.ops.diagnosis;

import java.util.Objects;
import java.util.Optional;

import io.finflow.kafka.config.ClientConfig;

/**
 * What messages about a client need to say: where it connects, as whom, and in which file its security
 * settings live. Built once per command; holds no secret that it would print.
 */
public final class ClientContext {

    private final ClientConfig config;
    private final ResolvedClientConfig resolved;
    private final SecretScrubber scrubber;

    private ClientContext(ClientConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.resolved = ResolvedClientConfig.resolve(config);
        this.scrubber = SecretScrubber.of(resolved);
    }

    /** The context of a client config. */
    public static ClientContext of(ClientConfig config) {
        return new ClientContext(config);
    }

    /** The client config. */
    public ClientConfig config() {
        return config;
    }

    /** The config with its provider references resolved. */
    public ResolvedClientConfig resolved() {
        return resolved;
    }

    /** Scrubs this config's secrets from text. */
    public SecretScrubber scrubber() {
        return scrubber;
    }

    /** The bootstrap servers. */
    public String bootstrap() {
        return config.bootstrapServers();
    }

    /** The security protocol, upper case; PLAINTEXT when not set. */
    public String protocol() {
        return config.securityProtocol();
    }

    /** True for SSL and SASL_SSL. */
    public boolean usesTls() {
        return protocol().endsWith("SSL");
    }

    /** True for SASL_PLAINTEXT and SASL_SSL. */
    public boolean usesSasl() {
        return protocol().startsWith("SASL_");
    }

    /** The SASL user name, resolved, if the config logs in with SASL. */
    public Optional<String> saslUser() {
        return usesSasl() ? resolved.saslUsername().or(config::saslUsername) : Optional.empty();
    }

    /**
     * The principal for messages: {@code User:alice} for SASL, {@code the principal of your client
     * certificate} for mutual TLS, {@code User:ANONYMOUS} without authentication.
     */
    public String principal() {
        Optional<String> user = saslUser();
        if (user.isPresent()) {
            return "User:" + user.get();
        }
        if (protocol().equals("SSL") && config.setting("ssl.keystore.location").isPresent()) {
            return "the principal of your client certificate (its CN, with FinFlow's mapping rule)";
        }
        return "User:ANONYMOUS";
    }

    /** The ACL user name when known (the SASL user), for {@code config/acls.yaml} advice. */
    public Optional<String> aclUser() {
        return saslUser();
    }

    /** Where the security settings come from, e.g. {@code /etc/finflow/prod.properties}, for "check X in FILE". */
    public String securitySource() {
        return config.setting("sasl.jaas.config").or(() -> config.setting("security.protocol"))
                .filter(s -> s.source() == ClientConfig.Source.FILE)
                .map(ClientConfig.Setting::origin)
                .orElse("the --command-config file");
    }

    @Override
    public String toString() {
        return "ClientContext[" + config + "]";
    }
}
