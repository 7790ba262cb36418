package io.finflow.bench;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.event.TransactionEvent.Merchant;
import io.finflow.kafka.producer.EncodedEvent;
import io.finflow.kafka.producer.EventEncoder;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A fixed, seeded set of realistic transaction events (card payments with a merchant, salary credits,
 * transfers with a SEPA reference, fees, refunds; 300-400 bytes of JSON each), together with what
 * {@link EventEncoder} makes of them: the exact value bytes and CloudEvents headers the library writes.
 * Runs cycle through the corpus ({@code index % size}), so every variant sends the same bytes.
 * Immutable after construction; safe to read from several threads.
 */
final class EventCorpus {

    private static final String[] CURRENCIES = {"EUR", "EUR", "EUR", "EUR", "USD", "USD", "GBP", "JPY"};
    private static final String[][] MERCHANTS = {
        {"REWE Markt", "5411", "DE", "Berlin"}, {"Carrefour Market", "5411", "FR", "Lyon"},
        {"Albert Heijn", "5411", "NL", "Utrecht"}, {"Deutsche Bahn", "4112", "DE", "Frankfurt am Main"},
        {"Shell Station", "5541", "GB", "Manchester"}, {"Starbucks Coffee", "5814", "US", "Seattle"},
        {"Amazon Marketplace", "5942", "US", "Online"}, {"IKEA Restaurant", "5812", "SE", "Malmo"},
        {"Lidl Filiale", "5411", "DE", "Hamburg"}, {"Uber Trip", "4121", "US", "San Francisco"},
        {"Apple Services", "5818", "IE", "Cork"}, {"Zara Store", "5651", "ES", "Madrid"},
        {"FamilyMart", "5499", "JP", "Tokyo"}, {"Boots Pharmacy", "5912", "GB", "London"},
        {"Spotify Premium", "5815", "SE", "Stockholm"}, {"Decathlon", "5941", "FR", "Lille"},
    };
    private static final String REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
    private static final Instant START = Instant.parse("2026-01-05T08:00:00Z");

    private final TransactionEvent[] events;
    private final EncodedEvent[] encoded;
    /** The encoded values and headers, copied out once: the raw baselines send them without copying again. */
    private final byte[][] values;
    private final Headers[] headers;
    private final Map<String, Integer> indexById = new java.util.HashMap<>();
    private final long totalValueBytes;
    private final long totalHeaderBytes;

    private EventCorpus(TransactionEvent[] events, EncodedEvent[] encoded) {
        this.events = events;
        this.encoded = encoded;
        this.values = new byte[encoded.length][];
        this.headers = new Headers[encoded.length];
        long valueBytes = 0;
        long headerBytes = 0;
        for (int i = 0; i < encoded.length; i++) {
            values[i] = encoded[i].value();
            indexById.put(events[i].eventId(), i);
            headers[i] = encoded[i].headers();
            valueBytes += values[i].length;
            for (Header h : headers[i]) {
                headerBytes += h.key().getBytes(StandardCharsets.UTF_8).length + (h.value() == null ? 0 : h.value().length);
            }
        }
        this.totalValueBytes = valueBytes;
        this.totalHeaderBytes = headerBytes;
    }

    /**
     * Generates {@code size} events over {@code accounts} accounts and encodes each one as the library
     * does for {@code topic} (schema validation included, so the corpus is valid by construction).
     */
    static EventCorpus generate(int size, int accounts, long seed, EventEncoder encoder, String topic) {
        Random random = new Random(seed);
        TransactionEvent[] events = new TransactionEvent[size];
        EncodedEvent[] encoded = new EncodedEvent[size];
        for (int i = 0; i < size; i++) {
            events[i] = event(random, seed, i, accounts);
            encoded[i] = encoder.encode(topic, events[i], Map.of());
        }
        return new EventCorpus(events, encoded);
    }

