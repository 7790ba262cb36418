package io.finflow.kafka.schema;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;

import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.FinFlowEvent;
import io.finflow.kafka.schema.SchemaFiles.SchemaFile;
import io.finflow.kafka.schema.ViolationTranslator.Finding;

/**
 * The FinFlow event schemas: one JSON Schema (draft 2020-12) per event type and version, read from local files,
 * never from the network.
 *
 * <pre>{@code
 * SchemaRegistry schemas = SchemaRegistry.fromClasspath();
 * int v = schemas.latestVersion("transaction");                       // 2
 * JsonNode event = EventJson.toTree(TransactionEvent.debit("acc-42", "100.50", "EUR"));
 * schemas.validateOrThrow("transaction", v, event);                    // SchemaValidationException if invalid
 * URI dataschema = schemas.schemaUri("transaction", v);                // the ce_dataschema header
 * schemas.resolve(dataschema);                                         // Optional[transaction v2]
 * }</pre>
 *
 * <p>Validation reports every violation, not only the first: the JSON Schema (with {@code format} asserted, so
 * {@code uuid}, {@code date-time} and {@code email} are checked) plus rules JSON Schema cannot express (ISO 4217
 * currencies, amounts greater than 0 with no more decimals than the currency's minor units, ISO 3166 countries).
 *
 * <p>Immutable and thread-safe: validators are compiled once at load time and shared; validating is cheap enough
 * to run on every send.
 */
public final class SchemaRegistry {

    /** Classpath folder of the bundled schemas (the repository's {@code schemas/}). */
    public static final String CLASSPATH_ROOT = "finflow/schemas";
    /** Base of every schema {@code $id}: {@code https://schemas.finflow.io/<eventType>/v<N>.json}. */
    public static final String ID_BASE = "https://schemas.finflow.io/";
    /** The only JSON Schema dialect the registry accepts. */
    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private static final SchemaRegistryConfig CONFIG = SchemaRegistryConfig.builder()
            .formatAssertionsEnabled(true)
            .pathType(PathType.JSON_POINTER)
            // Makes the ajv-errors style annotation known, so that it is not reported as an unknown keyword.
            .errorMessageKeyword(ViolationTranslator.ERROR_MESSAGE)
            .build();

    private static volatile SchemaRegistry bundled;

    private final Map<String, NavigableMap<Integer, Entry>> byType;
    private final Map<URI, SchemaRef> byUri;
    private final String source;

    /** @param fast the fast check written for exactly this document, or null (see {@link FastCheck}) */
    private record Entry(SchemaRef ref, URI id, JsonNode document, Schema validator, FastCheck fast) {
    }

    private SchemaRegistry(List<SchemaFile> files, String source) {
        this.source = source;
        if (files.isEmpty()) {
            throw new SchemaException("no schemas found in " + source);
        }
        Map<String, String> texts = new HashMap<>();
        for (SchemaFile file : files) {
            checkHeader(file);
            texts.put(expectedId(file.ref()).toString(), file.document().toString());
        }
        com.networknt.schema.SchemaRegistry validators = com.networknt.schema.SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12, builder -> builder.schemaRegistryConfig(CONFIG).schemas(texts));
        Schema metaSchema = validators.getSchema(SchemaLocation.of(DIALECT));

