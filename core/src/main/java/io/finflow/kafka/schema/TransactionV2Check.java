package io.finflow.kafka.schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.Month;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.finflow.kafka.event.FinFlowEvent;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.event.TransactionEvent.Merchant;

/**
 * A fast, conservative check of {@code transaction} v2 events: it answers "valid" only for events the bundled JSON
 * Schema ({@code schemas/transaction/v2.json}) and the {@link SemanticRules} accept, and "not sure" for everything
 * else, which then goes to the JSON Schema validator (which also lists the violations). It is written against that
 * one schema document and used only where a registry holds exactly that document (see {@link FastCheck#forSchema}).
 *
 * <p>Conservative means stricter than the schema where the schema is subtle: Java's {@code $} also matches before a
 * final line break, {@code maxLength} counts code points, and the {@code date-time} format accepts leap seconds and
 * any year; this check accepts none of those, so such rare events take the slow path and get the schema's verdict.
 * {@code FastSchemaCheckPropertiesTest} shows on generated valid, mutated and random events that a registry with
 * this check and one without it return the same violations for every event.
 *
 * <p>Stateless and thread-safe.
 */
final class TransactionV2Check implements FastCheck {

    static final TransactionV2Check INSTANCE = new TransactionV2Check();

    private static final Set<String> FIELDS = Set.of("eventId", "transactionId", "accountId", "type", "amount",
            "currency", "status", "counterpartyAccountId", "description", "merchant", "reference", "occurredAt");
    private static final Set<String> MERCHANT_FIELDS = Set.of("merchantId", "name", "categoryCode", "country");
    private static final Set<String> TYPES = Set.of("debit", "credit", "transfer", "refund", "fee");
    private static final Set<String> STATUSES = Set.of("pending", "completed", "failed", "reversed");
    private static final int MAX_ID = 64;
    private static final int MAX_AMOUNT = 32;
    private static final int MAX_DESCRIPTION = 500;
    private static final int MAX_MERCHANT_NAME = 100;
    private static final int MAX_REFERENCE = 140;
    /** Years whose ISO 8601 form is four digits (Instant.toString writes a sign outside them). */
    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private TransactionV2Check() {
    }

    @Override
    public boolean accepts(FinFlowEvent typed) {
        if (!(typed instanceof TransactionEvent e)) {
            return false;
        }
        // The record's constructor guarantees the required fields; enums are always one of the schema's values.
        return uuid(e.eventId()) && identifier(e.transactionId()) && identifier(e.accountId())
                && money(e.amount().toPlainString(), e.currency())
                && counterparty(e.accountId(), e.counterpartyAccountId(), e.type() == TransactionEvent.Type.TRANSFER)
                && (e.description() == null || e.description().length() <= MAX_DESCRIPTION)
                && merchant(e.merchant())
                && (e.reference() == null || text(e.reference(), MAX_REFERENCE))
                && !e.occurredAt().isBefore(FIRST) && !e.occurredAt().isAfter(END);
    }

    @Override
    public boolean accepts(JsonNode json) {
        if (!json.isObject() || !knownFields(json, FIELDS)) {
            return false;
        }
        JsonNode account = json.get("accountId");
        JsonNode type = json.get("type");
        JsonNode counterparty = json.get("counterpartyAccountId");
        return uuid(textOf(json.get("eventId"))) && identifier(textOf(json.get("transactionId")))
                && identifier(textOf(account))
                && type != null && type.isTextual() && TYPES.contains(type.textValue())
                && money(textOf(json.get("amount")), textOf(json.get("currency")))
                && textual(json.get("status")) && STATUSES.contains(json.get("status").textValue())
                && (counterparty == null ? !type.textValue().equals("transfer")
                        : counterparty.isTextual() && counterparty(account.textValue(), counterparty.textValue(), true))
                && optionalText(json.get("description"), 0, MAX_DESCRIPTION)
                && merchant(json.get("merchant"))
                && optionalText(json.get("reference"), 1, MAX_REFERENCE)
                && Rfc3339.accepts(textOf(json.get("occurredAt")));
    }

    private static boolean merchant(Merchant m) {
        return m == null || (text(m.name(), MAX_MERCHANT_NAME)
                && (m.merchantId() == null || identifier(m.merchantId()))
                && (m.categoryCode() == null || categoryCode(m.categoryCode()))
                && (m.country() == null || country(m.country())));
    }

    private static boolean merchant(JsonNode m) {
        if (m == null) {
            return true;
        }
        if (!m.isObject() || !knownFields(m, MERCHANT_FIELDS)) {
            return false;
        }
        JsonNode id = m.get("merchantId");
        JsonNode code = m.get("categoryCode");
        JsonNode country = m.get("country");
        return textual(m.get("name")) && text(m.get("name").textValue(), MAX_MERCHANT_NAME)
                && (id == null || identifier(textOf(id)))
                && (code == null || categoryCode(textOf(code)))
                && (country == null || country(textOf(country)));
    }

