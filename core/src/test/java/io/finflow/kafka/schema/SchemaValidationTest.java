package io.finflow.kafka.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.finflow.kafka.event.AnalyticsEvent;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.FinFlowEvent;
import io.finflow.kafka.event.NotificationEvent;
import io.finflow.kafka.event.SystemEvent;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.event.UserEvent;

class SchemaValidationTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.fromClasspath();

    static Stream<FinFlowEvent> validEvents() {
        return Stream.of(
                TransactionEvent.debit("acc-42", "100.50", "EUR").withDescription("Card payment"),
                TransactionEvent.credit("acc-42", "2500", "JPY"),
                TransactionEvent.of(TransactionEvent.Type.FEE, "acc-42", new BigDecimal("0.125"), "BHD"),
                TransactionEvent.of(TransactionEvent.Type.REFUND, "acc-42", new BigDecimal("0.10"), "USD")
                        .withStatus(TransactionEvent.Status.REVERSED),
                TransactionEvent.transfer("acc-42", "acc-7", "250.00", "EUR"),
                TransactionEvent.debit("acc-42", "12.99", "EUR")
                        .withMerchant(new TransactionEvent.Merchant("m-77", "Corner Shop", "5411", "FR"))
                        .withReference("E2E-2025-0001"),
                UserEvent.registered("usr-1", "ada@example.com", "GB"),
                UserEvent.profileUpdated("usr-1", List.of("phoneNumber")),
                UserEvent.of("usr-1", UserEvent.Type.KYC_REJECTED).withReason("document expired"),
                UserEvent.of("usr-1", UserEvent.Type.CLOSED),
                NotificationEvent.of("usr-1", NotificationEvent.Channel.EMAIL, "payment_received",
                        Map.of("amount", "100.50", "currency", "EUR", "count", 2, "first", true,
                                "ratio", new BigDecimal("0.5")))
                        .withSubject("You received 100.50 EUR").withLocale("en-GB")
                        .withPriority(NotificationEvent.Priority.HIGH),
                NotificationEvent.of("usr-1", NotificationEvent.Channel.IN_APP, "kyc.reminder", Map.of()),
                SystemEvent.startup("accounting-service", "1.4.2", "accounting-7c9f8-x2k4q"),
                SystemEvent.shutdown("accounting-service", "accounting-7c9f8-x2k4q"),
                SystemEvent.configChange("accounting-service", Map.of("retry.max", 5, "dlq.enabled", true)),
                SystemEvent.of("ledger", SystemEvent.Type.HEALTH_DEGRADED).withSeverity(SystemEvent.Severity.CRITICAL)
                        .withMessage("database latency above 2 s"),
                AnalyticsEvent.pageView("sess-9", "/accounts/overview").withUserId("usr-1"),
                AnalyticsEvent.of("sess-9", AnalyticsEvent.CLICK, Map.of("button", "transfer", "position", 3)));
    }

    @ParameterizedTest
    @MethodSource("validEvents")
    void theLatestSchemaAcceptsEveryEventTheJavaRecordsProduce(FinFlowEvent event) {
        String type = event.eventType();
        JsonNode tree = EventJson.toTree(event);
        assertThat(SCHEMAS.validate(type, SCHEMAS.latestVersion(type), tree)).isEmpty();
        // The bytes a producer sends read back as the same tree: what was validated is what is sent.
        assertThat(EventJson.readTree(EventJson.toBytes(tree))).isEqualTo(tree);
    }

    @Test
    void transactionV1AcceptsEventsWithoutTheFieldsV2Added() {
        JsonNode tree = EventJson.toTree(TransactionEvent.transfer("acc-42", "acc-7", "250.00", "EUR"));
        assertThat(SCHEMAS.validate("transaction", 1, tree)).isEmpty();
        JsonNode withMerchant = EventJson.toTree(TransactionEvent.debit("acc-1", "1.00", "EUR")
                .withMerchant(TransactionEvent.Merchant.named("Shop")));
        assertThat(SCHEMAS.validate("transaction", 1, withMerchant))
                .containsExactly(new Violation("/merchant", "is not a property this schema allows (misspelled, or too"
                        + " new for this schema version?)"));
    }

    static Stream<Arguments> invalidEvents() {
        String tx = "transaction";
        return Stream.of(
                arguments("missing required field", tx, edit(e -> e.remove("accountId")),
                        "/accountId", "is required"),
                arguments("missing currency and amount", tx, edit(e -> e.remove(List.of("currency", "amount"))),
                        "/amount", "is required"),
                arguments("field of the wrong type", tx, edit(e -> e.put("accountId", 42)),
                        "/accountId", "must be a string, was a number (42)"),
                arguments("null for a required field", tx, edit(e -> e.putNull("accountId")),
                        "/accountId", "must be a string, was null"),
                arguments("amount as a JSON number", tx, edit(e -> e.put("amount", new BigDecimal("100.50"))),
                        "/amount", "must be a string, was a number (100.50)"),
                arguments("amount as a JSON number with exponent", tx, json(
                        "\"amount\":\"100.50\"", "\"amount\":1e3"),
                        "/amount", "must be a string, was a number (1E+3)"),
                arguments("amount string with exponent", tx, edit(e -> e.put("amount", "1e3")),
                        "/amount", "'1e3' is not a positive plain decimal such as \"100.50\" (digits and an optional"
                                + " fraction; no sign, exponent or leading zeros)"),
                arguments("amount with leading zeros", tx, edit(e -> e.put("amount", "0100.50")),
                        "/amount", "'0100.50' is not a positive plain decimal"),
                arguments("amount with a comma", tx, edit(e -> e.put("amount", "100,50")),
                        "/amount", "'100,50' is not a positive plain decimal"),
                arguments("negative amount", tx, edit(e -> e.put("amount", "-5.00")),
                        "/amount", "must be greater than 0, was -5.00 (the transaction type gives the direction)"),
                arguments("zero amount", tx, edit(e -> e.put("amount", "0.00")),
                        "/amount", "must be greater than 0, was 0.00"),
                arguments("amount too precise for EUR", tx, edit(e -> e.put("amount", "100.505")),
                        "/amount", "100.505 has 3 decimal places, EUR allows 2"),
                arguments("amount too precise for JPY", tx, edit(e -> e.put("amount", "100.5").put("currency", "JPY")),
                        "/amount", "100.5 has 1 decimal place, JPY allows 0"),
                arguments("amount too precise for BHD", tx, edit(e -> e.put("amount", "1.2345").put("currency", "BHD")),
                        "/amount", "1.2345 has 4 decimal places, BHD allows 3"),
                arguments("amount too long", tx, edit(e -> e.put("amount", "1".repeat(33))),
                        "/amount", "must be at most 32 characters, was 33"),
                arguments("currency that is not a code", tx, edit(e -> e.put("currency", "EURO")),
                        "/currency", "'EURO' is not an ISO 4217 currency code"),
                arguments("currency code that does not exist", tx, edit(e -> e.put("currency", "XXY")),
                        "/currency", "'XXY' is not an ISO 4217 currency code"),
                arguments("currency in lowercase", tx, edit(e -> e.put("currency", "eur")),
                        "/currency", "'eur' is not an ISO 4217 currency code"),
                arguments("currency without minor units", tx, edit(e -> e.put("currency", "XAU")),
                        "/currency", "'XAU' has no minor unit (a precious metal, fund or test code) and cannot"
                                + " denominate an amount"),
                arguments("unknown transaction type", tx, edit(e -> e.put("type", "withdrawal")),
                        "/type", "'withdrawal' is not one of: debit, credit, transfer, refund, fee"),
                arguments("type in uppercase", tx, edit(e -> e.put("type", "DEBIT")),
                        "/type", "'DEBIT' is not one of: debit, credit, transfer, refund, fee"),
                arguments("unknown status", tx, edit(e -> e.put("status", "done")),
                        "/status", "'done' is not one of: pending, completed, failed, reversed"),
                arguments("event id that is not a UUID", tx, edit(e -> e.put("eventId", "12345")),
                        "/eventId", "'12345' is not a UUID such as \"3f2b8c1e-5d7a-4c2e-9b1f-0a6d4e8c2b71\""),
                arguments("impossible date", tx, edit(e -> e.put("occurredAt", "2025-02-30T09:26:53Z")),
                        "/occurredAt", "'2025-02-30T09:26:53Z' is not an RFC 3339 date-time such as"
                                + " \"2025-03-14T09:26:53.589Z\""),
                arguments("timestamp without offset", tx, edit(e -> e.put("occurredAt", "2025-03-14T09:26:53")),
                        "/occurredAt", "'2025-03-14T09:26:53' is not an RFC 3339 date-time"),
                arguments("timestamp with a space for T", tx, edit(e -> e.put("occurredAt", "2025-03-14 09:26:53Z")),
                        "/occurredAt", "'2025-03-14 09:26:53Z' is not an RFC 3339 date-time"),
                arguments("timestamp as epoch millis", tx, edit(e -> e.put("occurredAt", 1741944413589L)),
                        "/occurredAt", "must be a string, was a number (1741944413589)"),
                arguments("transfer without counterparty", tx, edit(e -> e.put("type", "transfer")),
                        "/counterpartyAccountId", "is required when type is \"transfer\" (the account credited)"),
                arguments("transfer to the same account", tx, edit(e -> e.put("type", "transfer")
                        .put("counterpartyAccountId", "acc-42")),
                        "/counterpartyAccountId", "must differ from accountId ('acc-42'): money cannot move from an"
                                + " account to itself"),
                arguments("misspelled property", tx, edit(e -> e.put("amout", "1.00")),
                        "/amout", "is not a property this schema allows (misspelled, or too new for this schema"
                                + " version?)"),
                arguments("oversized description", tx, edit(e -> e.put("description", "x".repeat(501))),
                        "/description", "must be at most 500 characters, was 501"),
                arguments("account id with a space", tx, edit(e -> e.put("accountId", "acc 42")),
                        "/accountId", "'acc 42' is not a valid identifier: letters, digits, '.', '_', ':' or '-',"
                                + " starting with a letter or digit"),
                arguments("merchant without name", tx, edit(e -> e.putObject("merchant").put("categoryCode", "5411")),
                        "/merchant/name", "is required"),
                arguments("merchant country that does not exist", tx, edit(e -> e.putObject("merchant")
                        .put("name", "Shop").put("country", "UK")),
                        "/merchant/country", "'UK' is not an ISO 3166-1 alpha-2 country code"),
                arguments("merchant with an unknown property", tx, edit(e -> e.putObject("merchant")
                        .put("name", "Shop").put("mcc", "5411")),
                        "/merchant/mcc", "is not a property this schema allows"),
                arguments("bad merchant category code", tx, edit(e -> e.putObject("merchant")
                        .put("name", "Shop").put("categoryCode", "541")),
                        "/merchant/categoryCode", "'541' is not an ISO 18245 merchant category code"),
                arguments("event that is not an object", tx, "[" + edit(e -> { }) + "]",
                        "", "must be an object, was an array"),
                arguments("user registration without email", "user", userEdit(e -> e.remove("email")),
                        "/email", "is required when type is \"registered\""),
                arguments("user email that is not an address", "user", userEdit(e -> e.put("email", "ada.example.com")),
                        "/email", "'ada.example.com' is not an email address"),
                arguments("user country that does not exist", "user", userEdit(e -> e.put("country", "XX")),
                        "/country", "'XX' is not an ISO 3166-1 alpha-2 country code"),
                arguments("suspension without reason", "user", userEdit(e -> e.put("type", "suspended")),
                        "/reason", "is required when type is \"kyc_rejected\" or \"suspended\""),
                arguments("changed field listed twice", "user", userEdit(e -> e.putArray("changedFields")
                        .add("phoneNumber").add("phoneNumber")),
                        "/changedFields", "must not repeat an item"),
                arguments("notification channel not supported", "notification",
                        notificationEdit(e -> e.put("channel", "sms")),
                        "/channel", "'sms' is not one of: email, push, in_app"),
                arguments("notification parameter that is an object", "notification",
                        notificationEdit(e -> e.withObjectProperty("params").putObject("amount").put("value", "1.00")),
                        "/params/amount", "must be a string, a number or a boolean, was an object"),
                arguments("notification parameter with a bad name", "notification",
                        notificationEdit(e -> e.withObjectProperty("params").put("bad name", "x")),
                        "/params/bad name", "is not an allowed name here (names must match"
                                + " ^[A-Za-z][A-Za-z0-9_]{0,63}$)"),
                arguments("too many notification parameters", "notification", notificationEdit(e -> IntStream
                        .range(0, 50).forEach(i -> e.withObjectProperty("params").put("p" + i, i))),
                        "/params", "must have at most 50 entries, has 51"),
                arguments("config change without details", "system",
                        systemEdit(e -> e.put("type", "config_change")),
                        "/details", "is required when type is \"config_change\" (name the changed settings)"),
                arguments("service name with spaces", "system", systemEdit(e -> e.put("service", "Accounting Service")),
                        "/service", "'Accounting Service' is not a service name"),
                arguments("analytics name not snake_case", "analytics", analyticsEdit(e -> e.put("name", "PageView")),
                        "/name", "'PageView' is not a snake_case event name such as \"page_view\""),
                arguments("analytics property that is a list", "analytics",
                        analyticsEdit(e -> e.withObjectProperty("properties").putArray("items").add(1)),
                        "/properties/items", "must be a string, a number or a boolean, was an array"),
                arguments("empty analytics page", "analytics", analyticsEdit(e -> e.put("page", "")),
                        "/page", "must be at least 1 characters, was empty"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidEvents")
    void invalidEventsAreReportedAtTheRightPointerWithAReadableReason(String name, String eventType, String json,
            String pointer, String reason) {
        JsonNode event = EventJson.readTree(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<Violation> violations = SCHEMAS.validate(eventType, SCHEMAS.latestVersion(eventType), event);
        assertThat(violations).as(name).anySatisfy(v -> {
            assertThat(v.pointer()).isEqualTo(pointer);
            assertThat(v.reason()).startsWith(reason);
        });
        assertThat(violations).as("one precise violation per problem: " + violations).hasSize(
                name.equals("missing currency and amount") ? 2 : 1);
    }

    @Test
    void theExceptionListsEveryViolationInPointerOrder() {
        JsonNode event = parse(edit(e -> e.put("currency", "EURO").put("amount", "-1").put("type", "payment")
                .remove("transactionId")));
        assertThatThrownBy(() -> SCHEMAS.validateOrThrow("transaction", 2, event))
                .isInstanceOfSatisfying(SchemaValidationException.class, e -> {
                    assertThat(e.eventType()).isEqualTo("transaction");
                    assertThat(e.schemaVersion()).isEqualTo(2);
                    assertThat(e.violations()).extracting(Violation::pointer)
                            .containsExactly("/amount", "/currency", "/transactionId", "/type");
                    assertThat(e).hasMessage("event rejected by schema transaction v2: "
                            + "/amount: must be greater than 0, was -1 (the transaction type gives the direction); "
                            + "/currency: 'EURO' is not an ISO 4217 currency code; "
                            + "/transactionId: is required; "
                            + "/type: 'payment' is not one of: debit, credit, transfer, refund, fee");
                });
    }

    @Test
    void violationReadsAsPointerAndReason() {
        assertThat(new Violation("/amount", "must be greater than 0, was 0")).hasToString(
                "/amount: must be greater than 0, was 0");
        assertThat(new Violation("", "must be an object, was an array")).hasToString(
                ": must be an object, was an array");
    }

    @Test
    void validationIsSafeAndConsistentFromManyThreads() {
        JsonNode good = EventJson.toTree(TransactionEvent.debit("acc-1", "1.00", "EUR"));
        JsonNode bad = parse(edit(e -> e.put("currency", "XXY")));
        List<Integer> sizes = IntStream.range(0, 2_000).parallel()
                .mapToObj(i -> SCHEMAS.validate("transaction", 2, i % 2 == 0 ? good : bad).size())
                .toList();
        for (int i = 0; i < sizes.size(); i++) {
            assertThat(sizes.get(i)).isEqualTo(i % 2 == 0 ? 0 : 1);
        }
    }

    // ---- building invalid events from valid ones ----

    private static String edit(Consumer<ObjectNode> change) {
        ObjectNode event = (ObjectNode) EventJson.toTree(TransactionEvent.debit("acc-42", "100.50", "EUR"));
        change.accept(event);
        return event.toString();
    }

    private static String json(String find, String replace) {
        return edit(e -> { }).replace(find, replace);
    }

    private static String userEdit(Consumer<ObjectNode> change) {
        ObjectNode event = (ObjectNode) EventJson.toTree(UserEvent.registered("usr-1", "ada@example.com", "GB"));
        change.accept(event);
        return event.toString();
    }

    private static String notificationEdit(Consumer<ObjectNode> change) {
        ObjectNode event = (ObjectNode) EventJson.toTree(NotificationEvent.of("usr-1",
                NotificationEvent.Channel.PUSH, "payment_received", Map.of("amount", "1.00")));
        change.accept(event);
        return event.toString();
    }

    private static String systemEdit(Consumer<ObjectNode> change) {
        ObjectNode event = (ObjectNode) EventJson.toTree(SystemEvent.startup("ledger", "1.0.0", "ledger-0"));
        change.accept(event);
        return event.toString();
    }

    private static String analyticsEdit(Consumer<ObjectNode> change) {
        ObjectNode event = (ObjectNode) EventJson.toTree(AnalyticsEvent.of("sess-1", "click", Map.of("a", 1)));
        change.accept(event);
        return event.toString();
    }

    private static JsonNode parse(String json) {
        return EventJson.readTree(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
