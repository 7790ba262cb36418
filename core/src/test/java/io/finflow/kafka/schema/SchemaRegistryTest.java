package io.finflow.kafka.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.finflow.kafka.FinFlowException;

class SchemaRegistryTest {

    /** The repository's schemas/ folder; surefire runs in the module folder. */
    static final Path REPO_SCHEMAS = Path.of("..", "schemas");

    private static final String MINIMAL = """
            {"$schema": "https://json-schema.org/draft/2020-12/schema",
             "$id": "https://schemas.finflow.io/%s/v%d.json",
             "type": "object", "additionalProperties": false,
             "properties": {"id": {"type": "string"}}}
            """;

    @Test
    void bundledRegistryHoldsEveryEventTypeAndItsVersions() {
        SchemaRegistry schemas = SchemaRegistry.fromClasspath();
        assertThat(schemas.eventTypes()).containsExactly("analytics", "balance", "notification", "system", "transaction",
                "user");
        assertThat(schemas.versions("transaction")).containsExactly(1, 2);
        assertThat(schemas.latestVersion("transaction")).isEqualTo(2);
        assertThat(schemas.latest("user")).isEqualTo(new SchemaRef("user", 1));
        assertThat(SchemaRegistry.fromClasspath()).as("loaded once, shared").isSameAs(schemas);
        assertThat(schemas).hasToString("SchemaRegistry[analytics v1, balance v1, notification v1, system v1, transaction v1..v2,"
                + " user v1] from classpath:finflow/schemas");
    }

    @Test
    void theClasspathIndexAndTheRepositoryFolderHoldTheSameSchemas() {
        SchemaRegistry bundled = SchemaRegistry.fromClasspath();
        SchemaRegistry repo = SchemaRegistry.load(REPO_SCHEMAS);
        assertThat(repo.eventTypes()).isEqualTo(bundled.eventTypes());
        for (String type : repo.eventTypes()) {
            assertThat(repo.versions(type)).isEqualTo(bundled.versions(type));
            for (int v : repo.versions(type)) {
                assertThat(repo.schema(type, v)).isEqualTo(bundled.schema(type, v));
            }
        }
    }

    @Test
    void schemaUrisAreTheIdsAndResolveBack() {
        SchemaRegistry schemas = SchemaRegistry.fromClasspath();
        URI uri = schemas.schemaUri("transaction", 2);
        assertThat(uri).hasToString("https://schemas.finflow.io/transaction/v2.json");
        assertThat(schemas.schema("transaction", 2).get("$id").asText()).isEqualTo(uri.toString());
        assertThat(schemas.resolve(uri)).contains(new SchemaRef("transaction", 2));
        assertThat(schemas.resolve(URI.create("https://schemas.finflow.io/transaction/v9.json"))).isEmpty();
        assertThat(schemas.resolve(URI.create("https://example.com/order.json"))).isEmpty();
        assertThat(schemas.resolve(null)).isEmpty();
    }

    @Test
    void unknownEventTypesAndVersionsAreNamedWithWhatIsKnown() {
        SchemaRegistry schemas = SchemaRegistry.fromClasspath();
        assertThatThrownBy(() -> schemas.latestVersion("payment"))
                .isInstanceOfSatisfying(UnknownSchemaException.class, e -> {
                    assertThat(e.eventType()).isEqualTo("payment");
                    assertThat(e.version()).isZero();
                })
                .isInstanceOf(FinFlowException.class)
                .hasMessage("no schema for event type 'payment'; known event types: analytics, balance, notification,"
                        + " system, transaction, user");
        assertThatThrownBy(() -> schemas.validate("transaction", 3, new ObjectNode(null)))
                .isInstanceOfSatisfying(UnknownSchemaException.class, e -> assertThat(e.version()).isEqualTo(3))
                .hasMessage("no schema transaction v3; known versions of 'transaction': 1, 2");
        assertThatThrownBy(() -> schemas.schemaUri("transaction", 0)).isInstanceOf(UnknownSchemaException.class);
    }

    @Test
    void schemaDocumentsAreCopies() {
        SchemaRegistry schemas = SchemaRegistry.fromClasspath();
        ((ObjectNode) schemas.schema("user", 1)).put("additionalProperties", true);
        assertThat(schemas.schema("user", 1).get("additionalProperties").asBoolean()).isFalse();
    }

