package io.finflow.kafka.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.finflow.kafka.event.EventJson;

class CompatibilityCheckerTest {

    private static final CompatibilityChecker CHECKER = new CompatibilityChecker();

    /** A small order schema; each case edits a copy into the "new" version. */
    private static final String BASE = """
            {"$schema": "https://json-schema.org/draft/2020-12/schema",
             "$id": "https://schemas.finflow.io/order/v1.json",
             "title": "Order", "description": "closed: additionalProperties false",
             "type": "object", "additionalProperties": false,
             "required": ["orderId", "amount", "status"],
             "properties": {
               "orderId": {"description": "id", "type": "string", "maxLength": 64},
               "amount": {"description": "amount", "type": "string", "pattern": "^[0-9]+(\\\\.[0-9]+)?$"},
               "status": {"description": "status", "enum": ["open", "paid", "cancelled"]},
               "quantity": {"description": "count", "type": "integer", "minimum": 1, "maximum": 100},
               "note": {"description": "note", "type": "string", "maxLength": 200},
               "tags": {"description": "tags", "type": "array", "maxItems": 10,
                        "items": {"description": "tag", "type": "string", "maxLength": 20}},
               "meta": {"description": "open map", "type": "object", "maxProperties": 20,
                        "additionalProperties": {"description": "value", "type": ["string", "number"]}},
               "payer": {"description": "nested, closed", "type": "object", "additionalProperties": false,
                         "properties": {"name": {"description": "name", "type": "string"}}}
             }}
            """;

    @Test
    void theRealSchemasAreBackwardCompatible() {
        assertThat(CHECKER.check(SchemaRegistry.fromClasspath())).isEmpty();
        assertThat(CHECKER.check(SchemaRegistry.load(SchemaRegistryTest.REPO_SCHEMAS))).isEmpty();
    }

    @Test
    void transactionV2AgainstV1IsCheckedAndTheReverseDirectionWouldFail() {
        SchemaRegistry schemas = SchemaRegistry.fromClasspath();
        assertThat(CHECKER.check("transaction", 1, schemas.schema("transaction", 1), 2,
                schemas.schema("transaction", 2))).isEmpty();
        // Going back from v2 to v1 drops merchant and reference from a closed object: v2 events would not pass v1.
        assertThat(CHECKER.check("transaction", 2, schemas.schema("transaction", 2), 1,
                schemas.schema("transaction", 1)))
                .extracting(Incompatibility::pointer).containsExactlyInAnyOrder("/merchant", "/reference");
    }

