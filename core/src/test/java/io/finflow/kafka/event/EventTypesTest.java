package io.finflow.kafka.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.finflow.kafka.FinFlowException;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.catalog.TopicSpec;
import io.finflow.kafka.schema.SchemaRegistry;

class EventTypesTest {

    @Test
    void mapsEveryEventClassToItsTypeAndBack() {
        assertThat(EventTypes.eventTypes()).containsExactly("transaction", "user", "notification", "system",
                "analytics", "balance");
        for (String type : EventTypes.eventTypes()) {
            assertThat(EventTypes.eventTypeOf(EventTypes.classOf(type))).isEqualTo(type);
        }
        assertThat(EventTypes.eventTypeOf(TransactionEvent.class)).isEqualTo("transaction");
        assertThat(EventTypes.classOf("notification")).isEqualTo(NotificationEvent.class);
        assertThat(UserEvent.of("u", UserEvent.Type.CLOSED).eventType()).isEqualTo("user");
    }

    @Test
    void cloudEventTypesArePrefixedAndReversible() {
        assertThat(EventTypes.cloudEventType("transaction")).isEqualTo("io.finflow.transaction");
        assertThat(EventTypes.fromCloudEventType("io.finflow.analytics")).contains("analytics");
        assertThat(EventTypes.fromCloudEventType("com.example.order")).isEmpty();
        assertThat(EventTypes.fromCloudEventType("io.finflow.")).isEmpty();
        assertThatThrownBy(() -> EventTypes.cloudEventType("Bad Type"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 'Bad Type'");
    }

    @Test
    void unknownTypesAndClassesAreNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> EventTypes.classOf("payment"))
                .isInstanceOf(UnknownEventTypeException.class).isInstanceOf(FinFlowException.class)
                .hasMessage("'payment' is not a FinFlow event type; known event types: transaction, user,"
                        + " notification, system, analytics, balance");
        assertThatThrownBy(() -> EventTypes.eventTypeOf(Stranger.class))
                .isInstanceOf(UnknownEventTypeException.class).hasMessageContaining(Stranger.class.getName());
    }

    @Test
    void catalogTopicsJavaClassesAndSchemasNameTheSameEventTypes() {
        var catalogTypes = TopicCatalog.fromClasspath("dev").topics().stream().map(TopicSpec::eventType).toList();
        assertThat(catalogTypes).containsExactlyInAnyOrderElementsOf(EventTypes.eventTypes());
        assertThat(SchemaRegistry.fromClasspath().eventTypes())
                .containsExactlyInAnyOrderElementsOf(EventTypes.eventTypes());
    }

    private record Stranger(String eventId, Instant occurredAt) implements FinFlowEvent {
    }
}
