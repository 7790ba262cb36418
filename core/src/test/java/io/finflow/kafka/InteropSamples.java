package io.finflow.kafka;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.finflow.kafka.event.EventJson;

/**
 * A few events of every catalog event type, as JSON objects that follow the schemas (with the awkward cases
 * a foreign client gets wrong: exact amounts, a negative balance, non-ASCII text, open maps with numbers and
 * booleans), plus one event per type that breaks its schema. Ids and times are new on every call.
 *
 * @param topic         the catalog topic, e.g. {@code transaction-events}
 * @param eventType     its event type, e.g. {@code transaction}
 * @param keyField      the event field that is the record key
 * @param valid         events valid against the newest schema version
 * @param invalid       an event that breaks its schema
 * @param invalidReason a fragment of the violation the consumer reports for it
 */
record InteropSamples(String topic, String eventType, String keyField, List<ObjectNode> valid, ObjectNode invalid,
                      String invalidReason) {

    /** The samples of every catalog event type, in catalog order. */
    static List<InteropSamples> all() {
        return List.of(transaction(), user(), notification(), system(), analytics(), balance());
    }

    @Override
    public String toString() {
        return topic;
    }

    private static ObjectNode event(String json) {
        try {
            ObjectNode node = (ObjectNode) EventJson.mapper().readTree(json);
            ObjectNode withId = EventJson.mapper().createObjectNode().put("eventId", UUID.randomUUID().toString());
            withId.setAll(node);
            // Instant.toString: the form the Java side writes back, so trees compare equal after a round trip.
            withId.put("occurredAt", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
            return withId;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    static InteropSamples transaction() {
        return new InteropSamples("transaction-events", "transaction", "accountId", List.of(
                event("""
                        {"transactionId": "tx-1", "accountId": "acc-1", "type": "debit", "amount": "100.50",
                         "currency": "EUR", "status": "completed", "description": "Déjeuner — 東京 ☕",
                         "merchant": {"merchantId": "m-42", "name": "Café Zürich", "categoryCode": "5812",
                                      "country": "CH"},
                         "reference": "E2E-2026-0001"}"""),
                event("""
                        {"transactionId": "tx-2", "accountId": "acc-2", "type": "transfer",
                         "amount": "123456789.99", "currency": "EUR", "status": "pending",
                         "counterpartyAccountId": "acc-3"}"""),
                event("""
                        {"transactionId": "tx-3", "accountId": "acc-1", "type": "credit", "amount": "0.01",
                         "currency": "EUR", "status": "completed"}"""),
                event("""
                        {"transactionId": "tx-4", "accountId": "acc-4", "type": "fee", "amount": "2500",
                         "currency": "JPY", "status": "completed"}""")),
                event("""
                        {"transactionId": "tx-5", "accountId": "acc-5", "type": "debit", "amount": "-5.00",
                         "currency": "EUR", "status": "completed"}"""),
                "amount");
    }

    static InteropSamples user() {
        return new InteropSamples("user-events", "user", "userId", List.of(
                event("""
                        {"userId": "user-1", "type": "registered", "email": "zoë@example.com", "country": "DE"}"""),
                event("""
                        {"userId": "user-2", "type": "profile_updated", "changedFields": ["email", "phoneNumber"]}"""),
                event("""
                        {"userId": "user-1", "type": "suspended", "reason": "chargeback under review"}""")),
                event("""
                        {"userId": "user-3", "type": "registered"}"""),
                "registered");
    }

    static InteropSamples notification() {
        return new InteropSamples("notification-events", "notification", "userId", List.of(
                event("""
                        {"notificationId": "n-1", "userId": "user-1", "channel": "email",
                         "template": "payment_received", "priority": "high", "locale": "en-GB",
                         "subject": "You received €100.50",
                         "params": {"amount": "100.50", "count": 3, "firstPayment": true}}"""),
                event("""
                        {"notificationId": "n-2", "userId": "user-2", "channel": "push",
                         "template": "low_balance", "priority": "normal"}""")),
                event("""
                        {"notificationId": "n-3", "userId": "user-3", "channel": "fax", "template": "low_balance",
                         "priority": "normal"}"""),
                "channel");
    }

    static InteropSamples system() {
        return new InteropSamples("system-events", "system", "service", List.of(
                event("""
                        {"service": "accounting-service", "type": "startup", "severity": "info",
                         "version": "1.4.2", "host": "accounting-7c9f8-x2k4q"}"""),
                event("""
                        {"service": "notification-service", "type": "config_change", "severity": "warning",
                         "message": "push channel throttled",
                         "details": {"push.rate": 250, "push.enabled": true, "region": "eu-west-1"}}""")),
                event("""
                        {"service": "notification-service", "type": "config_change", "severity": "info"}"""),
                "details");
    }

    static InteropSamples analytics() {
        return new InteropSamples("analytics-events", "analytics", "sessionId", List.of(
                event("""
                        {"sessionId": "sess-1", "userId": "user-1", "name": "page_view", "page": "/accounts/overview",
                         "properties": {"referrer": "newsletter", "scrollDepth": 75, "returning": false}}"""),
                event("""
                        {"sessionId": "sess-2", "name": "session_start"}"""),
                event("""
                        {"sessionId": "sess-1", "userId": "user-1", "name": "click", "page": "/transfer",
                         "properties": {"button": "confirm"}}""")),
                event("""
                        {"sessionId": "sess-3", "name": "Page View"}"""),
                "name");
    }

    static InteropSamples balance() {
        return new InteropSamples("account-balances", "balance", "accountId", List.of(
                event("""
                        {"accountId": "acc-1", "balance": "-12.30", "currency": "EUR", "transactionsApplied": 7,
                         "lastTransactionEventId": "%s"}""".formatted(UUID.randomUUID())),
                event("""
                        {"accountId": "acc-2", "balance": "1000000.00", "currency": "EUR",
                         "transactionsApplied": 1, "lastTransactionEventId": "%s"}""".formatted(UUID.randomUUID()))),
                event("""
                        {"accountId": "acc-3", "balance": "12,30", "currency": "EUR", "transactionsApplied": 1,
                         "lastTransactionEventId": "%s"}""".formatted(UUID.randomUUID())),
                "balance");
    }
}
