package io.finflow.kafka.schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Rules that JSON Schema cannot express, checked after the schema for every version of an event type:
 * <ul>
 *   <li>{@code transaction}: {@code currency} is a real ISO 4217 code with minor units; {@code amount} is greater
 *       than 0 and has at most the currency's minor unit digits (EUR 2, JPY 0, BHD 3); a counterparty differs from
 *       the account; {@code merchant.country} is a real ISO 3166-1 code;</li>
 *   <li>{@code user}: {@code country} is a real ISO 3166-1 alpha-2 code;</li>
 *   <li>{@code system}: a {@code config_change} names at least one changed setting in {@code details} (an empty
 *       map names none, and the Java record, which omits empty maps, would write it back without the required
 *       field);</li>
 *   <li>{@code balance}: {@code currency} is a real ISO 4217 code with minor units (the balance itself may be
 *       negative or zero, and its scale is the accounting service's);</li>
 *   <li>every event type: each number can travel as JSON and be read back, so a valid event is never one its
 *       consumers dead-letter: finite (JSON has no NaN or Infinity) and at most {@value #MAX_NUMBER_DIGITS} digits
 *       written out in plain notation, the most a Jackson reader accepts ({@code 1E+5000} in a {@code params} map
 *       would be sent as 5001 digits that no FinFlow consumer could parse).</li>
 * </ul>
 * Rules only look at values of the right JSON type; a missing or mistyped value is the schema's to report.
 * Stateless and thread-safe.
 */
final class SemanticRules {

    /** A rule: appends the violations it finds in one event. */
    @FunctionalInterface
    interface Rule {
        void check(JsonNode event, List<Violation> out);
    }

    private static final Map<String, Currency> ISO_4217 = Currency.getAvailableCurrencies().stream()
            .collect(Collectors.toUnmodifiableMap(Currency::getCurrencyCode, Function.identity()));
    private static final Set<String> ISO_3166 = Set.of(java.util.Locale.getISOCountries());
    /** A decimal in plain notation, sign allowed: the only form whose value and scale the rule judges. */
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[+-]?[0-9]+(?:\\.[0-9]+)?");

    private static final Map<String, List<Rule>> RULES = Map.of(
            "transaction", List.of(
                    money("/amount", "/currency"),
                    country("/merchant/country"),
                    distinct("/accountId", "/counterpartyAccountId")),
            "user", List.of(country("/country")),
            "balance", List.of(currency("/currency")),
            "system", List.of(namesASetting()));

    /** Digits of a number written out: Jackson's default {@code StreamReadConstraints.maxNumberLength}. */
    static final int MAX_NUMBER_DIGITS = 1000;

    private SemanticRules() {
    }

    /** The violations of the rules for this event type (and of the rules of every type). */
    static List<Violation> check(String eventType, JsonNode event) {
        List<Violation> out = new ArrayList<>();
        wireNumbers("", event, out);
        if (!event.isObject()) {
            return out;
        }
        for (Rule rule : RULES.getOrDefault(eventType, List.of())) {
            rule.check(event, out);
        }
        return out;
    }

    /** The ISO 4217 currency of a code, or null. */
    static Currency isoCurrency(String code) {
        return ISO_4217.get(code);
    }

    /** True for an ISO 3166-1 alpha-2 country code that exists. */
    static boolean isCountry(String code) {
        return ISO_3166.contains(code);
    }

    /** A currency alone: a real ISO 4217 code with minor units. */
    static Rule currency(String currencyPointer) {
        return (event, out) -> checkedCurrency(event, currencyPointer, out);
    }

    /** The currency at the pointer when it is a usable ISO 4217 code, else null (a violation added if textual). */
    private static Currency checkedCurrency(JsonNode event, String currencyPointer, List<Violation> out) {
        JsonNode code = event.at(currencyPointer);
        if (!code.isTextual()) {
            return null;
        }
        Currency currency = ISO_4217.get(code.asText());
        if (currency == null) {
            out.add(new Violation(currencyPointer, "'" + code.asText() + "' is not an ISO 4217 currency code"));
        } else if (currency.getDefaultFractionDigits() < 0) {
            out.add(new Violation(currencyPointer, "'" + code.asText() + "' has no minor unit (a precious"
                    + " metal, fund or test code) and cannot denominate an amount"));
            return null;
        }
        return currency;
    }

    /** An amount and its currency: real currency, amount greater than 0, scale within the currency's minor units. */
    static Rule money(String amountPointer, String currencyPointer) {
        return (event, out) -> {
            Currency currency = checkedCurrency(event, currencyPointer, out);
            JsonNode amount = event.at(amountPointer);
            if (!amount.isTextual() || !PLAIN_DECIMAL.matcher(amount.asText()).matches()) {
                return;
            }
            String text = amount.asText();
            BigDecimal value = new BigDecimal(text);
            if (value.signum() <= 0) {
                out.add(new Violation(amountPointer, "must be greater than 0, was " + text
                        + " (the transaction type gives the direction)"));
            } else if (currency != null && value.scale() > currency.getDefaultFractionDigits()) {
                int scale = value.scale();
                String places = scale == 1 ? " decimal place, " : " decimal places, ";
                out.add(new Violation(amountPointer, text + " has " + scale + places + currency.getCurrencyCode()
                        + " allows " + currency.getDefaultFractionDigits()));
            }
        };
    }

    /**
     * True when a number below {@code node} is NaN or infinite (only a tree built in code holds one) or has more
     * than {@link #MAX_NUMBER_DIGITS} digits written out. The JSON Schema validator must not see such a number: it
     * turns numbers into {@code BigDecimal} through their plain text, and {@code 1e999999999}, 12 bytes of JSON,
     * would become a billion digits (an OutOfMemoryError in the consumer that reads it).
     */
    static boolean hasUnsafeNumber(JsonNode node) {
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                if (hasUnsafeNumber(child)) {
                    return true;
                }
            }
            return false;
        }
        if (!node.isNumber()) {
            return false;
        }
        if (node.isDouble() || node.isFloat()) {
            return !Double.isFinite(node.doubleValue());
        }
        return (node.isBigDecimal() || node.isBigInteger()) && digits(node) > MAX_NUMBER_DIGITS;
    }

    /** Digits of a big number written out in plain notation, computed without writing it out. */
    private static long digits(JsonNode node) {
        BigDecimal value = node.isBigDecimal() ? node.decimalValue() : new BigDecimal(node.bigIntegerValue());
        return Math.max(1L, (long) value.precision() - value.scale()) + Math.max(0, value.scale());
    }

    /** Every number below {@code node} is finite and has at most {@link #MAX_NUMBER_DIGITS} digits written out. */
    private static void wireNumbers(String pointer, JsonNode node, List<Violation> out) {
        if (node.isContainerNode()) {
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    wireNumbers(pointer + "/" + i, node.get(i), out);
                }
            } else {
                node.properties().forEach(p -> wireNumbers(pointer + "/" + p.getKey().replace("~", "~0")
                        .replace("/", "~1"), p.getValue(), out));
            }
            return;
        }
        if (!node.isNumber()) {
            return;
        }
        if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
            out.add(new Violation(pointer, "must be a finite number, was " + node.doubleValue()
                    + " (JSON has no NaN or Infinity)"));
        } else if (node.isBigDecimal() || node.isBigInteger()) {
            long digits = digits(node);
            if (digits > MAX_NUMBER_DIGITS) {
                BigDecimal value = node.isBigDecimal() ? node.decimalValue() : new BigDecimal(node.bigIntegerValue());
                out.add(new Violation(pointer, value.round(new java.math.MathContext(6)) + " has " + digits
                        + " digits written out; a JSON reader accepts at most " + MAX_NUMBER_DIGITS));
            }
        }
    }

    /** A {@code config_change} system event whose {@code details} map is not empty. */
    static Rule namesASetting() {
        return (event, out) -> {
            JsonNode details = event.get("details");
            if ("config_change".equals(event.path("type").asText()) && details != null && details.isObject()
                    && details.isEmpty()) {
                out.add(new Violation("/details", "must name at least one changed setting when type is"
                        + " \"config_change\", was empty"));
            }
        };
    }

    /** An ISO 3166-1 alpha-2 country code that exists. */
    static Rule country(String pointer) {
        return (event, out) -> {
            JsonNode code = event.at(pointer);
            if (code.isTextual() && !ISO_3166.contains(code.asText())) {
                out.add(new Violation(pointer, "'" + code.asText() + "' is not an ISO 3166-1 alpha-2 country code"));
            }
        };
    }

    /** Two accounts of one movement differ. */
    static Rule distinct(String accountPointer, String counterpartyPointer) {
        return (event, out) -> {
            JsonNode account = event.at(accountPointer);
            JsonNode counterparty = event.at(counterpartyPointer);
            if (account.isTextual() && account.equals(counterparty)) {
                out.add(new Violation(counterpartyPointer, "must differ from " + accountPointer.substring(1) + " ('"
                        + account.asText() + "'): money cannot move from an account to itself"));
            }
        };
    }
}
