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

import io.finflow.kafka.catalog.CatalogYaml.CatalogFile;
import io.finflow.kafka.catalog.CatalogYaml.DlqEntry;
import io.finflow.kafka.catalog.CatalogYaml.ProfileEntry;
import io.finflow.kafka.catalog.CatalogYaml.TopicEntry;
import io.finflow.kafka.event.EventTypes;
import io.finflow.kafka.schema.SchemaRef;
import io.finflow.kafka.schema.SchemaRegistry;

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
    /** Environment variable naming the profile of the bundled catalog that options use by default. */
    public static final String PROFILE_ENV = "FINFLOW_PROFILE";

    /** Kafka topic configs the catalog sets from its own keys; {@code configs} must not set them too. */
    private static final Map<String, String> MANAGED_CONFIGS = Map.of(
            "retention.ms", "retention",
            "cleanup.policy", "cleanupPolicy",
            "min.insync.replicas", "the profile's minInsyncReplicas");

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
            return parse(CatalogYaml.read(in, "classpath:" + CLASSPATH_LOCATION), profile, "classpath:" + CLASSPATH_LOCATION);
        } catch (IOException e) {
            throw new CatalogException("could not read classpath:" + CLASSPATH_LOCATION + ": " + e.getMessage(), e);
        }
    }

    /**
     * The bundled catalog in the profile named by {@value #PROFILE_ENV}, else {@value #DEFAULT_PROFILE}: the
     * catalog producer and consumer options use when none is given.
     */
    public static TopicCatalog fromClasspathForEnvironment() {
        return fromClasspath(System.getenv().getOrDefault(PROFILE_ENV, DEFAULT_PROFILE));
    }

    /** Loads a catalog file, for example {@code config/topics.yaml}. */
    public static TopicCatalog load(Path file, String profile) {
        if (Files.isDirectory(file)) {
            throw new CatalogException("topic catalog " + file + " is a folder, not a file");
        }
        if (!Files.isRegularFile(file)) {
            throw new CatalogException("topic catalog file " + file + " does not exist");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(CatalogYaml.read(in, file.toString()), profile, file.toString());
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
        if (!file.profiles.containsKey(profileName)) {
            throw new CatalogException("unknown profile '" + profileName + "'" + where + "; known profiles: "
                    + String.join(", ", file.profiles.keySet()));
        }
        ProfileEntry profile = file.profiles.get(profileName);
        if (profile == null || profile.replicationFactor == null || profile.minInsyncReplicas == null) {
            throw new CatalogException("profile '" + profileName + "' needs replicationFactor and minInsyncReplicas"
                    + where);
        }
        if (profile.replicationFactor < 1 || profile.replicationFactor > Short.MAX_VALUE) {
            throw new CatalogException("replicationFactor of profile '" + profileName + "' must be between 1 and "
                    + Short.MAX_VALUE + ", was " + profile.replicationFactor + where);
        }
        if (file.topics == null || file.topics.isEmpty()) {
            throw new CatalogException("no topics" + where);
        }
        DlqEntry dlqDefaults = file.dlqDefaults == null ? new DlqEntry() : file.dlqDefaults;
        Map<String, TopicSpec> topics = new LinkedHashMap<>();
        Map<String, TopicSpec> dlqs = new LinkedHashMap<>();
        for (int i = 0; i < file.topics.size(); i++) {
            TopicEntry t = file.topics.get(i);
            if (t == null || t.name == null) {
                throw new CatalogException("topics[" + i + "] has no name" + where);
            }
            checkTopicEntry(t, where);
            if (topics.containsKey(t.name)) {
                throw new CatalogException("topic '" + t.name + "' is declared twice" + where);
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

    /** What {@link TopicSpec} cannot know: the file's own rules. */
    private static void checkTopicEntry(TopicEntry t, String where) {
        if (t.name.endsWith(TopicSpec.DLQ_SUFFIX)) {
            throw new CatalogException("topic name '" + t.name + "' ends in " + TopicSpec.DLQ_SUFFIX + ", which is"
                    + " reserved for the dead letter topic the catalog adds to every topic" + where);
        }
        if (t.eventType == null || t.eventType.isBlank()) {
            throw new CatalogException("topic '" + t.name + "' has no eventType (the folder of its JSON Schemas under"
                    + " schemas/, e.g. transaction)" + where);
        }
        if (!EventTypes.EVENT_TYPE_NAME.matcher(t.eventType).matches()) {
            throw new CatalogException("eventType of topic '" + t.name + "' must be a schema folder name ("
                    + EventTypes.EVENT_TYPE_NAME.pattern() + "), was '" + t.eventType + "'" + where);
        }
        if (t.key == null || t.key.isBlank()) {
            throw new CatalogException("topic '" + t.name + "' has no key field" + where);
        }
        if (t.partitions == null) {
            throw new CatalogException("topic '" + t.name + "' has no partitions" + where);
        }
        if (t.configs != null) {
            for (Map.Entry<String, String> config : t.configs.entrySet()) {
                String managedBy = MANAGED_CONFIGS.get(config.getKey());
                if (managedBy != null) {
                    throw new CatalogException("configs of topic '" + t.name + "' set " + config.getKey()
                            + ", which the catalog manages: use " + managedBy + " instead" + where);
                }
                if (config.getValue() == null || config.getValue().isBlank()) {
                    throw new CatalogException("configs of topic '" + t.name + "' give no value for "
                            + config.getKey() + where);
                }
            }
        }
    }

    /**
     * Checks that every topic can carry its events: its event type has a schema in {@code schemas}, and its key
     * field is a required property of that type's latest schema (else the producer refuses every event).
     *
     * @param schemas the schemas events are validated against
     * @return this catalog
     * @throws CatalogException naming every topic that cannot work, and why
     */
    public TopicCatalog requireSchemas(SchemaRegistry schemas) {
        List<String> problems = new ArrayList<>();
        for (TopicSpec topic : topics.values()) {
            if (!schemas.eventTypes().contains(topic.eventType())) {
                problems.add("topic '" + topic.name() + "' has eventType '" + topic.eventType() + "', which has no"
                        + " schema (known event types: " + String.join(", ", schemas.eventTypes()) + ")");
                continue;
            }
            SchemaRef latest = schemas.latest(topic.eventType());
            List<String> required = new ArrayList<>();
            schemas.schema(latest.eventType(), latest.version()).path("required").forEach(r -> required.add(r.asText()));
            if (!required.contains(topic.keyField())) {
                problems.add("topic '" + topic.name() + "' has key '" + topic.keyField() + "', which is not a required"
                        + " property of schema " + latest + " (required: " + String.join(", ", required) + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new CatalogException(String.join("; ", problems));
        }
        return this;
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
}
