package io.finflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.EventTypes;
import io.finflow.kafka.event.FinFlowEvent;
import io.finflow.kafka.producer.EncodedEvent;
import io.finflow.kafka.producer.EventEncoder;
import io.finflow.kafka.producer.ProducerOptions;
import io.finflow.kafka.schema.SchemaRegistry;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * One encoder fed every event type in turn, several times over: each event gets its own type's record key and
 * CloudEvents type and schema headers. The encoder keeps the last key accessor and header template it used in a
 * field; switching types must never hand an event another type's.
 */
class EncoderTypeCachesTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.fromClasspath();

    @Test
    void alternatingEventTypesEachGetTheirOwnKeyAndHeaders() throws Exception {
        EventEncoder encoder = new EventEncoder(TopicCatalog.fromClasspath("dev"), SCHEMAS, "/finflow/test",
                ProducerOptions.DEFAULT_MAX_EVENT_BYTES);
        int encoded = 0;
        for (int round = 0; round < 3; round++) {
            for (InteropSamples samples : InteropSamples.all()) {
                for (ObjectNode json : samples.valid()) {
                    FinFlowEvent event = EventJson.mapper().treeToValue(json, EventTypes.classOf(samples.eventType()));

                    EncodedEvent e = encoder.encode(samples.topic(), event, Map.of());

                    assertThat(e.key()).as(samples.topic()).isEqualTo(json.get(samples.keyField()).asText());
                    assertThat(header(e, "ce_type")).isEqualTo(EventTypes.cloudEventType(samples.eventType()));
                    assertThat(header(e, "ce_dataschema")).isEqualTo(SCHEMAS.schemaUri(samples.eventType(),
                            SCHEMAS.latestVersion(samples.eventType())).toString());
                    assertThat(header(e, "ce_id")).isEqualTo(json.get("eventId").asText());
                    encoded++;
                }
            }
        }
        assertThat(encoded).isGreaterThan(3 * InteropSamples.all().size());
    }

    private static String header(EncodedEvent event, String name) {
        Header h = event.headers().lastHeader(name);
        assertThat(h).as(name).isNotNull();
        return new String(h.value(), StandardCharsets.UTF_8);
    }
}
