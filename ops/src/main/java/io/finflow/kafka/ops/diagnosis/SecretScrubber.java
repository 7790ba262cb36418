package io.finflow.kafka.ops.diagnosis;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.config.SecretMasker;

/**
 * Removes the secrets of a client config (passwords, key store passwords, JAAS passwords; as written
 * and as resolved by config providers) from any text before it is printed: error messages, stack
 * traces, findings. A last line of defence: messages are built without secrets in the first place.
 * Immutable and thread-safe.
 */
public final class SecretScrubber {

    /** Secrets shorter than this are not scrubbed: they would mangle ordinary text. */
    static final int MIN_LENGTH = 4;

    /** A scrubber that changes nothing. */
    public static final SecretScrubber NONE = new SecretScrubber(List.of());

    private final List<String> secrets;

    private SecretScrubber(List<String> secrets) {
        this.secrets = secrets;
    }

    /** A scrubber for the secrets of {@code config}. */
    public static SecretScrubber of(ClientConfig config) {
        return of(ResolvedClientConfig.resolve(config));
    }

    /** A scrubber for the secrets of an already resolved config. */
    public static SecretScrubber of(ResolvedClientConfig resolved) {
        Set<String> unique = new LinkedHashSet<>();
        for (String s : resolved.secretValues()) {
            if (s != null && s.length() >= MIN_LENGTH) {
                unique.add(s);
            }
        }
        // longest first, so a secret that contains another is replaced whole
        return new SecretScrubber(unique.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList());
    }

    /** {@code text} with every secret replaced by {@value SecretMasker#HIDDEN}. */
    public String scrub(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, SecretMasker.HIDDEN);
        }
        return out;
    }
}
