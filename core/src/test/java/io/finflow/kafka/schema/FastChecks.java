package io.finflow.kafka.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.finflow.kafka.event.FinFlowEvent;

/** Test access to the fast schema checks, for property tests in other packages. */
public final class FastChecks {

    private FastChecks() {
    }

    /** The verdict of the transaction v2 fast check on a tree: true means "valid", false "not sure". */
    public static boolean transactionV2Accepts(JsonNode event) {
        return TransactionV2Check.INSTANCE.accepts(event);
    }

    /** The verdict of the transaction v2 fast check on a typed event. */
    public static boolean transactionV2Accepts(FinFlowEvent event) {
        return TransactionV2Check.INSTANCE.accepts(event);
    }

    /** True when the registry uses a fast check for this schema. */
    public static boolean hasFastCheck(SchemaRegistry registry, String eventType, int version) {
        return registry.hasFastCheck(eventType, version);
    }
}
