package io.finflow.kafka.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** FinFlow's own rules for schema files, beyond what JSON Schema requires; see docs/schemas.md. */
class SchemaConventionsTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.load(SchemaRegistryTest.REPO_SCHEMAS);

    @Test
    void everySchemaHasATitleAndADescriptionThatExplainsItsAdditionalPropertiesChoice() {
        forEachSchema((name, schema) -> {
            assertThat(schema.path("title").asText()).as(name).isNotBlank();
            assertThat(schema.path("description").asText()).as(name).contains("additionalProperties");
            assertThat(schema.path("additionalProperties").isBoolean()).as(name + " root additionalProperties")
                    .isTrue();
        });
    }

    @Test
    void everyPropertyIsDescribedAndEveryObjectChoosesItsAdditionalProperties() {
        List<String> problems = new ArrayList<>();
        forEachSchema((name, schema) -> walk(name, "", schema, problems));
        assertThat(problems).isEmpty();
    }

    @Test
    void everyRequiredPropertyIsDefinedAndEveryErrorMessageNamesAKeywordBesideIt() {
        List<String> problems = new ArrayList<>();
        forEachSchema((name, schema) -> checkKeywords(name, "", schema, problems));
        assertThat(problems).isEmpty();
    }

    @Test
    void everyDateTimeHasTheUppercaseTPatternSoEveryValidTimeIsOneJavaReads() {
        String rfc3339 = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]{1,9})?(?:Z|[+-][0-9]{2}:[0-9]{2})$";
        List<String> problems = new ArrayList<>();
        forEachSchema((name, schema) -> schema.path("properties").properties().forEach(p -> {
            if ("date-time".equals(p.getValue().path("format").asText())
                    && !rfc3339.equals(p.getValue().path("pattern").asText())) {
                problems.add(name + "/" + p.getKey() + ": date-time without the RFC 3339 uppercase-T pattern");
            }
        }));
        assertThat(problems).isEmpty();
    }

    private static void walk(String name, String at, JsonNode schema, List<String> problems) {
        if ("object".equals(schema.path("type").asText()) && !schema.has("additionalProperties")) {
            problems.add(name + at + ": object without an explicit additionalProperties");
        }
        for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
            String where = at + "/" + p.getKey();
            if (p.getValue().path("description").asText().isBlank()) {
                problems.add(name + where + ": property without a description");
            }
            walk(name, where, p.getValue(), problems);
        }
        if (schema.path("items").isObject()) {
            walk(name, at + "/*", schema.get("items"), problems);
        }
        if (schema.path("additionalProperties").isObject()) {
            walk(name, at + "/*", schema.get("additionalProperties"), problems);
        }
    }

    private static void checkKeywords(String name, String at, JsonNode schema, List<String> problems) {
        if (!schema.isObject()) {
            return;
        }
        Set<String> conditional = Set.of("then", "else");
        for (JsonNode required : schema.path("required")) {
            boolean defined = schema.path("properties").has(required.asText()) || at.endsWith("/then")
                    || at.endsWith("/else") || conditional.contains(at) || at.endsWith("/if");
            if (!defined) {
                problems.add(name + at + ": requires undefined property " + required.asText());
            }
        }
        JsonNode messages = schema.path(ViolationTranslator.ERROR_MESSAGE);
        messages.fieldNames().forEachRemaining(keyword -> {
            if (!schema.has(keyword)) {
                problems.add(name + at + ": errorMessage for " + keyword + ", which is not beside it");
            }
        });
        for (Map.Entry<String, JsonNode> e : schema.properties()) {
            switch (e.getKey()) {
                case "properties" -> e.getValue().properties()
                        .forEach(p -> checkKeywords(name, at + "/properties/" + p.getKey(), p.getValue(), problems));
                case "allOf", "anyOf", "oneOf" -> {
                    for (int i = 0; i < e.getValue().size(); i++) {
                        checkKeywords(name, at + "/" + e.getKey() + "/" + i, e.getValue().get(i), problems);
                    }
                }
                case "items", "additionalProperties", "propertyNames", "if", "then", "else", "not" ->
                        checkKeywords(name, at + "/" + e.getKey(), e.getValue(), problems);
                default -> {
                }
            }
        }
    }

    private static void forEachSchema(java.util.function.BiConsumer<String, JsonNode> check) {
        for (String type : SCHEMAS.eventTypes()) {
            for (int v : SCHEMAS.versions(type)) {
                check.accept(type + " v" + v, SCHEMAS.schema(type, v));
            }
        }
    }
}
