package io.finflow.kafka.spring;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Refuses to start an application whose kafka-clients is older than the one FinFlow Kafka was built with. Spring
 * Boot's dependency management pins its own kafka-clients (3.9 for Boot 3.5), older than FinFlow's: without this
 * check the application would start and fail later with a {@code NoSuchMethodError} deep in a send or a poll. The
 * fix is one line in the application's build: {@code <kafka.version>} (docs/spring-boot.md).
 *
 * <p>The versions are read from {@code kafka/kafka-version.properties}, the file Kafka's own {@code AppInfoParser}
 * reports, as the application's class loader sees it, and from this starter's
 * {@code finflow-kafka-versions.properties}, written by the build.
 */
public final class KafkaClientsVersionCheck {

    /** The resource kafka-clients carries its version in. */
    public static final String KAFKA_VERSION_RESOURCE = "kafka/kafka-version.properties";
    /** The resource this starter carries the kafka-clients version it was built with in. */
    public static final String BUILT_WITH_RESOURCE = "io/finflow/kafka/spring/finflow-kafka-versions.properties";

    private KafkaClientsVersionCheck() {
    }

    /**
     * Checks the kafka-clients that {@code classLoader} sees.
     *
     * @throws IllegalStateException when it is older than the version FinFlow Kafka was built with, or missing,
     *                               naming both versions and the fix
     */
    public static void requireSupported(ClassLoader classLoader) {
        String required = read(KafkaClientsVersionCheck.class.getClassLoader(), BUILT_WITH_RESOURCE, "kafka.version");
        String found = read(classLoader, KAFKA_VERSION_RESOURCE, "version");
        requireAtLeast(found, required);
    }

    /**
     * Compares two versions.
     *
     * @throws IllegalStateException when {@code found} is null or older than {@code required}
     */
    static void requireAtLeast(String found, String required) {
        if (found == null || compare(found, required) < 0) {
            throw new IllegalStateException("FinFlow Kafka needs kafka-clients " + required + " or newer, but the"
                    + " classpath has " + (found == null ? "none" : found) + ". Spring Boot's dependency management"
                    + " pins an older kafka-clients: set the property <kafka.version>" + required + "</kafka.version>"
                    + " in your pom (Gradle: ext['kafka.version'] = '" + required + "'), see docs/spring-boot.md");
        }
    }

    /** Numeric comparison of dotted versions; a suffix such as {@code -SNAPSHOT} or {@code -rc1} is ignored. */
    static int compare(String a, String b) {
        int[] x = numbers(a);
        int[] y = numbers(b);
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int left = i < x.length ? x[i] : 0;
            int right = i < y.length ? y[i] : 0;
            if (left != right) {
                return Integer.compare(left, right);
            }
        }
        return 0;
    }

    private static int[] numbers(String version) {
        String[] parts = version.trim().split("[-+]", 2)[0].split("\\.");
        int[] numbers = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                numbers[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("cannot read the kafka-clients version '" + version + "'", e);
            }
        }
        return numbers;
    }

    private static String read(ClassLoader loader, String resource, String key) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty(key);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }
}
