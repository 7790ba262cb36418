package io.finflow.kafka.ops.diagnosis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.config.ConfigReferences;
import io.finflow.kafka.config.JaasOptions;
import io.finflow.kafka.config.SecretMasker;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * A client config with its config provider references resolved the way a Kafka client resolves them
 * when it starts (Kafka's own {@code AbstractConfig}, with the providers the config declares). Used to
 * check that references resolve, to name the SASL user in messages, and to know which secret values to
 * scrub from output. Holds secrets in memory: never print it; {@link #toString()} shows none.
 */
public final class ResolvedClientConfig {

    /**
     * Whether one reference resolves.
     *
     * @param key       the property holding it
     * @param reference the reference as written, e.g. {@code ${env:FINFLOW_SASL_PASSWORD}}
     * @param resolved  true when the provider supplied a value
     */
    public record ReferenceStatus(String key, String reference, boolean resolved) {
    }

    private final ClientConfig config;
    private final Map<String, String> resolved;
    private final String error;

    private ResolvedClientConfig(ClientConfig config, Map<String, String> resolved, String error) {
        this.config = config;
        this.resolved = resolved;
        this.error = error;
    }

    /** Resolves {@code config}; never throws: a provider failure is kept in {@link #error()}. */
    public static ResolvedClientConfig resolve(ClientConfig config) {
        Map<String, String> values = new HashMap<>();
        config.toMap().forEach((k, v) -> values.put(k, String.valueOf(v)));
        boolean hasReferences = values.values().stream().anyMatch(v -> !ConfigReferences.find(v).isEmpty());
        if (!hasReferences || !values.containsKey("config.providers")) {
            return new ResolvedClientConfig(config, values, null);
        }
        try {
            Map<String, String> out = new HashMap<>();
            new AbstractConfig(new ConfigDef(), config.toMap(), false).originals()
                    .forEach((k, v) -> out.put(k, String.valueOf(v)));
            return new ResolvedClientConfig(config, out, null);
        } catch (RuntimeException e) {
            // the provider's message names the file or variable, never a resolved value
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new ResolvedClientConfig(config, values, message.replaceAll("\\s*\\R\\s*", " "));
        }
    }

    /** Why resolution failed (e.g. a secrets file is missing), if it did. */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /** The resolved value of a property. */
    public Optional<String> value(String key) {
        return Optional.ofNullable(resolved.get(key));
    }

    /** The SASL user name after resolution, if the config has one. */
    public Optional<String> saslUsername() {
        return value("sasl.jaas.config").flatMap(jaas -> JaasOptions.value(jaas, "username"));
    }

    /** Every reference of the config and whether it resolved, sorted by property. */
    public List<ReferenceStatus> references() {
        List<ReferenceStatus> statuses = new ArrayList<>();
        for (ClientConfig.Setting s : config.settings()) {
            String after = resolved.getOrDefault(s.key(), "");
            for (ConfigReferences.Reference r : ConfigReferences.find(String.valueOf(s.value()))) {
                statuses.add(new ReferenceStatus(s.key(), r.text(), error == null && !after.contains(r.text())));
            }
        }
        return statuses;
    }

    /** The secret values of the config, raw and resolved, for {@link SecretScrubber}. */
    List<String> secretValues() {
        List<String> secrets = new ArrayList<>();
        for (ClientConfig.Setting s : config.settings()) {
            secrets.addAll(SecretMasker.secretParts(s.key(), s.value()));
            String after = resolved.get(s.key());
            if (after != null) {
                secrets.addAll(SecretMasker.secretParts(s.key(), after));
            }
        }
        return secrets;
    }

    @Override
    public String toString() {
        return "ResolvedClientConfig[" + config + "]";
    }
}
