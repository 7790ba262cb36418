package io.finflow.kafka.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

class EventJsonTest {

    private static final Instant AT = Instant.parse("2025-03-14T09:26:53.589Z");

    static Stream<FinFlowEvent> everyEventType() {
        return Stream.of(
                TransactionEvent.debit("acc-42", "100.50", "EUR").withDescription("Card payment")
                        .withMerchant(new TransactionEvent.Merchant("m-1", "Corner Shop", "5411", "FR"))
                        .withReference("E2E-2025-0001"),
                TransactionEvent.transfer("acc-42", "acc-7", new BigDecimal("0.10"), "EUR"),
                UserEvent.registered("usr-1", "ada@example.com", "GB"),
                UserEvent.profileUpdated("usr-1", List.of("phoneNumber", "address")),
                NotificationEvent.of("usr-1", NotificationEvent.Channel.IN_APP, "payment_received",
                        Map.of("amount", "100.50", "count", 3, "urgent", true, "ratio", new BigDecimal("0.25")))
                        .withPriority(NotificationEvent.Priority.HIGH).withLocale("en-GB"),
                SystemEvent.startup("accounting-service", "1.4.2", "accounting-7c9f"),
                SystemEvent.configChange("accounting-service", Map.of("retry.max", 5, "dlq.enabled", true)),
                AnalyticsEvent.pageView("sess-9", "/accounts/overview").withUserId("usr-1"),
                AnalyticsEvent.of("sess-9", AnalyticsEvent.CLICK, Map.of("button", "transfer")));
    }

    @ParameterizedTest
    @MethodSource("everyEventType")
    void everyEventRecordRoundTripsThroughJsonUnchanged(FinFlowEvent event) {
        byte[] bytes = EventJson.toBytes(event);
        FinFlowEvent back = EventJson.fromBytes(bytes, event.getClass());
        assertThat(back).isEqualTo(event);
        assertThat(EventJson.toBytes(back)).isEqualTo(bytes);
        assertThat(EventJson.fromBytes(bytes, EventTypes.classOf(event.eventType()))).isEqualTo(event);
    }

    @Test
    void amountIsWrittenAsAnExactStringThatKeepsItsScale() {
        TransactionEvent event = TransactionEvent.debit("acc-42", "100.50", "EUR");
        JsonNode tree = EventJson.toTree(event);
        assertThat(tree.get("amount").isTextual()).isTrue();
        assertThat(tree.get("amount").asText()).isEqualTo("100.50");
        assertThat(new String(EventJson.toBytes(event), StandardCharsets.UTF_8)).contains("\"amount\":\"100.50\"");

        TransactionEvent dime = EventJson.fromBytes(EventJson.toBytes(TransactionEvent.credit("acc-1", "0.10", "USD")),
                TransactionEvent.class);
        assertThat(dime.amount()).isEqualTo(new BigDecimal("0.10"));
        assertThat(dime.amount().scale()).isEqualTo(2);
    }

    @Test
    void amountsBeyondDoublePrecisionStayExact() {
        String huge = "12345678901234567890.12";
        TransactionEvent event = TransactionEvent.credit("acc-1", huge, "EUR");
        TransactionEvent back = EventJson.fromBytes(EventJson.toBytes(event), TransactionEvent.class);
        assertThat(back.amount().toPlainString()).isEqualTo(huge);
    }

    @Test
    void amountWithANegativeScaleIsWrittenInPlainNotation() {
        TransactionEvent event = TransactionEvent.credit("acc-1", new BigDecimal("1E+3"), "EUR");
        assertThat(EventJson.toTree(event).get("amount").asText()).isEqualTo("1000");
    }

    @Test
    void readersAcceptAnAmountWrittenAsAJsonNumberWithoutLosingDigits() {
        String json = """
                {"eventId":"3f2b8c1e-5d7a-4c2e-9b1f-0a6d4e8c2b71","transactionId":"t-1","accountId":"acc-1",
                 "type":"credit","amount":0.10,"currency":"EUR","status":"completed",
                 "occurredAt":"2025-03-14T09:26:53.589Z"}""";
        TransactionEvent event = EventJson.fromBytes(json.getBytes(StandardCharsets.UTF_8), TransactionEvent.class);
        assertThat(event.amount()).isEqualTo(new BigDecimal("0.10"));
        JsonNode tree = EventJson.readTree(json.getBytes(StandardCharsets.UTF_8));
        assertThat(tree.get("amount").decimalValue()).isEqualTo(new BigDecimal("0.10"));
    }

    @Test
    void instantsAreIso8601StringsAndEnumsLowercase() {
        TransactionEvent event = TransactionEvent.debit("acc-42", "1.00", "EUR").withOccurredAt(AT);
        JsonNode tree = EventJson.toTree(event);
        assertThat(tree.get("occurredAt").asText()).isEqualTo("2025-03-14T09:26:53.589Z");
        assertThat(tree.get("type").asText()).isEqualTo("debit");
        assertThat(tree.get("status").asText()).isEqualTo("completed");
        assertThat(EventJson.toTree(NotificationEvent.of("u", NotificationEvent.Channel.IN_APP, "t", Map.of()))
                .get("channel").asText()).isEqualTo("in_app");
        assertThat(EventJson.toTree(UserEvent.of("u", UserEvent.Type.KYC_VERIFIED)).get("type").asText())
                .isEqualTo("kyc_verified");
    }

