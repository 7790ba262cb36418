package io.finflow.kafka.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The FinFlow topic catalog ({@code config/topics.yaml}) resolved for one profile.
 *
 * <pre>{@code
 * TopicCatalog catalog = TopicCatalog.fromClasspath("dev");
 * TopicSpec tx = catalog.require("transaction-events");   // key field, partitions, DLQ, ...
 * }</pre>
 *
 * <p>The library ships the catalog on its classpath; operators may point the CLI at another file.
 * Immutable and thread-safe.
 */
public final class TopicCatalog {

    /** Classpath location of the bundled catalog. */
    public static final String CLASSPATH_LOCATION = "finflow/config/topics.yaml";
    /** Profile used when none is given. */
    public static final String DEFAULT_PROFILE = "dev";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final String profile;
    private final Map<String, TopicSpec> topics;
    private final Map<String, TopicSpec> dlqTopics;

    private TopicCatalog(String profile, Map<String, TopicSpec> topics, Map<String, TopicSpec> dlqTopics) {
        this.profile = profile;
        this.topics = Collections.unmodifiableMap(topics);
        this.dlqTopics = Collections.unmodifiableMap(dlqTopics);
    }

    /** Loads the catalog bundled with the library. */
    public static TopicCatalog fromClasspath(String profile) {
        try (InputStream in = TopicCatalog.class.getClassLoader().getResourceAsStream(CLASSPATH_LOCATION)) {
            if (in == null) {
                throw new CatalogException("the topic catalog " + CLASSPATH_LOCATION + " is not on the classpath");
            }
            return parse(YAML.readValue(in, CatalogFile.class), profile, "classpath:" + CLASSPATH_LOCATION);
        } catch (IOException e) {
            throw new CatalogException("could not read classpath:" + CLASSPATH_LOCATION + ": " + e.getMessage(), e);
        }
    }