    static Stream<Arguments> incompatibleChanges() {
        return Stream.of(
                arguments("new required field", edit(s -> {
                    props(s).putObject("currency").put("description", "c").put("type", "string");
                    s.withArray("required").add("currency");
                }), "/currency", "new required property; older events do not carry it"),
                arguments("optional field made required", edit(s -> s.withArray("required").add("note")),
                        "/note", "became required; older events may omit it"),
                arguments("type changed", edit(s -> props(s).withObjectProperty("amount").put("type", "number")),
                        "/amount", "type changed from [string] to [number]"),
                arguments("integer narrowed from number", edit(s -> props(s).withObjectProperty("meta")
                        .withObjectProperty("additionalProperties").putArray("type").add("string")),
                        "/meta/*", "type changed from [number, string] to [string]"),
                arguments("enum narrowed", edit(s -> props(s).withObjectProperty("status").putArray("enum")
                        .add("open").add("paid")), "/status", "enum values removed: \"cancelled\""),
                arguments("property removed", edit(s -> props(s).remove("note")),
                        "/note", "property removed (or renamed)"),
                arguments("property renamed", edit(s -> props(s).set("comment", props(s).remove("note"))),
                        "/note", "property removed (or renamed)"),
                arguments("maxLength lowered", edit(s -> props(s).withObjectProperty("note").put("maxLength", 100)),
                        "/note", "maxLength lowered from 200 to 100; older events may be longer"),
                arguments("maxLength added", edit(s -> props(s).withObjectProperty("payer")
                        .withObjectProperty("properties").withObjectProperty("name").put("maxLength", 50)),
                        "/payer/name", "maxLength 50 added"),
                arguments("nested array item narrowed", edit(s -> props(s).withObjectProperty("tags")
                        .withObjectProperty("items").put("maxLength", 10)),
                        "/tags/*", "maxLength lowered from 20 to 10"),
                arguments("maxItems lowered", edit(s -> props(s).withObjectProperty("tags").put("maxItems", 5)),
                        "/tags", "maxItems lowered from 10 to 5"),
                arguments("minimum raised", edit(s -> props(s).withObjectProperty("quantity").put("minimum", 2)),
                        "/quantity", "minimum raised from 1 to 2"),
                arguments("pattern changed", edit(s -> props(s).withObjectProperty("amount")
                        .put("pattern", "^[0-9]+\\.[0-9]{2}$")), "/amount", "pattern changed from"),
                arguments("format added", edit(s -> props(s).withObjectProperty("orderId").put("format", "uuid")),
                        "/orderId", "format \"uuid\" added or changed"),
                arguments("additionalProperties closed", edit(s -> props(s).withObjectProperty("meta")
                        .put("additionalProperties", false)), "/meta", "additionalProperties closed"),
                arguments("property added to an open map with a narrower type", edit(s -> props(s)
                        .withObjectProperty("meta").withObjectProperty("properties").putObject("rate")
                        .put("description", "r").put("type", "string")),
                        "/meta/rate", "type changed from [number, string] to [string]"),
                arguments("conditional rule added", edit(s -> {
                    s.putObject("if").putObject("properties").putObject("status").put("const", "paid");
                    s.putObject("then").putArray("required").add("note");
                }), "", "if/then/else rule added or changed"),
                arguments("uniqueItems added", edit(s -> props(s).withObjectProperty("tags").put("uniqueItems", true)),
                        "/tags", "uniqueItems added"),
                arguments("property names restricted", edit(s -> props(s).withObjectProperty("meta")
                        .putObject("propertyNames").put("pattern", "^[a-z]+$")),
                        "/meta", "property names: now constrained by [pattern]"),
                arguments("unknown keyword added", edit(s -> props(s).withObjectProperty("tags")
                        .putObject("contains").put("const", "vip")),
                        "/tags", "keyword contains added or changed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("incompatibleChanges")
    void incompatibleChangesAreReported(String name, JsonNode newer, String pointer, String reason) {
        List<Incompatibility> found = CHECKER.check("order", 1, base(), 2, newer);
        assertThat(found).as(name).anySatisfy(i -> {
            assertThat(i.pointer()).isEqualTo(pointer);
            assertThat(i.reason()).startsWith(reason);
            assertThat(i.eventType()).isEqualTo("order");
            assertThat(i.fromVersion()).isEqualTo(1);
            assertThat(i.toVersion()).isEqualTo(2);
        });
    }

    static Stream<Arguments> compatibleChanges() {
        return Stream.of(
                arguments("optional property added to a closed object", edit(s -> props(s).putObject("channel")
                        .put("description", "c").put("type", "string").put("maxLength", 10))),
                arguments("enum widened", edit(s -> props(s).withObjectProperty("status").withArray("enum")
                        .add("refunded"))),
                arguments("maxLength raised", edit(s -> props(s).withObjectProperty("note").put("maxLength", 500))),
                arguments("required field made optional", edit(s -> s.withArray("required").remove(2))),
                arguments("integer widened to number", edit(s -> props(s).withObjectProperty("quantity")
                        .put("type", "number"))),
                arguments("pattern removed", edit(s -> props(s).withObjectProperty("amount").remove("pattern"))),
                arguments("type widened to a list", edit(s -> props(s).withObjectProperty("orderId").putArray("type")
                        .add("string").add("null"))),
                arguments("additionalProperties opened", edit(s -> s.put("additionalProperties", true))),
                arguments("annotations edited", edit(s -> {
                    s.put("description", "closed: additionalProperties false; now with more words");
                    props(s).withObjectProperty("note").put("description", "free text").putArray("examples")
                            .add("hello");
                })));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compatibleChanges")
    void compatibleChangesPass(String name, JsonNode newer) {
        assertThat(CHECKER.check("order", 1, base(), 2, newer)).as(name).isEmpty();
    }

    @Test
    void everyVersionIsCheckedAgainstAllEarlierOnes(@TempDir Path dir) throws IOException {
        writeVersion(dir, 1, base());
        writeVersion(dir, 2, edit(s -> props(s).withObjectProperty("note").put("maxLength", 300)));
        writeVersion(dir, 3, edit(s -> props(s).withObjectProperty("note").put("maxLength", 150)));
        List<Incompatibility> found = CHECKER.check(SchemaRegistry.load(dir));
        assertThat(found).extracting(Incompatibility::toString).containsExactly(
                "order v1 -> v3 at /note: maxLength lowered from 200 to 150; older events may be longer",
                "order v2 -> v3 at /note: maxLength lowered from 300 to 150; older events may be longer");
    }

    @Test
    void incompatibilityReadsAsOneLine() {
        assertThat(new Incompatibility("user", 1, 2, "", "additionalProperties closed"))
                .hasToString("user v1 -> v2 at (root): additionalProperties closed");
    }

    @Test
    void localReferencesAreFollowed() {
        JsonNode older = json("""
                {"type": "object", "properties": {"a": {"$ref": "#/$defs/code"}}, "additionalProperties": false,
                 "$defs": {"code": {"type": "string", "maxLength": 10}}}""");
        JsonNode newer = json("""
                {"type": "object", "properties": {"a": {"$ref": "#/$defs/code"}}, "additionalProperties": false,
                 "$defs": {"code": {"type": "string", "maxLength": 5}}}""");
        assertThat(CHECKER.check("x", 1, older, 2, newer)).extracting(Incompatibility::toString)
                .containsExactly("x v1 -> v2 at /a: maxLength lowered from 10 to 5; older events may be longer");
        JsonNode remote = json("""
                {"type": "object", "properties": {"a": {"$ref": "https://example.com/code.json"}}}""");
        assertThat(CHECKER.check("x", 1, older, 2, remote)).extracting(Incompatibility::reason)
                .anySatisfy(r -> assertThat(r).contains("cannot be followed"));
    }

    // ---- helpers ----

    private static JsonNode base() {
        return json(BASE);
    }

    private static JsonNode edit(Consumer<ObjectNode> change) {
        ObjectNode schema = (ObjectNode) base();
        change.accept(schema);
        return schema;
    }

    private static ObjectNode props(ObjectNode schema) {
        return schema.withObjectProperty("properties");
    }

    private static void writeVersion(Path dir, int version, JsonNode schema) throws IOException {
        ((ObjectNode) schema).put("$id", "https://schemas.finflow.io/order/v" + version + ".json");
        SchemaRegistryTest.write(dir, "order", version, schema.toString());
    }

    private static JsonNode json(String text) {
        return EventJson.readTree(text.getBytes(StandardCharsets.UTF_8));
    }
}