    @Test
    void offsetsAreReadAsTheSameInstant() {
        String json = """
                {"eventId":"3f2b8c1e-5d7a-4c2e-9b1f-0a6d4e8c2b71","sessionId":"s","name":"click",
                 "occurredAt":"2025-03-14T10:26:53.589+01:00"}""";
        AnalyticsEvent event = EventJson.fromBytes(json.getBytes(StandardCharsets.UTF_8), AnalyticsEvent.class);
        assertThat(event.occurredAt()).isEqualTo(AT);
    }

    @Test
    void nullAndEmptyFieldsAreOmitted() {
        JsonNode tree = EventJson.toTree(TransactionEvent.debit("acc-42", "1.00", "EUR"));
        assertThat(tree.has("counterpartyAccountId")).isFalse();
        assertThat(tree.has("merchant")).isFalse();
        assertThat(EventJson.toTree(AnalyticsEvent.pageView("s", "/")).has("properties")).isFalse();
        assertThat(EventJson.toTree(UserEvent.of("u", UserEvent.Type.CLOSED)).has("changedFields")).isFalse();
    }

    @Test
    void readersIgnorePropertiesFromANewerSchemaVersion() {
        String json = """
                {"eventId":"3f2b8c1e-5d7a-4c2e-9b1f-0a6d4e8c2b71","userId":"usr-1","type":"closed",
                 "occurredAt":"2025-03-14T09:26:53.589Z","closedBy":"support","loyaltyTier":{"level":3}}""";
        UserEvent event = EventJson.fromBytes(json.getBytes(StandardCharsets.UTF_8), UserEvent.class);
        assertThat(event.type()).isEqualTo(UserEvent.Type.CLOSED);
        assertThat(event.changedFields()).isEmpty();
    }

    @Test
    void unreadableBytesFailWithTheTargetClassAndTheLocation() {
        assertThatThrownBy(() -> EventJson.fromBytes("{\"eventId\":".getBytes(StandardCharsets.UTF_8),
                TransactionEvent.class))
                .isInstanceOf(EventJsonException.class)
                .hasMessageContaining("as TransactionEvent")
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> EventJson.fromBytes("{\"type\":\"withdrawal\"}".getBytes(StandardCharsets.UTF_8),
                TransactionEvent.class))
                .isInstanceOf(EventJsonException.class)
                .hasMessageContaining("withdrawal")
                .hasMessageContaining("[\"type\"]");
        assertThatThrownBy(() -> EventJson.fromBytes(new byte[0], UserEvent.class))
                .isInstanceOf(EventJsonException.class).hasMessageContaining("empty bytes");
        assertThatThrownBy(() -> EventJson.fromBytes("{\"userId\":\"u\"}".getBytes(StandardCharsets.UTF_8),
                UserEvent.class))
                .isInstanceOf(EventJsonException.class).hasMessageContaining("user event needs eventId");
    }

    @Test
    void treesConvertToEventsSoConsumersParseOnce() {
        TransactionEvent event = TransactionEvent.transfer("acc-1", "acc-2", "0.10", "EUR");
        JsonNode tree = EventJson.readTree(EventJson.toBytes(event));
        assertThat(EventJson.fromTree(tree, TransactionEvent.class)).isEqualTo(event);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree).put("status", "lost");
        assertThatThrownBy(() -> EventJson.fromTree(tree, TransactionEvent.class))
                .isInstanceOf(EventJsonException.class)
                .hasMessageContaining("to TransactionEvent")
                .hasMessageContaining("lost");
    }

    @Test
    void duplicateKeysAndTrailingGarbageAreRefused() {
        assertThatThrownBy(() -> EventJson.readTree("{\"amount\":\"1\",\"amount\":\"1000\"}"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventJsonException.class).hasMessageContaining("Duplicate field 'amount'");
        assertThatThrownBy(() -> EventJson.readTree("{} {}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventJsonException.class).hasMessageContaining("Trailing token");
    }

    @Test
    void factoriesFailFastOnAmountsThatCanNeverBeValid() {
        assertThatThrownBy(() -> TransactionEvent.debit("acc-1", "0", "EUR"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("greater than 0, was 0");
        assertThatThrownBy(() -> TransactionEvent.debit("acc-1", "ten", "EUR"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 'ten'");
        assertThatThrownBy(() -> TransactionEvent.transfer("acc-1", "acc-1", "1.00", "EUR"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'acc-1' to itself");
    }

    @Test
    void withStatusAtMakesANewEventOfTheSameTransaction() {
        TransactionEvent pending = TransactionEvent.debit("acc-1", "5.00", "EUR")
                .withStatus(TransactionEvent.Status.PENDING);
        TransactionEvent completed = pending.withStatus(TransactionEvent.Status.COMPLETED, AT);
        assertThat(completed.transactionId()).isEqualTo(pending.transactionId());
        assertThat(completed.eventId()).isNotEqualTo(pending.eventId());
        assertThat(completed.occurredAt()).isEqualTo(AT);
    }

    @Test
    void mapFieldsAreImmutableCopies() {
        Map<String, Object> params = new java.util.HashMap<>(Map.of("a", "b"));
        NotificationEvent event = NotificationEvent.of("u", NotificationEvent.Channel.EMAIL, "t", params);
        params.put("c", "d");
        assertThat(event.params()).containsOnlyKeys("a");
        assertThatThrownBy(() -> event.params().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }
}
