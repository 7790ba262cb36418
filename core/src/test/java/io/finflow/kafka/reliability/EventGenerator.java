package io.finflow.kafka.reliability;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Valid FinFlow events of every type, built from the rules of the latest schemas ({@code schemas/<type>/vN.json})
 * and of {@code SemanticRules}, not from the Java records: required and optional fields, identifier and name
 * patterns, length bounds (often right at the bound), enums, {@code if}/{@code then} requirements, bounded maps with
 * string, number and boolean values, RFC 3339 times with fractions and offsets, ISO 4217 currencies (historic codes
 * included) with amounts of at most their minor unit digits, ISO 3166 countries, free text with any Unicode (accents,
 * CJK, emoji, controls, quotes, backslashes). Deterministic for a given {@link Random}.
 */
final class EventGenerator {

    /** Every event type, in catalog order. */
    static final List<String> TYPES = List.of("transaction", "user", "notification", "system", "analytics", "balance");

    /** ISO 4217 codes with minor units, historic ones included: what the semantic rule accepts. */
    static final List<Currency> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .filter(c -> c.getDefaultFractionDigits() >= 0)
            .sorted(Comparator.comparing(Currency::getCurrencyCode)).toList();
    static final Set<String> CURRENCY_CODES = Set.copyOf(CURRENCIES.stream().map(Currency::getCurrencyCode).toList());
    static final List<String> COUNTRIES = List.of(Locale.getISOCountries());

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String ID_CHARS = ALNUM + "._:-";
    private static final long FROM_1900 = -2_208_988_800L;
    private static final long TO_2200 = 7_258_118_400L;
    private static final List<ZoneOffset> OFFSETS = List.of(ZoneOffset.UTC, ZoneOffset.ofHours(1), ZoneOffset.ofHours(-5),
            ZoneOffset.ofHoursMinutes(5, 30), ZoneOffset.ofHoursMinutes(-9, -30), ZoneOffset.ofHours(14),
            ZoneOffset.ofHours(-12));
    /** Code points free text is drawn from: every script and trap a real description holds. */
    private static final int[][] TEXT_RANGES = {
            {0x20, 0x7e}, {0x20, 0x7e}, {0x20, 0x7e}, {0xa0, 0x17f}, {0x370, 0x3ff}, {0x400, 0x4ff}, {0x4e00, 0x4fff},
            {0x1f600, 0x1f64f}, {0x300, 0x36f}, {0x0, 0x1f}, {0x2028, 0x2029}};

    private final Random random;

    EventGenerator(Random random) {
        this.random = random;
    }

    /** A valid event of the type's latest schema. */
    ObjectNode valid(String type) {
        return switch (type) {
            case "transaction" -> transaction();
            case "user" -> user();
            case "notification" -> notification();
            case "system" -> system();
            case "analytics" -> analytics();
            case "balance" -> balance();
            default -> throw new IllegalArgumentException("no generator for " + type);
        };
    }

    ObjectNode transaction() {
        ObjectNode e = JSON.objectNode();
        e.put("eventId", uuid());
        e.put("transactionId", identifier());
        String account = identifier();
        e.put("accountId", account);
        String type = pick(List.of("debit", "credit", "transfer", "refund", "fee"));
        e.put("type", type);
        Currency currency = pick(CURRENCIES);
        e.put("amount", amount(currency));
        e.put("currency", currency.getCurrencyCode());
        e.put("status", pick(List.of("pending", "completed", "failed", "reversed")));
        if (type.equals("transfer") || chance(3)) {
            e.put("counterpartyAccountId", otherIdentifier(account));
        }
        if (chance(2)) {
            e.put("description", text(0, 500));
        }
        if (chance(3)) {
            ObjectNode merchant = e.putObject("merchant");
            merchant.put("name", text(1, 100));
            if (chance(2)) {
                merchant.put("merchantId", identifier());
            }
            if (chance(2)) {
                merchant.put("categoryCode", digits(4));
            }
            if (chance(2)) {
                merchant.put("country", pick(COUNTRIES));
            }
        }
        if (chance(3)) {
            e.put("reference", text(1, 140));
        }
        e.put("occurredAt", occurredAt());
        return e;
    }

