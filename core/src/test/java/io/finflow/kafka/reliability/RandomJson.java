package io.finflow.kafka.reliability;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Arbitrary JSON for robustness properties: any shape, with the values validators and parsers trip on (huge and tiny
 * exponents, numbers beyond long, NaN and infinities, negative zero, lone UTF-16 surrogates, control characters, very
 * long strings, the schemas' own field names at the wrong place), and valid events with one random part replaced.
 */
final class RandomJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> FIELD_NAMES = List.of("eventId", "accountId", "amount", "currency", "type",
            "status", "occurredAt", "userId", "email", "country", "params", "details", "properties", "merchant", "name",
            "balance", "transactionsApplied", "counterpartyAccountId", "changedFields", "reason", "service", "channel",
            "template", "sessionId", "", "$ref", "__proto__", "a/b", "~0");

    private final Random random;

    RandomJson(Random random) {
        this.random = random;
    }

    /** Any JSON value, nested at most {@code depth} levels. */
    JsonNode any(int depth) {
        int kinds = depth <= 0 ? 6 : 8;
        return switch (random.nextInt(kinds)) {
            case 0 -> JSON.textNode(text());
            case 1 -> number();
            case 2 -> JSON.booleanNode(random.nextBoolean());
            case 3 -> JSON.nullNode();
            case 4 -> JSON.textNode(pick(List.of("2025-03-14T09:26:53Z", "3f2b8c1e-5d7a-4c2e-9b1f-0a6d4e8c2b71", "EUR",
                    "100.50", "-0", "transfer", "registered", "config_change")));
            case 5 -> JSON.textNode(pick(List.of("", " ", "\u0000", "\ud800", "\udc00x", "\uffff", "\u2028", "\\",
                    "\"", "x".repeat(5000), "\ud83d\ude00".repeat(300))));
            case 6 -> {
                ObjectNode object = JSON.objectNode();
                for (int i = 0, n = random.nextInt(6); i < n; i++) {
                    object.set(random.nextBoolean() ? pick(FIELD_NAMES) : text(), any(depth - 1));
                }
                yield object;
            }
            default -> {
                ArrayNode array = JSON.arrayNode();
                for (int i = 0, n = random.nextInt(5); i < n; i++) {
                    array.add(any(depth - 1));
                }
                yield array;
            }
        };
    }

    /** A copy of {@code event} with one field (top level or nested) replaced, removed or added. */
    ObjectNode replaceSomething(ObjectNode event) {
        ObjectNode copy = event.deepCopy();
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(copy, objects);
        ObjectNode target = pick(objects);
        List<String> fields = new ArrayList<>();
        target.fieldNames().forEachRemaining(fields::add);
        switch (random.nextInt(4)) {
            case 0 -> {
                if (!fields.isEmpty()) {
                    target.remove(pick(fields));
                }
            }
            case 1 -> target.set(random.nextBoolean() ? pick(FIELD_NAMES) : text(), any(2));
            default -> {
                if (!fields.isEmpty()) {
                    target.set(pick(fields), random.nextBoolean() ? any(1) : near(target.get(pick(fields))));
                }
            }
        }
        return copy;
    }

    /** A value close to a valid one: the same text with one character changed, a number nudged. */
    private JsonNode near(JsonNode value) {
        if (value != null && value.isTextual() && !value.asText().isEmpty()) {
            StringBuilder s = new StringBuilder(value.asText());
            int at = random.nextInt(s.length());
            switch (random.nextInt(3)) {
                case 0 -> s.setCharAt(at, (char) random.nextInt(0x3000));
                case 1 -> s.deleteCharAt(at);
                default -> s.insert(at, (char) (0x20 + random.nextInt(0x60)));
            }
            return JSON.textNode(s.toString());
        }
        return number();
    }

    private void collectObjects(ObjectNode node, List<ObjectNode> out) {
        out.add(node);
        node.elements().forEachRemaining(child -> {
            if (child instanceof ObjectNode object) {
                collectObjects(object, out);
            }
        });
    }

    private JsonNode number() {
        return switch (random.nextInt(10)) {
            case 0 -> JSON.numberNode(random.nextInt());
            case 1 -> JSON.numberNode(random.nextLong());
            case 2 -> JSON.numberNode(new BigInteger(200, random));
            case 3 -> JSON.numberNode(new BigDecimal(new BigInteger(64, random), random.nextInt(40) - 20));
            case 4 -> JSON.numberNode(new BigDecimal("1E" + (random.nextBoolean() ? "+" : "-")
                    + (100_000 + random.nextInt(900_000_000))));
            case 5 -> JSON.numberNode(pick(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                    -0.0, Double.MIN_VALUE, Double.MAX_VALUE)));
            case 6 -> JSON.numberNode(new BigDecimal(new BigInteger(random.nextInt(4000) + 1, random), random.nextInt(5)));
            case 7 -> JSON.numberNode(pick(List.of(0, -1, 1, 50, 51, 64, 65, 500, 501)));
            default -> JSON.numberNode(random.nextDouble() * 1e6);
        };
    }

    private String text() {
        StringBuilder s = new StringBuilder();
        for (int i = 0, n = random.nextInt(random.nextInt(10) == 0 ? 600 : 12); i < n; i++) {
            s.append((char) random.nextInt(random.nextBoolean() ? 0x80 : 0x10000));
        }
        return s.toString();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