    /** Loads a catalog file, for example {@code config/topics.yaml}. */
    public static TopicCatalog load(Path file, String profile) {
        if (!Files.isRegularFile(file)) {
            throw new CatalogException("topic catalog file " + file + " does not exist");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(YAML.readValue(in, CatalogFile.class), profile, file.toString());
        } catch (IOException e) {
            throw new CatalogException("could not read topic catalog " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A copy whose topics (and dead letter topics) are named {@code prefix + name}: several isolated
     * FinFlow flows on one cluster, e.g. one per test or per demo run.
     */
    public TopicCatalog withPrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return this;
        }
        Map<String, TopicSpec> renamed = new LinkedHashMap<>();
        Map<String, TopicSpec> renamedDlqs = new LinkedHashMap<>();
        topics.values().forEach(t -> renamed.put(prefix + t.name(), rename(t, prefix)));
        dlqTopics.values().forEach(t -> renamedDlqs.put(prefix + t.name(), rename(t, prefix)));
        return new TopicCatalog(profile, renamed, renamedDlqs);
    }

    private static TopicSpec rename(TopicSpec t, String prefix) {
        return new TopicSpec(prefix + t.name(), t.eventType(), t.keyField(), t.partitions(), t.replicationFactor(),
                t.minInsyncReplicas(), t.retention(), t.cleanupPolicy(),
                t.dlqTopic() == null ? null : prefix + t.dlqTopic(), t.extraConfigs());
    }

    /**
     * The event topic carrying events of this type, e.g. {@code transaction} gives
     * {@code transaction-events}.
     *
     * @throws IllegalArgumentException when no topic, or more than one, carries that type
     */
    public TopicSpec topicForEventType(String eventType) {
        List<TopicSpec> matches = topics.values().stream().filter(t -> eventType.equals(t.eventType())).toList();
        if (matches.size() != 1) {
            throw new IllegalArgumentException(matches.isEmpty()
                    ? "no topic carries '" + eventType + "' events in the catalog"
                    : "several topics carry '" + eventType + "' events: " + matches.stream().map(TopicSpec::name).toList());
        }
        return matches.get(0);
    }

    /** The profile this catalog was resolved for. */
    public String profile() {
        return profile;
    }

    /** The event topics, in catalog order (dead letter topics excluded). */
    public List<TopicSpec> topics() {
        return List.copyOf(topics.values());
    }

    /** The dead letter topics, one per event topic, in catalog order. */
    public List<TopicSpec> deadLetterTopics() {
        return List.copyOf(dlqTopics.values());
    }

    /** Event topics followed by their dead letter topics: everything {@code topics apply} manages. */
    public List<TopicSpec> allTopics() {
        List<TopicSpec> all = new ArrayList<>(topics.values());
        all.addAll(dlqTopics.values());
        return all;
    }

    /** The event topic or dead letter topic with this name. */
    public Optional<TopicSpec> find(String topic) {
        TopicSpec spec = topics.get(topic);
        return spec != null ? Optional.of(spec) : Optional.ofNullable(dlqTopics.get(topic));
    }

    /**
     * The event topic with this name.
     *
     * @throws UnknownTopicException when the catalog does not declare it, naming the known topics
     */
    public TopicSpec require(String topic) {
        TopicSpec spec = topics.get(topic);
        if (spec == null) {
            throw new UnknownTopicException(topic, topics.keySet());
        }
        return spec;
    }

    private static TopicCatalog parse(CatalogFile file, String profileName, String source) {
        String where = " in " + source;
        if (file.profiles == null || file.profiles.isEmpty()) {
            throw new CatalogException("no profiles" + where);
        }
        ProfileEntry profile = file.profiles.get(profileName);
        if (profile == null) {
            throw new CatalogException("unknown profile '" + profileName + "'" + where + "; known profiles: "
                    + String.join(", ", file.profiles.keySet()));
        }
        if (profile.replicationFactor == null || profile.minInsyncReplicas == null) {
            throw new CatalogException("profile '" + profileName + "' needs replicationFactor and minInsyncReplicas"
                    + where);
        }
        if (file.topics == null || file.topics.isEmpty()) {
            throw new CatalogException("no topics" + where);
        }
        DlqEntry dlqDefaults = file.dlqDefaults == null ? new DlqEntry() : file.dlqDefaults;
        Map<String, TopicSpec> topics = new LinkedHashMap<>();
        Map<String, TopicSpec> dlqs = new LinkedHashMap<>();
        for (TopicEntry t : file.topics) {
            if (t.name == null) {
                throw new CatalogException("a topic without a name" + where);
            }
            if (topics.containsKey(t.name)) {
                throw new CatalogException("topic '" + t.name + "' is declared twice" + where);
            }
            if (t.key == null || t.key.isBlank()) {
                throw new CatalogException("topic '" + t.name + "' has no key field" + where);
            }
            if (t.partitions == null) {
                throw new CatalogException("topic '" + t.name + "' has no partitions" + where);
            }
            short rf = profile.replicationFactor.shortValue();
            int minIsr = profile.minInsyncReplicas;
            String dlqName = t.name + TopicSpec.DLQ_SUFFIX;
            try {
                TopicSpec spec = new TopicSpec(t.name, t.eventType, t.key, t.partitions, rf, minIsr,
                        retention(t.retention, t.name), t.cleanupPolicy == null ? "delete" : t.cleanupPolicy,
                        dlqName, t.configs);
                topics.put(t.name, spec);
                int dlqPartitions = dlqDefaults.partitions == null ? 1 : dlqDefaults.partitions;
                dlqs.put(dlqName, new TopicSpec(dlqName, t.eventType, t.key, dlqPartitions, rf, minIsr,
                        retention(dlqDefaults.retention, dlqName), "delete", null, Map.of()));
            } catch (IllegalArgumentException e) {
                throw new CatalogException(e.getMessage() + where, e);
            }
        }
        return new TopicCatalog(profileName, topics, dlqs);
    }

    private static Duration retention(String text, String topic) {
        if (text == null || text.equalsIgnoreCase("forever")) {
            return null;
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("retention of topic '" + topic + "' must be an ISO-8601 duration"
                    + " such as P7D or PT12H, or 'forever'; was '" + text + "'", e);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    static final class CatalogFile {
        public Map<String, ProfileEntry> profiles;
        public DlqEntry dlqDefaults;
        public List<TopicEntry> topics;
    }

    static final class ProfileEntry {
        public Integer replicationFactor;
        public Integer minInsyncReplicas;
    }

    static final class DlqEntry {
        public Integer partitions;
        public String retention;
    }

    static final class TopicEntry {
        public String name;
        public String description;
        public String eventType;
        public String key;
        public Integer partitions;
        public String retention;
        public String cleanupPolicy;
        public Map<String, String> configs;
    }
}