    ObjectNode user() {
        ObjectNode e = JSON.objectNode();
        e.put("eventId", uuid());
        e.put("userId", identifier());
        String type = pick(List.of("registered", "profile_updated", "kyc_verified", "kyc_rejected", "suspended",
                "closed"));
        e.put("type", type);
        if (type.equals("registered") || chance(4)) {
            e.put("email", email());
        }
        if (type.equals("registered") || chance(4)) {
            e.put("country", pick(COUNTRIES));
        }
        if (type.equals("profile_updated") || chance(6)) {
            Set<String> fields = new LinkedHashSet<>();
            int n = random.nextInt(6) == 0 ? 50 : random.nextInt(6);
            while (fields.size() < n) {
                fields.add(randomChar("abcdefghijklmnopqrstuvwxyz") + chars(ALNUM, 0, 63));
            }
            fields.forEach(e.putArray("changedFields")::add);
        }
        if (type.equals("kyc_rejected") || type.equals("suspended") || chance(5)) {
            e.put("reason", text(1, 500));
        }
        e.put("occurredAt", occurredAt());
        return e;
    }

    ObjectNode notification() {
        ObjectNode e = JSON.objectNode();
        e.put("eventId", uuid());
        e.put("notificationId", identifier());
        e.put("userId", identifier());
        e.put("channel", pick(List.of("email", "push", "in_app")));
        List<String> words = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
            words.add(chars(LOWER_ALNUM, 1, 12));
        }
        StringBuilder template = new StringBuilder(words.get(0));
        for (int i = 1; i < words.size(); i++) {
            template.append(randomChar("._-")).append(words.get(i));
        }
        e.put("template", template.toString());
        if (chance(2)) {
            e.put("priority", pick(List.of("low", "normal", "high", "critical")));
        }
        if (chance(2)) {
            e.put("locale", chars("abcdefghijklmnopqrstuvwxyz", 2, 3) + (chance(2) ? "" : "-"
                    + chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 2, 2)));
        }
        if (chance(2)) {
            e.put("subject", text(1, 200));
        }
        if (chance(2)) {
            scalarMap(e.putObject("params"), ALNUM + "_", 63, 1000);
        }
        e.put("occurredAt", occurredAt());
        return e;
    }

    ObjectNode system() {
        ObjectNode e = JSON.objectNode();
        e.put("eventId", uuid());
        StringBuilder service = new StringBuilder(randomChar("abcdefghijklmnopqrstuvwxyz")).append(chars(LOWER_ALNUM, 0, 20));
        for (int i = 0, n = random.nextInt(3); i < n; i++) {
            service.append('-').append(chars(LOWER_ALNUM, 1, 12));
        }
        e.put("service", service.toString());
        String type = pick(List.of("startup", "shutdown", "config_change", "deployment", "health_degraded",
                "health_restored"));
        e.put("type", type);
        if (chance(2)) {
            e.put("severity", pick(List.of("info", "warning", "critical")));
        }
        if (chance(2)) {
            e.put("version", chars(printableNoSpace(), 1, 64));
        }
        if (chance(2)) {
            e.put("host", chars(printableNoSpace(), 1, 255));
        }
        if (chance(2)) {
            e.put("message", text(0, 1000));
        }
        if (type.equals("config_change") || chance(3)) {
            ObjectNode details = e.putObject("details");
            scalarMap(details, ALNUM + "._-", 99, 1000);
            if (details.isEmpty() && type.equals("config_change")) {
                details.put(randomChar(ALNUM.substring(0, 52)) + chars(ALNUM + "._-", 0, 99), text(0, 1000));
            }
        }
        e.put("occurredAt", occurredAt());
        return e;
    }

    ObjectNode analytics() {
        ObjectNode e = JSON.objectNode();
        e.put("eventId", uuid());
        e.put("sessionId", identifier());
        if (chance(2)) {
            e.put("userId", identifier());
        }
        StringBuilder name = new StringBuilder(randomChar("abcdefghijklmnopqrstuvwxyz")).append(chars(LOWER_ALNUM, 0, 15));
        for (int i = 0, n = random.nextInt(3); i < n; i++) {
            name.append('_').append(chars(LOWER_ALNUM, 1, 10));
        }
        e.put("name", name.toString());
        if (chance(2)) {
            e.put("page", text(1, 2048));
        }
        if (chance(2)) {
            scalarMap(e.putObject("properties"), ALNUM + "_", 63, 500);
        }
        e.put("occurredAt", occurredAt());
        return e;
    }

    ObjectNode balance() {
        ObjectNode e = JSON.objectNode();
        e.put("eventId", uuid());
        e.put("accountId", identifier());
        BigDecimal balance = new BigDecimal(new BigInteger(random.nextInt(100) + 1, random), random.nextInt(5));
        String text = (chance(3) ? balance.negate() : balance).toPlainString();
        e.put("balance", text.length() > 34 ? "0" : text);
        e.put("currency", pick(CURRENCIES).getCurrencyCode());
        // The schema allows any integer >= 0; BalanceEvent holds a long (see docs/reliability.md).
        if (chance(4)) {
            e.put("transactionsApplied", Long.MAX_VALUE - random.nextInt(10));
        } else {
            e.put("transactionsApplied", random.nextInt(1_000_000));
        }
        e.put("lastTransactionEventId", uuid());
        e.put("occurredAt", occurredAt());
        return e;
    }

    /** A positive amount in plain notation with at most the currency's minor unit digits, at most 32 characters. */
    String amount(Currency currency) {
        int scale = random.nextInt(currency.getDefaultFractionDigits() + 1);
        int bits = random.nextInt(4) == 0 ? 1 + random.nextInt(90) : 1 + random.nextInt(24);
        BigInteger unscaled = new BigInteger(bits, random).add(BigInteger.ONE);
        String text = new BigDecimal(unscaled, scale).toPlainString();
        return text.length() <= 32 ? text : "1";
    }

    String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** {@code ^[A-Za-z0-9][A-Za-z0-9._:-]*$}, 1 to 64 characters. */
    String identifier() {
        return randomChar(ALNUM) + chars(ID_CHARS, 0, 63);
    }

    private String otherIdentifier(String not) {
        String id = identifier();
        while (id.equals(not)) {
            id = identifier();
        }
        return id;
    }

    /** An RFC 3339 date-time with an uppercase T, 0 to 9 fraction digits and Z or a numeric offset. */
    String occurredAt() {
        long seconds = FROM_1900 + (long) (random.nextDouble() * (TO_2200 - FROM_1900));
        ZoneOffset offset = pick(OFFSETS);
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, offset);
        String fraction = chance(3) ? "" : "." + digits(1 + random.nextInt(9));
        String zone = offset.equals(ZoneOffset.UTC) ? (chance(2) ? "Z" : "+00:00") : offset.getId();
        return String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d%s%s", t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), fraction, zone);
    }

    /** The validator checks the top-level domain against the IANA list it bundles: only real ones here. */
    private String email() {
        return chars(LOWER_ALNUM, 1, 20) + (chance(2) ? "." + chars(LOWER_ALNUM, 1, 10) : "") + "@"
                + chars(LOWER_ALNUM, 1, 20) + "." + pick(List.of("com", "org", "io", "de", "fr", "co.uk", "bank", "xyz"));
    }

    /** Up to 50 entries (sometimes exactly 50) of string, number or boolean values. */
    private void scalarMap(ObjectNode map, String nameChars, int maxNameTail, int maxText) {
        int n = random.nextInt(8) == 0 ? 50 : random.nextInt(6);
        while (map.size() < n) {
            String name = randomChar(ALNUM.substring(0, 52)) + chars(nameChars, 0, Math.min(maxNameTail, 20));
            switch (random.nextInt(6)) {
                case 0 -> map.put(name, text(0, maxText));
                case 1 -> map.put(name, random.nextInt());
                case 2 -> map.put(name, random.nextBoolean());
                case 3 -> map.put(name, new BigDecimal(BigInteger.valueOf(random.nextLong()), 1 + random.nextInt(6)));
                case 4 -> map.put(name, random.nextBoolean() ? Long.MAX_VALUE - random.nextInt(1000)
                        : (long) Integer.MIN_VALUE - 1 - random.nextInt(1000));
                default -> map.put(name, text(0, 30));
            }
        }
    }

    /** Free text of {@code min} to {@code max} code points, often exactly at a bound. */
    String text(int min, int max) {
        int length = length(min, max);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int[] range = TEXT_RANGES[random.nextInt(TEXT_RANGES.length)];
            s.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
        }
        return s.toString();
    }

    private String chars(String alphabet, int min, int max) {
        int length = length(min, max);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(randomChar(alphabet));
        }
        return s.toString();
    }

    /** A length between the bounds: a bound itself one time in four, since bounds are where validators slip. */
    private int length(int min, int max) {
        return switch (random.nextInt(8)) {
            case 0 -> min;
            case 1 -> max;
            default -> min + random.nextInt(Math.min(max, min + 40) - min + 1);
        };
    }

    private String digits(int n) {
        return chars("0123456789", n, n);
    }

    private static String printableNoSpace() {
        StringBuilder s = new StringBuilder();
        for (char c = '!'; c <= '~'; c++) {
            s.append(c);
        }
        return s.toString();
    }

    private String randomChar(String alphabet) {
        return String.valueOf(alphabet.charAt(random.nextInt(alphabet.length())));
    }

    private boolean chance(int oneIn) {
        return random.nextInt(oneIn) == 0;
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