    private static TransactionEvent event(Random random, long seed, int i, int accounts) {
        int account = random.nextInt(accounts);
        String accountId = String.format("acc-%06d", account);
        String currency = CURRENCIES[account % CURRENCIES.length];
        String eventId = UUID.nameUUIDFromBytes(("event-" + seed + "-" + i).getBytes(StandardCharsets.UTF_8)).toString();
        String transactionId = UUID.nameUUIDFromBytes(("tx-" + seed + "-" + i).getBytes(StandardCharsets.UTF_8)).toString();
        Instant at = START.plusMillis(i * 37L + random.nextInt(37));
        double kind = random.nextDouble();
        TransactionEvent.Type type;
        BigDecimal amount;
        String counterparty = null;
        String description;
        Merchant merchant = null;
        String reference = null;
        if (kind < 0.55) {
            String[] m = MERCHANTS[random.nextInt(MERCHANTS.length)];
            type = TransactionEvent.Type.DEBIT;
            amount = amount(random, currency, 1, 250);
            merchant = new Merchant(String.format("mid-%08d", random.nextInt(100_000_000)), m[0], m[1], m[2]);
            description = "Card payment " + m[0] + ", " + m[3];
        } else if (kind < 0.80) {
            type = TransactionEvent.Type.CREDIT;
            amount = amount(random, currency, 100, 6_000);
            description = random.nextBoolean() ? "Salary " + START.plusMillis(i * 37L).toString().substring(0, 7)
                    : "Incoming SEPA credit";
            reference = reference(random);
        } else if (kind < 0.95) {
            type = TransactionEvent.Type.TRANSFER;
            amount = amount(random, currency, 5, 1_500);
            int other = (account + 1 + random.nextInt(accounts - 1)) % accounts;
            counterparty = String.format("acc-%06d", other);
            description = "Transfer to " + counterparty;
            reference = reference(random);
        } else if (kind < 0.98) {
            type = TransactionEvent.Type.FEE;
            amount = amount(random, currency, 1, 5);
            description = "Monthly account fee";
        } else {
            type = TransactionEvent.Type.REFUND;
            amount = amount(random, currency, 1, 120);
            description = "Refund of a card payment";
        }
        return new TransactionEvent(eventId, transactionId, accountId, type, amount, currency,
                TransactionEvent.Status.COMPLETED, counterparty, description, merchant, reference, at);
    }

    /** An exact amount between min and max major units (x100 for JPY), drawn in minor units. */
    private static BigDecimal amount(Random random, String currency, int min, int max) {
        int scale = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
        long unit = currency.equals("JPY") ? 100 : 1;
        long factor = BigDecimal.TEN.pow(scale).longValueExact();
        long lo = min * unit * factor;
        long hi = max * unit * factor;
        return BigDecimal.valueOf(lo + (long) (random.nextDouble() * (hi - lo)), scale);
    }

    private static String reference(Random random) {
        StringBuilder sb = new StringBuilder("E2E-");
        for (int i = 0; i < 18; i++) {
            sb.append(REFERENCE_ALPHABET.charAt(random.nextInt(REFERENCE_ALPHABET.length())));
        }
        return sb.toString();
    }

    /** Number of distinct events. */
    int size() {
        return events.length;
    }

    /** The typed event sent at position {@code index} of a run. */
    TransactionEvent event(int index) {
        return events[index % events.length];
    }

    /** The library's encoding (key, value, headers) of the event at position {@code index}. */
    EncodedEvent encoded(int index) {
        return encoded[index % encoded.length];
    }

    /** The record key (account id) of the event at position {@code index}. */
    String key(int index) {
        return events[index % events.length].accountId();
    }

    /** The position of the event with this id in the corpus, or -1. */
    int indexOf(String eventId) {
        Integer i = indexById.get(eventId);
        return i == null ? -1 : i;
    }

    /** The JSON value of the event at position {@code index}, as the library encodes it (shared, do not change). */
    byte[] value(int index) {
        return values[index % values.length];
    }

    /** The CloudEvents headers of the event at position {@code index} (shared, do not change). */
    Headers headers(int index) {
        return headers[index % headers.length];
    }

    /** Total value bytes of the first {@code count} records of a run. */
    long valueBytes(int count) {
        long full = (long) (count / events.length) * totalValueBytes;
        for (int i = 0; i < count % events.length; i++) {
            full += values[i].length;
        }
        return full;
    }

    /** Mean JSON value size in bytes. */
    double meanValueBytes() {
        return (double) totalValueBytes / events.length;
    }

    /** Mean size of the CloudEvents headers (names and values) in bytes. */
    double meanHeaderBytes() {
        return (double) totalHeaderBytes / events.length;
    }

    /** Smallest and largest JSON value in bytes, e.g. {@code 281-402}. */
    String valueSizeRange() {
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (byte[] v : values) {
            min = Math.min(min, v.length);
            max = Math.max(max, v.length);
        }
        return min + "-" + max;
    }
}
