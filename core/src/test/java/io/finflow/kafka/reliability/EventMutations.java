package io.finflow.kafka.reliability;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.finflow.kafka.schema.SchemaRegistry;

/**
 * Ways to break a valid event, each knowing the JSON pointer its violation must name: a required field removed, a
 * value of the wrong JSON type, an undeclared property in a closed object, an enum value that does not exist, a
 * string past its length bounds or breaking its pattern, a malformed UUID or date-time, a money amount that is zero,
 * negative, too precise for its currency, in exponent form or with leading zeros, a currency that is not ISO 4217 or
 * has no minor unit, an {@code if}/{@code then} requirement dropped, a transfer to the same account, and bounded maps
 * overfilled, nested or with a bad name. Field lists come from the schema itself, so a new field is mutated too.
 */
final class EventMutations {

    /** A broken event, what was done to it and the pointer a violation must name. */
    record Mutated(String kind, ObjectNode event, String pointer) {
        @Override
        public String toString() {
            return kind + " at " + pointer + ": " + event;
        }
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Map<String, String> MAPS = Map.of("notification", "params", "system", "details",
            "analytics", "properties");
    private static final List<String> NO_MINOR_UNIT = List.of("XAU", "XAG", "XPT", "XPD", "XDR", "XXX", "XTS");

    private final Random random;
    private final SchemaRegistry schemas;
    private final List<BiFunction<String, ObjectNode, Mutated>> mutations = List.of(
            this::removeRequired, this::wrongType, this::undeclaredProperty, this::unknownEnumValue,
            this::tooLong, this::tooShort, this::patternBroken, this::badUuid, this::badDateTime, this::badAmount,
            this::badCurrency, this::conditionDropped, this::sameAccount, this::badMerchant, this::badMap,
            this::badUserDetail, this::badCount);

    EventMutations(Random random, SchemaRegistry schemas) {
        this.random = random;
        this.schemas = schemas;
    }

    /** One mutation, chosen at random among those that apply to this event type, applied to a copy. */
    Mutated mutate(String type, ObjectNode valid) {
        List<BiFunction<String, ObjectNode, Mutated>> order = new ArrayList<>(mutations);
        Collections.shuffle(order, random);
        for (BiFunction<String, ObjectNode, Mutated> mutation : order) {
            Mutated m = mutation.apply(type, valid.deepCopy());
            if (m != null) {
                return m;
            }
        }
        throw new IllegalStateException("no mutation applies to " + type);
    }

    private JsonNode schema(String type) {
        return schemas.schema(type, schemas.latestVersion(type));
    }

    private List<String> properties(String type, String keyword) {
        List<String> names = new ArrayList<>();
        schema(type).path("properties").properties().forEach(p -> {
            if (keyword == null || p.getValue().has(keyword)) {
                names.add(p.getKey());
            }
        });
        return names;
    }

    private Mutated removeRequired(String type, ObjectNode e) {
        List<String> required = new ArrayList<>();
        schema(type).path("required").forEach(r -> required.add(r.asText()));
        String field = pick(required);
        e.remove(field);
        return new Mutated("required field removed", e, "/" + field);
    }

    private Mutated wrongType(String type, ObjectNode e) {
        List<String> present = new ArrayList<>();
        e.fieldNames().forEachRemaining(present::add);
        String field = pick(present);
        String declared = schema(type).path("properties").path(field).path("type").asText("enum");
        List<JsonNode> wrong = switch (declared) {
            case "string" -> List.of(JSON.numberNode(42), JSON.booleanNode(true), JSON.arrayNode(), JSON.objectNode(),
                    JSON.nullNode());
            case "integer" -> List.of(JSON.textNode("5"), JSON.booleanNode(false), JSON.numberNode(
                    new java.math.BigDecimal("1.5")), JSON.arrayNode(), JSON.nullNode());
            case "object" -> List.of(JSON.textNode("{}"), JSON.numberNode(1), JSON.arrayNode(), JSON.nullNode());
            case "array" -> List.of(JSON.textNode("[]"), JSON.numberNode(1), JSON.objectNode(), JSON.nullNode());
            default -> List.of(JSON.numberNode(1), JSON.booleanNode(true), JSON.nullNode(), JSON.objectNode());
        };
        e.set(field, pick(wrong));
        return new Mutated("wrong JSON type", e, "/" + field);
    }

    private Mutated undeclaredProperty(String type, ObjectNode e) {
        List<String> declared = properties(type, null);
        String name;
        do {
            name = pick(List.of("ammount", "acountId", "extra", "userID", "timestamp", "amount_cents", "x"))
                    + (random.nextBoolean() ? "" : Integer.toString(random.nextInt(100)));
        } while (declared.contains(name));
        e.put(name, "surprise");
        return new Mutated("undeclared property", e, "/" + name);
    }

