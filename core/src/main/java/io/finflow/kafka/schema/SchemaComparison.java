package io.finflow.kafka.schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Compares an older and a newer JSON Schema and reports, by instance pointer, every place where the newer one may
 * reject a value the older one accepted. Sound but incomplete: what it cannot prove harmless it reports.
 * One instance per comparison; not thread-safe.
 */
final class SchemaComparison {

    /** Receives one finding. */
    @FunctionalInterface
    interface Report {
        void add(String pointer, String reason);
    }

    /** Keywords that never change which values are valid. */
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$comment", "$defs", "definitions",
            "$anchor", "title", "description", "examples", "default", "deprecated", "readOnly", "writeOnly",
            "contentMediaType", "contentEncoding", "contentSchema", ViolationTranslator.ERROR_MESSAGE);

    /** Keywords compared one by one below; any other assertion is checked for equality. */
    private static final Set<String> COMPARED = Set.of("type", "enum", "const", "maxLength", "minLength", "pattern",
            "format", "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "multipleOf", "items", "maxItems",
            "minItems", "uniqueItems", "required", "properties", "additionalProperties", "patternProperties",
            "maxProperties", "minProperties", "propertyNames", "allOf", "if", "then", "else", "$ref");

    /** Keywords whose value maps names to subschemas. */
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "patternProperties", "dependentSchemas",
            "$defs", "definitions");
    /** Keywords whose value is a list of subschemas. */
    private static final Set<String> SCHEMA_ARRAYS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
    /** Keywords whose value is one subschema. */
    private static final Set<String> SUBSCHEMAS = Set.of("items", "additionalProperties", "unevaluatedProperties",
            "unevaluatedItems", "propertyNames", "contains", "not", "if", "then", "else");

    private static final int MAX_DEPTH = 64;
    private static final JsonNode ANY = BooleanNode.TRUE;

    private final JsonNode oldDocument;
    private final JsonNode newDocument;
    private final Report report;

    SchemaComparison(JsonNode oldDocument, JsonNode newDocument, Report report) {
        this.oldDocument = oldDocument;
        this.newDocument = newDocument;
        this.report = report;
    }

    void run() {
        compare(oldDocument, newDocument, "", 0);
    }

    private void compare(JsonNode oldSchema, JsonNode newSchema, String at, int depth) {
        if (depth > MAX_DEPTH) {
            report.add(at, "schema nested deeper than " + MAX_DEPTH + " levels (recursive $ref?): cannot be checked");
            return;
        }
        JsonNode older = deref(oldSchema, oldDocument, at);
        JsonNode newer = deref(newSchema, newDocument, at);
        if (older == null || newer == null) {
            return;
        }
        if (acceptsAll(newer) || rejectsAll(older)) {
            return;
        }
        if (rejectsAll(newer)) {
            report.add(at, "accepts no value any more (schema false)");
            return;
        }
        if (acceptsAll(older)) {
            report.add(at, "now constrained by " + assertions(newer) + "; older events could hold any value here");
            return;
        }
        compareTypes(older, newer, at);
        compareEnums(older, newer, at);
        compareStrings(older, newer, at);
        compareNumbers(older, newer, at);
        compareArrays(older, newer, at, depth);
        compareObjects(older, newer, at, depth);
        compareCompositions(older, newer, at, depth);
        compareOthers(older, newer, at);
    }

    // ---- types and values ----

    private void compareTypes(JsonNode older, JsonNode newer, String at) {
        Set<String> newTypes = types(newer);
        if (newTypes == null) {
            return;
        }
        Set<String> oldTypes = types(older);
        if (oldTypes == null) {
            if (!older.has("enum") && !older.has("const")) {
                report.add(at, "type restricted to " + newTypes + "; older events could hold any type here");
            }
            return;
        }
        Set<String> lost = new TreeSet<>();
        for (String t : oldTypes) {
            if (!newTypes.contains(t) && !(t.equals("integer") && newTypes.contains("number"))) {
                lost.add(t);
            }
        }
        if (!lost.isEmpty()) {
            report.add(at, "type changed from " + oldTypes + " to " + newTypes + "; older events may hold " + lost);
        }
    }

    private void compareEnums(JsonNode older, JsonNode newer, String at) {
        if (newer.has("enum")) {
            Set<JsonNode> allowed = new LinkedHashSet<>();
            newer.get("enum").forEach(allowed::add);
            List<JsonNode> oldValues = new ArrayList<>();
            if (older.has("enum")) {
                older.get("enum").forEach(oldValues::add);
            } else if (older.has("const")) {
                oldValues.add(older.get("const"));
            } else {
                report.add(at, "enum " + newer.get("enum") + " added; older events may hold other values");
                return;
            }
            List<String> removed = new ArrayList<>();
            oldValues.stream().filter(v -> !allowed.contains(v)).forEach(v -> removed.add(v.toString()));
            if (!removed.isEmpty()) {
                report.add(at, "enum values removed: " + String.join(", ", removed) + "; older events may hold them");
            }
        }
        if (newer.has("const")) {
            JsonNode value = newer.get("const");
            boolean same = value.equals(older.get("const"))
                    || (older.has("enum") && older.get("enum").size() == 1 && value.equals(older.get("enum").get(0)));
            if (!same) {
                report.add(at, "const " + value + " added or changed; older events may hold other values");
            }
        }
    }

    private void compareStrings(JsonNode older, JsonNode newer, String at) {
        upperBound(older, newer, at, "maxLength", "older events may be longer");
        lowerBound(older, newer, at, "minLength", "older events may be shorter");
        if (newer.has("pattern") && !newer.get("pattern").equals(older.get("pattern"))) {
            report.add(at, older.has("pattern")
                    ? "pattern changed from " + older.get("pattern").asText() + " to " + newer.get("pattern").asText()
                            + "; a changed pattern cannot be proven to accept every older value"
                    : "pattern " + newer.get("pattern").asText() + " added; older values may not match it");
        }
        if (newer.has("format") && !newer.get("format").equals(older.get("format"))) {
            report.add(at, "format " + newer.get("format") + " added or changed (formats are asserted); older values"
                    + " may not match it");
        }
    }

    private void compareNumbers(JsonNode older, JsonNode newer, String at) {
        lowerBound(older, newer, at, "minimum", "older events may hold smaller values");
        lowerBound(older, newer, at, "exclusiveMinimum", "older events may hold smaller values");
        upperBound(older, newer, at, "maximum", "older events may hold larger values");
        upperBound(older, newer, at, "exclusiveMaximum", "older events may hold larger values");
        if (newer.has("multipleOf")) {
            BigDecimal step = newer.get("multipleOf").decimalValue();
            boolean coarserOld = older.has("multipleOf")
                    && older.get("multipleOf").decimalValue().remainder(step).signum() == 0;
            if (!coarserOld) {
                report.add(at, "multipleOf " + step + " added or changed; older values may not be multiples of it");
            }
        }
    }

    // ---- arrays ----

    private void compareArrays(JsonNode older, JsonNode newer, String at, int depth) {
        if (older.has("items") || newer.has("items")) {
            compare(older.path("items").isMissingNode() ? ANY : older.get("items"),
                    newer.path("items").isMissingNode() ? ANY : newer.get("items"), at + "/*", depth + 1);
        }
        upperBound(older, newer, at, "maxItems", "older events may hold more items");
        lowerBound(older, newer, at, "minItems", "older events may hold fewer items");
        if (newer.path("uniqueItems").asBoolean(false) && !older.path("uniqueItems").asBoolean(false)) {
            report.add(at, "uniqueItems added; older events may repeat items");
        }
    }

    // ---- objects ----

    private void compareObjects(JsonNode older, JsonNode newer, String at, int depth) {
        Set<String> oldRequired = strings(older.get("required"));
        for (String name : strings(newer.get("required"))) {
            if (!oldRequired.contains(name)) {
                report.add(child(at, name), older.path("properties").has(name)
                        ? "became required; older events may omit it"
                        : "new required property; older events do not carry it");
            }
        }
        JsonNode oldProps = older.path("properties");
        JsonNode newProps = newer.path("properties");
        Set<String> names = new TreeSet<>();
        oldProps.fieldNames().forEachRemaining(names::add);
        newProps.fieldNames().forEachRemaining(names::add);
        boolean objectSchemas = !names.isEmpty() || older.has("additionalProperties")
                || newer.has("additionalProperties") || older.has("patternProperties")
                || newer.has("patternProperties");
        for (String name : names) {
            JsonNode oldProp = oldProps.has(name) ? oldProps.get(name) : unlisted(older, name);
            JsonNode newProp = newProps.has(name) ? newProps.get(name) : unlisted(newer, name);
            String where = child(at, name);
            if (oldProps.has(name) && !newProps.has(name) && rejectsAll(deref(newProp, newDocument, where))) {
                report.add(where, "property removed (or renamed); older events carry it and the new schema rejects it");
            } else if (!oldProps.has(name) && newProps.has(name) && acceptsAll(deref(oldProp, oldDocument, where))
                    && !acceptsAll(deref(newProp, newDocument, where))) {
                report.add(where, "property added to an object open to any property; older events may carry it"
                        + " with any value (close additionalProperties first, or leave the property unconstrained)");
            } else {
                compare(oldProp, newProp, where, depth + 1);
            }
        }
        if (objectSchemas) {
            JsonNode oldExtra = older.has("additionalProperties") ? older.get("additionalProperties") : ANY;
            JsonNode newExtra = newer.has("additionalProperties") ? newer.get("additionalProperties") : ANY;
            if (rejectsAll(newExtra) && !rejectsAll(oldExtra)) {
                report.add(at, "additionalProperties closed; older events may carry properties the new schema does"
                        + " not list");
            } else {
                compare(oldExtra, newExtra, at + "/*", depth + 1);
            }
        }
        upperBound(older, newer, at, "maxProperties", "older events may hold more entries");
        lowerBound(older, newer, at, "minProperties", "older events may hold fewer entries");
        if (!equivalent(older.get("patternProperties"), newer.get("patternProperties"))
                && newer.has("patternProperties")) {
            report.add(at, "patternProperties added or changed; cannot be proven to accept older events");
        }
        if (newer.has("propertyNames")) {
            List<String> nameProblems = new ArrayList<>();
            new SchemaComparison(oldDocument, newDocument, (p, r) -> nameProblems.add(r)).compare(
                    older.has("propertyNames") ? older.get("propertyNames") : ANY, newer.get("propertyNames"), at,
                    depth + 1);
            nameProblems.forEach(r -> report.add(at, "property names: " + r));
        }
    }

    /** The schema an object applies to a property it does not list: a matching patternProperties, else additional. */
    private static JsonNode unlisted(JsonNode schema, String name) {
        JsonNode patterns = schema.path("patternProperties");
        for (Map.Entry<String, JsonNode> entry : patterns.properties()) {
            try {
                if (Pattern.compile(entry.getKey()).matcher(name).find()) {
                    return entry.getValue();
                }
            } catch (PatternSyntaxException e) {
                return entry.getValue();
            }
        }
        return schema.has("additionalProperties") ? schema.get("additionalProperties") : ANY;
    }

    // ---- composition ----

    private void compareCompositions(JsonNode older, JsonNode newer, String at, int depth) {
        if (newer.has("allOf")) {
            JsonNode oldAll = older.path("allOf");
            JsonNode newAll = newer.get("allOf");
            if (oldAll.isArray() && oldAll.size() == newAll.size()) {
                // Each new conjunct accepting what its old counterpart accepted keeps the whole accepting it.
                for (int i = 0; i < newAll.size(); i++) {
                    compare(oldAll.get(i), newAll.get(i), at, depth + 1);
                }
            } else {
                for (JsonNode part : newAll) {
                    if (!containsEquivalent(oldAll, part)) {
                        report.add(at, "allOf gained the rule " + stripAnnotations(part)
                                + "; cannot be proven to accept older events");
                    }
                }
            }
        }
        boolean conditional = newer.has("if") || newer.has("then") || newer.has("else");
        if (conditional && !(equivalent(older.get("if"), newer.get("if"))
                && equivalent(older.get("then"), newer.get("then"))
                && equivalent(older.get("else"), newer.get("else")))) {
            report.add(at, "if/then/else rule added or changed; cannot be proven to accept older events");
        }
    }

    private void compareOthers(JsonNode older, JsonNode newer, String at) {
        for (String keyword : (Iterable<String>) newer::fieldNames) {
            if (ANNOTATIONS.contains(keyword) || COMPARED.contains(keyword)) {
                continue;
            }
            if (!equivalent(older.get(keyword), newer.get(keyword))) {
                report.add(at, "keyword " + keyword + " added or changed; the checker cannot prove older events still"
                        + " pass");
            }
        }
    }

    // ---- helpers ----

    private JsonNode deref(JsonNode schema, JsonNode document, String at) {
        JsonNode current = schema;
        for (int hops = 0; current != null && current.isObject() && current.has("$ref"); hops++) {
            String ref = current.get("$ref").asText();
            if (hops > MAX_DEPTH || !ref.startsWith("#")) {
                report.add(at, "$ref " + ref + " cannot be followed by the checker (only local #/... references)");
                return null;
            }
            ObjectNode siblings = ((ObjectNode) stripAnnotations(current)).deepCopy();
            siblings.remove("$ref");
            if (!siblings.isEmpty()) {
                report.add(at, "$ref beside other keywords " + siblings + " cannot be checked; wrap them in allOf");
                return null;
            }
            JsonNode target = document.at(JsonPointer.compile(ref.substring(1)));
            if (target.isMissingNode()) {
                report.add(at, "$ref " + ref + " points nowhere");
                return null;
            }
            current = target;
        }
        return current;
    }

    private void upperBound(JsonNode older, JsonNode newer, String at, String keyword, String consequence) {
        if (!newer.has(keyword)) {
            return;
        }
        BigDecimal limit = newer.get(keyword).decimalValue();
        if (!older.has(keyword)) {
            report.add(at, keyword + " " + limit + " added; " + consequence);
        } else if (limit.compareTo(older.get(keyword).decimalValue()) < 0) {
            report.add(at, keyword + " lowered from " + older.get(keyword).decimalValue() + " to " + limit + "; "
                    + consequence);
        }
    }

    private void lowerBound(JsonNode older, JsonNode newer, String at, String keyword, String consequence) {
        if (!newer.has(keyword)) {
            return;
        }
        BigDecimal limit = newer.get(keyword).decimalValue();
        boolean implicitZero = keyword.startsWith("min") && !keyword.equals("minimum");
        if (!older.has(keyword)) {
            if (!(implicitZero && limit.signum() == 0)) {
                report.add(at, keyword + " " + limit + " added; " + consequence);
            }
        } else if (limit.compareTo(older.get(keyword).decimalValue()) > 0) {
            report.add(at, keyword + " raised from " + older.get(keyword).decimalValue() + " to " + limit + "; "
                    + consequence);
        }
    }

    private static boolean acceptsAll(JsonNode schema) {
        if (schema == null || schema.isMissingNode()) {
            return true;
        }
        if (schema.isBoolean()) {
            return schema.booleanValue();
        }
        return schema.isObject() && assertions(schema).isEmpty();
    }

    private static boolean rejectsAll(JsonNode schema) {
        return schema != null && schema.isBoolean() && !schema.booleanValue();
    }

    private static Set<String> assertions(JsonNode schema) {
        Set<String> keywords = new TreeSet<>();
        schema.fieldNames().forEachRemaining(k -> {
            if (!ANNOTATIONS.contains(k)) {
                keywords.add(k);
            }
        });
        return keywords;
    }

    /** The JSON types a schema allows, {@code null} for any. */
    private static Set<String> types(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return null;
        }
        Set<String> types = new TreeSet<>();
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else {
            types.add(type.asText());
        }
        return types;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new TreeSet<>();
        if (array != null) {
            array.forEach(v -> values.add(v.asText()));
        }
        return values;
    }

    private static boolean containsEquivalent(JsonNode array, JsonNode schema) {
        for (JsonNode candidate : array) {
            if (equivalent(candidate, schema)) {
                return true;
            }
        }
        return false;
    }

    /** Equal once annotations are removed at every level (both missing counts as equal). */
    private static boolean equivalent(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        return stripAnnotations(a).equals(stripAnnotations(b));
    }

    /** A copy of a schema without annotations, at every level; data (enum values, names) is kept as is. */
    private static JsonNode stripAnnotations(JsonNode schema) {
        if (!schema.isObject()) {
            return schema;
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> e : schema.properties()) {
            String keyword = e.getKey();
            JsonNode value = e.getValue();
            if (ANNOTATIONS.contains(keyword)) {
                continue;
            }
            if (SCHEMA_MAPS.contains(keyword) && value.isObject()) {
                ObjectNode map = JsonNodeFactory.instance.objectNode();
                value.properties().forEach(p -> map.set(p.getKey(), stripAnnotations(p.getValue())));
                copy.set(keyword, map);
            } else if (SCHEMA_ARRAYS.contains(keyword) && value.isArray()) {
                ArrayNode list = JsonNodeFactory.instance.arrayNode();
                value.forEach(v -> list.add(stripAnnotations(v)));
                copy.set(keyword, list);
            } else if (SUBSCHEMAS.contains(keyword)) {
                copy.set(keyword, stripAnnotations(value));
            } else {
                copy.set(keyword, value);
            }
        }
        return copy;
    }

    private static String child(String at, String name) {
        return at + "/" + name.replace("~", "~0").replace("/", "~1");
    }
}