    @Test
    void loadsAFolderWithoutIndex(@TempDir Path dir) throws IOException {
        write(dir, "order", 1, MINIMAL.formatted("order", 1));
        write(dir, "order", 2, MINIMAL.formatted("order", 2));
        SchemaRegistry schemas = SchemaRegistry.load(dir);
        assertThat(schemas.versions("order")).containsExactly(1, 2);
        assertThat(schemas.validate("order", 2, json("{\"id\":\"a\"}"))).isEmpty();
        assertThat(schemas.validate("order", 2, json("{\"id\":1,\"x\":true}"))).containsExactly(
                new Violation("/id", "must be a string, was a number (1)"),
                new Violation("/x", "is not a property this schema allows (misspelled, or too new for this schema"
                        + " version?)"));
    }

    @Test
    void refusesAnIndexThatDisagreesWithTheFiles(@TempDir Path dir) throws IOException {
        write(dir, "order", 1, MINIMAL.formatted("order", 1));
        write(dir, "order", 2, MINIMAL.formatted("order", 2));
        Files.writeString(dir.resolve("index.json"), "{\"eventTypes\": {\"order\": [1]}}");
        assertThatThrownBy(() -> SchemaRegistry.load(dir))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("lists {order=[1]} but the folder holds {order=[1, 2]}");
    }

    @Test
    void refusesSchemasWithTheWrongIdDialectOrShape(@TempDir Path dir) throws IOException {
        write(dir, "order", 1, MINIMAL.formatted("orders", 1));
        assertThatThrownBy(() -> SchemaRegistry.load(dir))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("v1.json must declare \"$id\": \"https://schemas.finflow.io/order/v1.json\","
                        + " was \"https://schemas.finflow.io/orders/v1.json\"");

        write(dir, "order", 1, MINIMAL.formatted("order", 1).replace("2020-12", "2019-09"));
        assertThatThrownBy(() -> SchemaRegistry.load(dir))
                .hasMessageContaining("must declare \"$schema\": \"https://json-schema.org/draft/2020-12/schema\"");

        write(dir, "order", 1, MINIMAL.formatted("order", 1).replace("\"type\": \"object\",", ""));
        assertThatThrownBy(() -> SchemaRegistry.load(dir)).hasMessageContaining("must describe a JSON object");
    }

    @Test
    void refusesFilesThatAreNotValidJsonSchema(@TempDir Path dir) throws IOException {
        write(dir, "order", 1, MINIMAL.formatted("order", 1).replace("{\"type\": \"string\"}",
                "{\"type\": \"text\", \"maxLength\": -1}"));
        assertThatThrownBy(() -> SchemaRegistry.load(dir))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("is not a valid JSON Schema 2020-12")
                .hasMessageContaining("/properties/id/maxLength");

        write(dir, "order", 1, "{\"$schema\": ");
        assertThatThrownBy(() -> SchemaRegistry.load(dir)).hasMessageContaining("v1.json is not valid JSON");
    }

    @Test
    void refusesGapsInVersionsAndStrayFiles(@TempDir Path dir) throws IOException {
        write(dir, "order", 1, MINIMAL.formatted("order", 1));
        write(dir, "order", 3, MINIMAL.formatted("order", 3));
        assertThatThrownBy(() -> SchemaRegistry.load(dir))
                .hasMessageContaining("versions of event type 'order'")
                .hasMessageContaining("must be 1..N without gaps, found [1, 3]");

        Files.delete(dir.resolve("order/v3.json"));
        Files.writeString(dir.resolve("order/v2-draft.json"), "{}");
        assertThatThrownBy(() -> SchemaRegistry.load(dir))
                .hasMessageContaining("unexpected schema file")
                .hasMessageContaining("schema files are named v<N>.json");
    }

    @Test
    void refusesMissingAndEmptyFolders(@TempDir Path dir) {
        assertThatThrownBy(() -> SchemaRegistry.load(dir.resolve("nope")))
                .isInstanceOf(SchemaException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> SchemaRegistry.load(dir))
                .isInstanceOf(SchemaException.class).hasMessageContaining("no schemas found");
    }

    static void write(Path dir, String type, int version, String content) throws IOException {
        Files.createDirectories(dir.resolve(type));
        Files.writeString(dir.resolve(type).resolve("v" + version + ".json"), content);
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        return io.finflow.kafka.event.EventJson.readTree(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
