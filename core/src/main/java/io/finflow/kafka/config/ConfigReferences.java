package io.finflow.kafka.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka config provider references in client property values: {@code ${provider:path:key}} or
 * {@code ${provider:key}}, e.g. {@code ${env:FINFLOW_SASL_PASSWORD}},
 * {@code ${file:/etc/finflow/kafka.properties:password}}, {@code ${dir:/run/secrets:kafka-password}}.
 * The Kafka clients resolve them when they start, with the providers the same config declares
 * ({@code config.providers=env,file,dir} and {@code config.providers.<name>.class=...}).
 *
 * <p>Stateless and thread-safe.
 */
public final class ConfigReferences {

    /** Kafka's own pattern ({@code ConfigTransformer.DEFAULT_PATTERN}). */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*?):(([^}]*?):)?([^}]*?)\\}");

    /**
     * One reference.
     *
     * @param provider the provider name, e.g. {@code env}
     * @param path     the path (a file or folder), empty for providers that take none
     * @param key      the key within the path, e.g. the variable name
     * @param text     the reference as written
     */
    public record Reference(String provider, String path, String key, String text) {
    }

    private ConfigReferences() {
    }

    /** True when the whole value is one reference (surrounding blanks allowed). */
    public static boolean isReference(String value) {
        return value != null && REFERENCE.matcher(value.trim()).matches();
    }

    /** The references in a value, in order. */
    public static List<Reference> find(String value) {
        List<Reference> refs = new ArrayList<>();
        if (value == null) {
            return refs;
        }
        Matcher m = REFERENCE.matcher(value);
        while (m.find()) {
            refs.add(new Reference(m.group(1), m.group(3) == null ? "" : m.group(3), m.group(4), m.group()));
        }
        return refs;
    }
}