    private static boolean counterparty(String account, String counterparty, boolean required) {
        if (counterparty == null) {
            return !required;
        }
        return identifier(counterparty) && !counterparty.equals(account);
    }

    /** A positive plain decimal of at most 32 characters, in a real currency, with no more decimals than it has. */
    private static boolean money(String amount, String currencyCode) {
        if (amount == null || currencyCode == null || amount.isEmpty() || amount.length() > MAX_AMOUNT
                || !upper(currencyCode, 3)) {
            return false;
        }
        Currency currency = SemanticRules.isoCurrency(currencyCode);
        if (currency == null || currency.getDefaultFractionDigits() < 0) {
            return false;
        }
        int dot = amount.indexOf('.');
        int intEnd = dot < 0 ? amount.length() : dot;
        if (intEnd == 0 || !digits(amount, 0, intEnd)) {
            return false;
        }
        if (dot >= 0) {
            int decimals = amount.length() - dot - 1;
            if (decimals == 0 || decimals > currency.getDefaultFractionDigits() || !digits(amount, dot + 1, amount.length())) {
                return false;
            }
        }
        // No leading zero, except "0.x" with a non-zero digit somewhere after the point.
        return amount.charAt(0) != '0' || (intEnd == 1 && dot == 1 && new BigDecimal(amount).signum() > 0);
    }

    /** {@code ^[A-Za-z0-9][A-Za-z0-9._:-]*$}, at most 64 characters. */
    private static boolean identifier(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_ID || !alnum(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!alnum(c) && c != '.' && c != '_' && c != ':' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** 8-4-4-4-12 hexadecimal digits. */
    private static boolean uuid(String s) {
        if (s == null || s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !hex(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean categoryCode(String s) {
        return s != null && s.length() == 4 && digits(s, 0, 4);
    }

    private static boolean country(String s) {
        return s != null && upper(s, 2) && SemanticRules.isCountry(s);
    }

    /** Between 1 and {@code max} characters (so between 1 and max code points). */
    private static boolean text(String s, int max) {
        return s != null && !s.isEmpty() && s.length() <= max;
    }

    private static boolean optionalText(JsonNode node, int min, int max) {
        return node == null || (node.isTextual() && node.textValue().length() >= min
                && node.textValue().length() <= max);
    }

    private static boolean upper(String s, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) < 'A' || s.charAt(i) > 'Z') {
                return false;
            }
        }
        return true;
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean alnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean textual(JsonNode node) {
        return node != null && node.isTextual();
    }

    private static String textOf(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    private static boolean knownFields(JsonNode object, Set<String> known) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            if (!known.contains(names.next())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The schema's {@code occurredAt}: its pattern ({@code YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|±HH:MM)}) and a real
     * date-time: years 0001-9999, a day that exists, seconds 0-59 (no leap second), an offset Java accepts other than
     * {@code -00:00}.
     */
    static final class Rfc3339 {

        private Rfc3339() {
        }

        static boolean accepts(String s) {
            if (s == null || s.length() < 20 || s.length() > 35) {
                return false;
            }
            if (!(at(s, 4, '-') && at(s, 7, '-') && at(s, 10, 'T') && at(s, 13, ':') && at(s, 16, ':'))) {
                return false;
            }
            int year = number(s, 0, 4);
            int month = number(s, 5, 7);
            int day = number(s, 8, 10);
            int hour = number(s, 11, 13);
            int minute = number(s, 14, 16);
            int second = number(s, 17, 19);
            if (year < 1 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                    || second < 0 || second > 59 || day > Month.of(month).length(Year.isLeap(year))) {
                return false;
            }
            int i = 19;
            if (s.charAt(i) == '.') {
                int start = ++i;
                while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    i++;
                }
                if (i == start || i - start > 9) {
                    return false;
                }
            }
            if (i == s.length() - 1) {
                return s.charAt(i) == 'Z';
            }
            if (i != s.length() - 6 || (s.charAt(i) != '+' && s.charAt(i) != '-') || !at(s, i + 3, ':')) {
                return false;
            }
            int offsetHours = number(s, i + 1, i + 3);
            int offsetMinutes = number(s, i + 4, i + 6);
            if (s.charAt(i) == '-' && offsetHours == 0 && offsetMinutes == 0) {
                // RFC 3339's "-00:00" (local offset unknown): the schema's date-time check refuses it.
                return false;
            }
            return offsetHours >= 0 && offsetMinutes >= 0 && offsetMinutes <= 59
                    && offsetHours * 3600 + offsetMinutes * 60 <= ZoneOffset.MAX.getTotalSeconds() - 3600;
        }

        private static boolean at(String s, int i, char c) {
            return s.charAt(i) == c;
        }

        /** The decimal number in {@code s[from, to)}, or -1 when a character is not a digit. */
        private static int number(String s, int from, int to) {
            int n = 0;
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                n = n * 10 + (c - '0');
            }
            return n;
        }
    }
}
