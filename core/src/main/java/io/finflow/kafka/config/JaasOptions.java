package io.finflow.kafka.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads options of a {@code sasl.jaas.config} line, e.g. its {@code username}. Stateless, thread-safe. */
public final class JaasOptions {

    private JaasOptions() {
    }

    /** The value of option {@code name} ({@code name="value"} or {@code name=value}), unquoted. */
    public static Optional<String> value(String jaas, String name) {
        Matcher m = Pattern.compile("(?:^|\\s)" + Pattern.quote(name) + "\\s*=\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|([^\\s;\"]+))")
                .matcher(jaas);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(3));
    }
}