        Map<String, NavigableMap<Integer, Entry>> types = new TreeMap<>();
        Map<URI, SchemaRef> uris = new HashMap<>();
        for (SchemaFile file : files) {
            List<Error> problems = metaSchema.validate(file.document());
            if (!problems.isEmpty()) {
                throw new SchemaException(file.location() + " is not a valid JSON Schema 2020-12: " + problems.stream()
                        .map(e -> e.getInstanceLocation() + ": " + e.getMessage()).collect(Collectors.joining("; ")));
            }
            URI id = expectedId(file.ref());
            Schema validator;
            try {
                validator = validators.getSchema(SchemaLocation.of(id.toString()));
                validator.initializeValidators();
            } catch (RuntimeException e) {
                throw new SchemaException("cannot compile " + file.location() + ": " + e.getMessage(), e);
            }
            types.computeIfAbsent(file.ref().eventType(), t -> new TreeMap<>())
                    .put(file.ref().version(), new Entry(file.ref(), id, file.document().deepCopy(), validator,
                            FastCheck.forSchema(file.ref(), file.document())));
            uris.put(id, file.ref());
        }
        types.forEach((type, versions) -> {
            if (versions.firstKey() != 1 || versions.lastKey() != versions.size()) {
                throw new SchemaException("the versions of event type '" + type + "' in " + source
                        + " must be 1..N without gaps, found " + versions.keySet());
            }
        });
        types.replaceAll((type, versions) -> Collections.unmodifiableNavigableMap(versions));
        // A hash map in the sorted order: every send looks its event type up.
        this.byType = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(types));
        this.byUri = Collections.unmodifiableMap(uris);
    }

    /**
     * The schemas bundled with the library ({@code finflow/schemas/} on the classpath, copied from the
     * repository's {@code schemas/}). They are found through {@code finflow/schemas/index.json}, which lists the
     * versions of each event type, because a folder inside a jar cannot be listed. Loaded once per class loader of
     * this class and shared (the registry is immutable).
     *
     * @return the bundled registry
     * @throws SchemaException when the index or a schema is missing or invalid
     */
    public static SchemaRegistry fromClasspath() {
        SchemaRegistry registry = bundled;
        if (registry == null) {
            synchronized (SchemaRegistry.class) {
                registry = bundled;
                if (registry == null) {
                    ClassLoader loader = SchemaRegistry.class.getClassLoader();
                    registry = new SchemaRegistry(SchemaFiles.fromClasspath(loader, CLASSPATH_ROOT),
                            "classpath:" + CLASSPATH_ROOT);
                    bundled = registry;
                }
            }
        }
        return registry;
    }

    /**
     * Reads every {@code <eventType>/v<N>.json} under a folder, for example the repository's {@code schemas/}.
     * When the folder holds an {@code index.json}, it must list exactly the files found.
     *
     * @param schemasDir the folder
     * @return a new registry
     * @throws SchemaException when the folder, a file or the index is missing or invalid
     */
    public static SchemaRegistry load(Path schemasDir) {
        Objects.requireNonNull(schemasDir, "schemasDir");
        return new SchemaRegistry(SchemaFiles.fromDirectory(schemasDir), schemasDir.toString());
    }

    /**
     * The event types that have schemas.
     *
     * @return the event type names, sorted
     */
    public Set<String> eventTypes() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(byType.keySet()));
    }

    /**
     * The highest schema version of an event type: the one producers write.
     *
     * @param eventType e.g. {@code "transaction"}
     * @return the latest version
     * @throws UnknownSchemaException when the event type has no schema
     */
    public int latestVersion(String eventType) {
        return versionsOf(eventType).lastKey();
    }

    /**
     * The latest schema of an event type.
     *
     * @param eventType e.g. {@code "transaction"}
     * @return e.g. {@code transaction v2}
     * @throws UnknownSchemaException when the event type has no schema
     */
    public SchemaRef latest(String eventType) {
        return versionsOf(eventType).lastEntry().getValue().ref();
    }

    /**
     * The schema versions of an event type.
     *
     * @param eventType e.g. {@code "transaction"}
     * @return the versions, ascending: always 1..N
     * @throws UnknownSchemaException when the event type has no schema
     */
    public List<Integer> versions(String eventType) {
        return List.copyOf(versionsOf(eventType).keySet());
    }

    /**
     * The {@code $id} of a schema, sent as the CloudEvents {@code ce_dataschema} header.
     *
     * @param eventType e.g. {@code "transaction"}
     * @param version   e.g. {@code 2}
     * @return e.g. {@code https://schemas.finflow.io/transaction/v2.json}
     * @throws UnknownSchemaException when the registry does not hold that schema
     */
    public URI schemaUri(String eventType, int version) {
        return entry(eventType, version).id();
    }

    /**
     * The schema a {@code ce_dataschema} header names.
     *
     * @param dataschema a schema {@code $id}, e.g. {@code https://schemas.finflow.io/transaction/v2.json}
     * @return its event type and version, or empty when the registry does not hold that schema (a newer version
     *         than this library knows, or not a FinFlow schema)
     */
    public Optional<SchemaRef> resolve(URI dataschema) {
        return dataschema == null ? Optional.empty() : Optional.ofNullable(byUri.get(dataschema.normalize()));
    }

    /**
     * The schema document itself.
     *
     * @param eventType e.g. {@code "transaction"}
     * @param version   e.g. {@code 2}
     * @return a copy of the JSON Schema
     * @throws UnknownSchemaException when the registry does not hold that schema
     */
    public JsonNode schema(String eventType, int version) {
        return entry(eventType, version).document().deepCopy();
    }

    /**
     * Checks an event against a schema version and reports every violation.
     *
     * @param eventType e.g. {@code "transaction"}
     * @param version   the schema version to check against
     * @param event     the event as a JSON tree (see {@code EventJson.toTree})
     * @return the violations, ordered by pointer; empty when the event is valid. Never throws for any tree, and costs
     *         little for any tree: a NaN or infinite number (possible in a tree built in code, never in JSON) or one
     *         with more than 1000 digits written out ({@code 1e999999999}) is reported at its pointer without running
     *         the JSON Schema validator, and a tree that validator cannot process is refused with a violation at
     *         {@code ""}.
     * @throws UnknownSchemaException when the registry does not hold that schema
     */
    public List<Violation> validate(String eventType, int version, JsonNode event) {
        Entry entry = entry(eventType, version);
        Objects.requireNonNull(event, "event");
        if (entry.fast() != null && entry.fast().accepts(event)) {
            return List.of();
        }
        return validateBySchema(entry, eventType, event);
    }

    /**
     * Checks a typed event against a schema version: the same violations as
     * {@code validate(eventType, version, EventJson.toTree(event))}, without building the tree when the event's
     * type has a fast check (see {@link FastCheck}) and the event passes it.
     *
     * @param eventType e.g. {@code "transaction"}
     * @param version   the schema version to check against
     * @param event     the event
     * @return the violations, ordered by pointer; empty when the event is valid
     * @throws UnknownSchemaException when the registry does not hold that schema
     * @throws io.finflow.kafka.event.EventJsonException when the event cannot be converted to JSON
     */
    public List<Violation> validate(String eventType, int version, FinFlowEvent event) {
        Entry entry = entry(eventType, version);
        Objects.requireNonNull(event, "event");
        if (entry.fast() != null && entry.fast().accepts(event)) {
            return List.of();
        }
        return validateBySchema(entry, eventType, EventJson.toTree(event));
    }

    /** True when this schema has a fast check (the bundled document of a type that has one). */
    boolean hasFastCheck(String eventType, int version) {
        return entry(eventType, version).fast() != null;
    }

    /** The JSON Schema validator's and the semantic rules' verdict, never the fast check's. */
    private List<Violation> validateBySchema(Entry entry, String eventType, JsonNode event) {
        List<Violation> semantic = SemanticRules.check(eventType, event);
        if (SemanticRules.hasUnsafeNumber(event)) {
            // NaN, Infinity or 1e999999999: already refused by the semantic rules, and the JSON Schema validator
            // would fail on the first two and try to write out the third (see SemanticRules.hasUnsafeNumber).
            return sorted(semantic);
        }
        List<Error> errors;
        try {
            errors = entry.validator().validate(event);
        } catch (RuntimeException validatorFailure) {
            // Refuse rather than let a validator bug escape as an unexpected exception (or accept the event).
            return List.of(new Violation("", "could not be validated against " + entry.ref() + ": "
                    + validatorFailure));
        }
        List<Finding> schemaFindings = ViolationTranslator.translate(errors, entry.document());
        if (schemaFindings.isEmpty()) {
            return semantic;
        }
        return merge(schemaFindings, semantic);
    }

    /**
     * Checks an event against a schema version.
     *
     * @param eventType e.g. {@code "transaction"}
     * @param version   the schema version to check against
     * @param event     the event as a JSON tree
     * @throws SchemaValidationException listing every violation when the event is invalid
     * @throws UnknownSchemaException    when the registry does not hold that schema
     */
    public void validateOrThrow(String eventType, int version, JsonNode event) {
        List<Violation> violations = validate(eventType, version, event);
        if (!violations.isEmpty()) {
            throw new SchemaValidationException(eventType, version, violations);
        }
    }

    /**
     * Lists the event types and versions, e.g. {@code SchemaRegistry[transaction v1..v2, user v1] from ...}.
     *
     * @return a summary
     */
    @Override
    public String toString() {
        return "SchemaRegistry" + byType.entrySet().stream()
                .map(e -> e.getKey() + " v1" + (e.getValue().size() > 1 ? "..v" + e.getValue().lastKey() : ""))
                .collect(Collectors.joining(", ", "[", "]")) + " from " + source;
    }

    /**
     * Schema findings and semantic violations in one list. A semantic rule is more precise than a {@code pattern}
     * on the same value ("'XXY' is not an ISO 4217 currency code" rather than a regex), and a {@code format} more
     * precise than a {@code pattern}, so those patterns are dropped; every other finding is kept.
     */
    private static List<Violation> merge(List<Finding> schemaFindings, List<Violation> semantic) {
        Set<String> preciser = new HashSet<>();
        semantic.forEach(v -> preciser.add(v.pointer()));
        schemaFindings.stream().filter(f -> f.keyword().equals("format"))
                .forEach(f -> preciser.add(f.violation().pointer()));
        Set<Violation> merged = new LinkedHashSet<>();
        for (Finding finding : schemaFindings) {
            if (!(finding.keyword().equals("pattern") && preciser.contains(finding.violation().pointer()))) {
                merged.add(finding.violation());
            }
        }
        merged.addAll(semantic);
        return sorted(merged);
    }

    private static List<Violation> sorted(java.util.Collection<Violation> violations) {
        List<Violation> sorted = new ArrayList<>(violations);
        sorted.sort(Comparator.comparing(Violation::pointer));
        return List.copyOf(sorted);
    }

    private NavigableMap<Integer, Entry> versionsOf(String eventType) {
        Objects.requireNonNull(eventType, "eventType");
        NavigableMap<Integer, Entry> versions = byType.get(eventType);
        if (versions == null) {
            throw new UnknownSchemaException("no schema for event type '" + eventType + "'; known event types: "
                    + String.join(", ", byType.keySet()), eventType, 0);
        }
        return versions;
    }

    private Entry entry(String eventType, int version) {
        NavigableMap<Integer, Entry> versions = versionsOf(eventType);
        Entry entry = versions.get(version);
        if (entry == null) {
            throw new UnknownSchemaException("no schema " + eventType + " v" + version + "; known versions of '"
                    + eventType + "': " + versions.keySet().stream().map(String::valueOf)
                            .collect(Collectors.joining(", ")), eventType, version);
        }
        return entry;
    }

    private static URI expectedId(SchemaRef ref) {
        return URI.create(ID_BASE + ref.eventType() + "/v" + ref.version() + ".json");
    }

    private static void checkHeader(SchemaFile file) {
        JsonNode doc = file.document();
        if (!doc.isObject()) {
            throw new SchemaException(file.location() + " must hold a JSON Schema object, was " + doc.getNodeType());
        }
        String dialect = doc.path("$schema").asText(null);
        if (!DIALECT.equals(dialect)) {
            throw new SchemaException(file.location() + " must declare \"$schema\": \"" + DIALECT + "\", was "
                    + (dialect == null ? "nothing" : "\"" + dialect + "\""));
        }
        String id = doc.path("$id").asText(null);
        String expected = expectedId(file.ref()).toString();
        if (!expected.equals(id)) {
            throw new SchemaException(file.location() + " must declare \"$id\": \"" + expected + "\", was "
                    + (id == null ? "nothing" : "\"" + id + "\""));
        }
        if (!"object".equals(doc.path("type").asText(null))) {
            throw new SchemaException(file.location() + " must describe a JSON object (\"type\": \"object\")");
        }
    }
}