    private Mutated unknownEnumValue(String type, ObjectNode e) {
        List<String> fields = properties(type, "enum");
        if (fields.isEmpty()) {
            return null;
        }
        String field = pick(fields);
        JsonNode allowed = schema(type).path("properties").path(field).path("enum");
        String value = pick(List.of(allowed.get(0).asText().toUpperCase(Locale.ROOT), allowed.get(0).asText() + "s",
                "unknown", "", " " + allowed.get(0).asText()));
        e.put(field, value);
        return new Mutated("enum value not allowed", e, "/" + field);
    }

    private Mutated tooLong(String type, ObjectNode e) {
        String field = pick(properties(type, "maxLength"));
        int max = schema(type).path("properties").path(field).path("maxLength").asInt();
        e.put(field, "1".repeat(max + 1 + random.nextInt(3)));
        return new Mutated("string over maxLength", e, "/" + field);
    }

    private Mutated tooShort(String type, ObjectNode e) {
        List<String> fields = properties(type, "minLength");
        if (fields.isEmpty()) {
            return null;
        }
        String field = pick(fields);
        e.put(field, "");
        return new Mutated("string under minLength", e, "/" + field);
    }

    private Mutated patternBroken(String type, ObjectNode e) {
        String field = pick(properties(type, "pattern"));
        String current = e.path(field).isTextual() ? e.path(field).asText() : "a1";
        // ASCII whitespace only: the Java validator's \S, unlike ECMA-262's, lets U+2028 or U+00A0 through.
        e.put(field, pick(List.of(" " + current, current + "\n", "\t", current + " x", current + "\r")));
        return new Mutated("pattern broken", e, "/" + field);
    }

    private Mutated badUuid(String type, ObjectNode e) {
        String field = pick(type.equals("balance") ? List.of("eventId", "lastTransactionEventId") : List.of("eventId"));
        String uuid = e.path(field).asText();
        e.put(field, pick(List.of(uuid.replace("-", ""), "g" + uuid.substring(1), uuid.substring(1), uuid + "0",
                "{" + uuid + "}", "42")));
        return new Mutated("malformed UUID", e, "/" + field);
    }

    private Mutated badDateTime(String type, ObjectNode e) {
        e.put("occurredAt", pick(List.of("2025-13-01T00:00:00Z", "2025-02-30T10:00:00Z", "2025-03-14t09:26:53Z",
                "2025-03-14T09:26:53", "2025-03-14", "2025-03-14T24:00:01Z", "2025-03-14T09:60:00Z",
                "2025-03-14 09:26:53Z", "1741944413", "2025-03-14T09:26:53+25:00", "yesterday")));
        return new Mutated("malformed date-time", e, "/occurredAt");
    }

    private Mutated badAmount(String type, ObjectNode e) {
        if (type.equals("balance")) {
            String balance = e.path("balance").asText();
            e.put("balance", pick(List.of("+" + balance, "0" + balance.replace("-", "") + "0", "1E+3", "1,000.00",
                    " " + balance, "1" + "0".repeat(34), "--1", "1.", ".5")));
            return new Mutated("balance not a plain decimal", e, "/balance");
        }
        if (!type.equals("transaction")) {
            return null;
        }
        String amount = e.path("amount").asText();
        int digits = java.util.Currency.getInstance(e.path("currency").asText()).getDefaultFractionDigits();
        int scale = new java.math.BigDecimal(amount).scale();
        String tooPrecise = amount + (amount.contains(".") ? "" : ".") + "0".repeat(Math.max(0, digits - scale)) + "5";
        e.put("amount", pick(List.of("0", "0.00", "-" + amount, tooPrecise, "1E+3", "1e3", "0" + amount, "+" + amount,
                "1" + "0".repeat(32), "NaN", "Infinity", "ten", "")));
        return new Mutated("amount out of range", e, "/amount");
    }

    private Mutated badCurrency(String type, ObjectNode e) {
        if (!type.equals("transaction") && !type.equals("balance")) {
            return null;
        }
        String code;
        do {
            code = "" + letter() + letter() + letter();
        } while (EventGenerator.CURRENCY_CODES.contains(code));
        String current = e.path("currency").asText();
        e.put("currency", pick(List.of(code, current.toLowerCase(Locale.ROOT), current + "O", current.substring(0, 2),
                pick(NO_MINOR_UNIT))));
        return new Mutated("currency not usable", e, "/currency");
    }

