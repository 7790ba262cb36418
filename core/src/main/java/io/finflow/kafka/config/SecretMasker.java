package io.finflow.kafka.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides which client properties hold secrets and masks them for display, so that logs, error
 * messages and {@code finflow config show} never print one.
 *
 * <p>A property is secret when its name says so: it ends with {@code password}, {@code passphrase} or
 * {@code jaas.config}, contains {@code secret}, {@code private.key} or {@code credential}, or is
 * {@code ssl.keystore.key} (listener-prefixed names included). A secret value is shown as
 * {@value #HIDDEN}, except:
 * <ul>
 *   <li>a value that is only a config provider reference ({@code ${file:/run/secrets/kafka:password}})
 *       is shown as is: it names where the secret is, not the secret;</li>
 *   <li>a {@code sasl.jaas.config} keeps its login module and non-secret options, with every
 *       password-like option masked: {@code ... username="accounting" password="[hidden]";}.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class SecretMasker {

    /** What a masked value is replaced with, as Kafka itself prints passwords. */
    public static final String HIDDEN = "[hidden]";

    private static final Pattern SECRET_JAAS_OPTION = Pattern.compile(
            "(?i)(\\b[\\w.-]*(?:password|passphrase|secret|token|credential|key)[\\w.-]*\\s*=\\s*)"
                    + "(\"(?:[^\"\\\\]|\\\\.)*\"|[^\\s;\"]+)");

    private SecretMasker() {
    }

    /** True when the property holds a secret (see the class comment). */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.endsWith("password") || k.endsWith("passphrase") || k.endsWith("jaas.config")
                || k.contains("secret") || k.contains("private.key") || k.contains("credential")
                || k.endsWith("ssl.keystore.key") || k.endsWith("user.info");
    }

    /** The value to show for a property: itself, or masked when the property is secret. */
    public static String mask(String key, Object value) {
        String text = String.valueOf(value);
        if (!isSecret(key) || ConfigReferences.isReference(text)) {
            return text;
        }
        if (key.toLowerCase(Locale.ROOT).endsWith("jaas.config")) {
            return maskJaas(text);
        }
        return HIDDEN;
    }

    /**
     * The secret parts of a property's value, to scrub from text: the whole value of a secret property, or
     * the values of the password-like options of a JAAS line. Config provider references are not secrets
     * and are left out; so is everything of a property that is not secret.
     */
    public static List<String> secretParts(String key, Object value) {
        String text = String.valueOf(value);
        List<String> parts = new ArrayList<>();
        if (!isSecret(key) || ConfigReferences.isReference(text)) {
            return parts;
        }
        if (!key.toLowerCase(Locale.ROOT).endsWith("jaas.config")) {
            parts.add(text);
            return parts;
        }
        Matcher m = SECRET_JAAS_OPTION.matcher(text);
        while (m.find()) {
            String v = m.group(2);
            String unquoted = v.startsWith("\"") ? v.substring(1, v.length() - 1) : v;
            if (!ConfigReferences.isReference(unquoted)) {
                parts.add(unquoted);
            }
        }
        return parts;
    }

    /** A JAAS line with the value of every password-like option masked (config provider references kept). */
    static String maskJaas(String jaas) {
        Matcher m = SECRET_JAAS_OPTION.matcher(jaas);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group(2);
            String unquoted = value.startsWith("\"") ? value.substring(1, value.length() - 1) : value;
            String shown = ConfigReferences.isReference(unquoted) ? value : "\"" + HIDDEN + "\"";
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + shown));
        }
        m.appendTail(out);
        return out.toString();
    }
}
