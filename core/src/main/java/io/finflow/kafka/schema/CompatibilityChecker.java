package io.finflow.kafka.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks that schema evolution keeps every event readable: each version of each event type must be backward
 * compatible with all earlier versions (transitively), meaning that every event valid under an older version is
 * also valid under the newer one. A service on the newest schema can then replay a topic from its first offset,
 * which event sourcing on {@code transaction-events} depends on.
 *
 * <pre>{@code
 * List<Incompatibility> problems = new CompatibilityChecker().check(SchemaRegistry.fromClasspath());
 * problems.forEach(p -> log.error("{}", p));   // e.g. "transaction v1 -> v2 at /currency: ..."
 * }</pre>
 *
 * <p>The check is structural and conservative: it proves "the new schema accepts at least what the old one
 * accepted" keyword by keyword (new required fields, removed properties, narrowed types, enums, lengths, bounds,
 * patterns and formats, closed {@code additionalProperties}), and reports any change it cannot prove harmless,
 * such as an edited pattern or a new {@code if}/{@code then} rule. Annotations ({@code description},
 * {@code title}, {@code examples}, {@code default}, {@code errorMessage}) never matter. See
 * {@code docs/schemas.md} for the rules. Stateless and thread-safe.
 */
public final class CompatibilityChecker {

    /** Creates a checker. */
    public CompatibilityChecker() {
    }

    /**
     * Checks every pair of versions of every event type in the registry (v1 -> v2, v1 -> v3, v2 -> v3, ...).
     *
     * @param registry the schemas
     * @return every incompatibility found; empty when all versions are backward compatible
     */
    public List<Incompatibility> check(SchemaRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        List<Incompatibility> found = new ArrayList<>();
        for (String type : registry.eventTypes()) {
            List<Integer> versions = registry.versions(type);
            for (int to = 1; to < versions.size(); to++) {
                for (int from = 0; from < to; from++) {
                    int fromVersion = versions.get(from);
                    int toVersion = versions.get(to);
                    found.addAll(check(type, fromVersion, registry.schema(type, fromVersion), toVersion,
                            registry.schema(type, toVersion)));
                }
            }
        }
        return found;
    }

    /**
     * Checks that a newer schema accepts every event the older one accepts.
     *
     * @param eventType   the event type, for the report
     * @param fromVersion the older version number
     * @param fromSchema  the older JSON Schema
     * @param toVersion   the newer version number
     * @param toSchema    the newer JSON Schema
     * @return every incompatibility found; empty when the newer schema is backward compatible
     */
    public List<Incompatibility> check(String eventType, int fromVersion, JsonNode fromSchema, int toVersion,
            JsonNode toSchema) {
        Objects.requireNonNull(fromSchema, "fromSchema");
        Objects.requireNonNull(toSchema, "toSchema");
        List<Incompatibility> found = new ArrayList<>();
        new SchemaComparison(fromSchema, toSchema,
                (pointer, reason) -> found.add(new Incompatibility(eventType, fromVersion, toVersion, pointer, reason)))
                .run();
        return found;
    }
}
