package io.finflow.kafka.schema;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.FinFlowEvent;

/**
 * A check that answers "valid" for events one exact schema document (and the {@link SemanticRules}) accepts, much
 * faster than the JSON Schema validator, and "not sure" for every other event, which the registry then hands to the
 * validator. It may say "not sure" of a valid event (that only costs time) but never "valid" of an invalid one.
 * Implementations are stateless and thread-safe.
 */
interface FastCheck {

    /** True only when the typed event, written as JSON, is valid. */
    boolean accepts(FinFlowEvent event);

    /** True only when the JSON tree is valid. */
    boolean accepts(JsonNode event);

    /**
     * The fast check written for this schema, or null. A check is tied to the exact document it was written and tested
     * against (the bundled one): a registry loaded from files where that schema was edited gets none.
     */
    static FastCheck forSchema(SchemaRef ref, JsonNode document) {
        if (ref.eventType().equals("transaction") && ref.version() == 2
                && document.equals(Bundled.TRANSACTION_V2)) {
            return TransactionV2Check.INSTANCE;
        }
        return null;
    }

    /** The bundled documents the checks were written for. */
    final class Bundled {
        static final JsonNode TRANSACTION_V2 = read(SchemaRegistry.CLASSPATH_ROOT + "/transaction/v2.json");

        private Bundled() {
        }

        private static JsonNode read(String resource) {
            try (InputStream in = FastCheck.class.getClassLoader().getResourceAsStream(resource)) {
                return in == null ? null : EventJson.mapper().readTree(in);
            } catch (IOException e) {
                return null; // no fast check: every event goes to the JSON Schema validator
            }
        }
    }
}
