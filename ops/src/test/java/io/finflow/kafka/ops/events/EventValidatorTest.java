package io.finflow.kafka.ops.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.schema.SchemaRegistry;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class EventValidatorTest {

    private final EventValidator validator = new EventValidator(TopicCatalog.fromClasspath("dev"),
            SchemaRegistry.fromClasspath());

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aValidEventNamesItsSchema() {
        Validation v = validator.validate("system-events", new RecordHeaders(), bytes("{\"eventId\":"
                + "\"5f0c1c7e-2b7e-4a8e-9d1e-4f3a2b1c0d9e\",\"service\":\"billing\",\"type\":\"startup\","
                + "\"occurredAt\":\"2026-01-01T10:00:00Z\"}"));
        assertThat(v.status()).isEqualTo(Validation.Status.VALID);
        assertThat(v.schema()).isEqualTo("system v1");
        assertThat(v.problems()).isEmpty();
    }

    @Test
    void violationsAreListedWithTheirPointer() {
        Validation v = validator.validate("system-events", new RecordHeaders(), bytes("{\"service\":\"Bad Name\"}"));
        assertThat(v.status()).isEqualTo(Validation.Status.INVALID);
        assertThat(v.problems()).anyMatch(p -> p.startsWith("/service: ")).anyMatch(p -> p.startsWith("/eventId: "));
    }

    @Test
    void unreadableValuesAndUnknownSchemasAreInvalid() {
        assertThat(validator.validate("system-events", new RecordHeaders(), bytes("[1]")).problems())
                .containsExactly("value is not a JSON object");
        assertThat(validator.validate("system-events", new RecordHeaders(), null).problems())
                .containsExactly("record has no value (null payload)");
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_dataschema", bytes("https://schemas.finflow.io/user/v1.json"));
        assertThat(validator.validate("system-events", headers, bytes("{}")).problems().get(0))
                .contains("is a user schema, but system-events carries system events");
    }

    @Test
    void aNewerVersionOfTheTopicsTypeIsValidLikeForTheConsumerAndAnotherTypesIsNot() {
        RecordHeaders newer = new RecordHeaders();
        newer.add("ce_dataschema", bytes("https://schemas.finflow.io/system/v42.json"));
        Validation v = validator.validate("system-events", newer, bytes("{\"anything\":1}"));
        assertThat(v.status()).isEqualTo(Validation.Status.VALID);
        assertThat(v.schema()).startsWith("system v42, newer than this tool knows");
        RecordHeaders foreign = new RecordHeaders();
        foreign.add("ce_dataschema", bytes("https://schemas.finflow.io/user/v42.json"));
        assertThat(validator.validate("system-events", foreign, bytes("{}")).status())
                .isEqualTo(Validation.Status.INVALID);
    }

    @Test
    void aTombstoneIsADeletionOnACompactedTopicOnly() {
        Validation tombstone = validator.validate("account-balances", new RecordHeaders(), null);
        assertThat(tombstone.status()).isEqualTo(Validation.Status.VALID);
        assertThat(tombstone.schema()).contains("deletion");
        assertThat(validator.validate("transaction-events", new RecordHeaders(), null).status())
                .isEqualTo(Validation.Status.INVALID);
    }

    @Test
    void deadLetterTopicsAreCheckedAndForeignTopicsAreNot() {
        assertThat(validator.validate("system-events.dlq", new RecordHeaders(), bytes("{}")).status())
                .isEqualTo(Validation.Status.INVALID);
        Validation foreign = validator.validate("some-topic", new RecordHeaders(), bytes("{}"));
        assertThat(foreign.status()).isEqualTo(Validation.Status.UNCHECKED);
        assertThat(foreign.problems()).containsExactly("topic 'some-topic' is not in the topic catalog (profile dev)");
    }
}