    private Mutated conditionDropped(String type, ObjectNode e) {
        switch (type) {
            case "transaction" -> {
                e.put("type", "transfer").remove("counterpartyAccountId");
                return new Mutated("transfer without counterparty", e, "/counterpartyAccountId");
            }
            case "user" -> {
                if (random.nextBoolean()) {
                    String field = pick(List.of("email", "country"));
                    e.put("type", "registered").remove(field);
                    return new Mutated("registration without " + field, e, "/" + field);
                }
                e.put("type", pick(List.of("kyc_rejected", "suspended"))).remove("reason");
                return new Mutated("rejection without reason", e, "/reason");
            }
            case "system" -> {
                e.put("type", "config_change").remove("details");
                return new Mutated("config change without details", e, "/details");
            }
            default -> {
                return null;
            }
        }
    }

    private Mutated sameAccount(String type, ObjectNode e) {
        if (!type.equals("transaction")) {
            return null;
        }
        e.put("counterpartyAccountId", e.path("accountId").asText());
        return new Mutated("counterparty is the account", e, "/counterpartyAccountId");
    }

    private Mutated badMerchant(String type, ObjectNode e) {
        if (!type.equals("transaction")) {
            return null;
        }
        ObjectNode merchant = e.has("merchant") ? (ObjectNode) e.get("merchant") : e.putObject("merchant").put("name",
                "Shop");
        return switch (random.nextInt(4)) {
            case 0 -> {
                merchant.put("mcc", "5411");
                yield new Mutated("undeclared merchant property", e, "/merchant/mcc");
            }
            case 1 -> {
                merchant.remove("name");
                yield new Mutated("merchant without name", e, "/merchant/name");
            }
            case 2 -> {
                merchant.put("country", pick(List.of("UK", "XX", "fr", "FRA")));
                yield new Mutated("merchant country not ISO 3166", e, "/merchant/country");
            }
            default -> {
                merchant.put("categoryCode", pick(List.of("541", "54110", "ABCD", "")));
                yield new Mutated("merchant category not 4 digits", e, "/merchant/categoryCode");
            }
        };
    }

    private Mutated badMap(String type, ObjectNode e) {
        String map = MAPS.get(type);
        if (map == null) {
            return null;
        }
        ObjectNode entries = e.has(map) ? (ObjectNode) e.get(map) : e.putObject(map);
        int maxText = schema(type).path("properties").path(map).path("additionalProperties").path("maxLength").asInt();
        return switch (random.nextInt(5)) {
            case 0 -> {
                for (int i = 0; entries.size() < 51; i++) {
                    entries.put("k" + i, i);
                }
                yield new Mutated("map over 50 entries", e, "/" + map);
            }
            case 1 -> {
                entries.putObject("nested").put("a", 1);
                yield new Mutated("nested object in a map", e, "/" + map + "/nested");
            }
            case 2 -> {
                entries.putArray("list").add(1);
                yield new Mutated("array in a map", e, "/" + map + "/list");
            }
            case 3 -> {
                entries.put("9lives", true);
                yield new Mutated("map key not a name", e, "/" + map + "/9lives");
            }
            default -> {
                entries.put("long", "x".repeat(maxText + 1));
                yield new Mutated("map value over maxLength", e, "/" + map + "/long");
            }
        };
    }

    private Mutated badUserDetail(String type, ObjectNode e) {
        if (!type.equals("user")) {
            return null;
        }
        return switch (random.nextInt(4)) {
            case 0 -> {
                e.putArray("changedFields").add("phone").add("phone");
                yield new Mutated("changed field repeated", e, "/changedFields");
            }
            case 1 -> {
                e.putArray("changedFields").add("phone").add("Phone_Number");
                yield new Mutated("changed field not camelCase", e, "/changedFields/1");
            }
            case 2 -> {
                e.put("email", pick(List.of("ada.example.com", "ada@", "@example.com", "ada @example.com")));
                yield new Mutated("email not an address", e, "/email");
            }
            default -> {
                e.put("country", pick(List.of("UK", "XX", "EU")));
                yield new Mutated("country not ISO 3166", e, "/country");
            }
        };
    }

    private Mutated badCount(String type, ObjectNode e) {
        if (!type.equals("balance")) {
            return null;
        }
        e.set("transactionsApplied", pick(List.of(JSON.numberNode(-1), JSON.numberNode(new java.math.BigDecimal("2.5")),
                JSON.numberNode(Long.MIN_VALUE))));
        return new Mutated("count negative or fractional", e, "/transactionsApplied");
    }

    private char letter() {
        return (char) ('A' + random.nextInt(26));
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
