package io.finflow.kafka.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.event.TransactionEvent.Merchant;
import io.finflow.kafka.reliability.EventMutations.Mutated;
import io.finflow.kafka.schema.FastChecks;
import io.finflow.kafka.schema.SchemaRegistry;
import io.finflow.kafka.schema.Violation;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

/**
 * The proof that the fast schema check of {@code transaction} v2 changes no verdict: the bundled registry (which
 * answers "valid" from the fast check when it can) and a reference registry loaded from the same schema files, with
 * only the {@code title} of transaction v2 changed (an annotation, so the same schema, but not the document the fast
 * check is tied to, so every event goes to the JSON Schema validator), return the same violations for:
 * <ul>
 *   <li>generated valid events of every type, typed and as JSON; the fast check itself accepts every valid
 *       transaction event without a character outside the Basic Multilingual Plane (so the fast path is the one
 *       real events take), and Jackson writes a typed event to the very bytes of its tree;</li>
 *   <li>events with one mutation of 17 kinds, events with a random part replaced by random JSON, and any JSON;</li>
 *   <li>typed transaction events with one field set to a tricky value (identifiers with a final line break or 65
 *       characters, lowercase or unknown currencies, zero, negative and over-precise amounts, instants outside years
 *       1-9999, texts at and over their limits, ...);</li>
 *   <li>occurredAt strings shaped like RFC 3339 date-times with random digits, fractions and offsets.</li>
 * </ul>
 * Failures print jqwik's seed; rerun with {@code @Property(seed = "...")} to reproduce.
 */
@Tag("reliability")
class FastSchemaCheckPropertiesTest {

    static final SchemaRegistry FAST = SchemaRegistry.fromClasspath();
    static final SchemaRegistry REFERENCE = referenceRegistry();
    static final int V2 = 2;

    @Example
    void theBundledRegistryChecksTransactionsFastAndAnEditedSchemaNever() {
        assertThat(FastChecks.hasFastCheck(FAST, "transaction", V2)).isTrue();
        assertThat(FastChecks.hasFastCheck(FAST, "transaction", 1)).isFalse();
        assertThat(FastChecks.hasFastCheck(REFERENCE, "transaction", V2)).isFalse();
    }

    /** Found by {@link #dateTimesGetTheSameVerdicts}: the fast check once accepted RFC 3339's unknown offset. */
    @Example
    void theUnknownLocalOffsetIsRefusedByBoth() {
        for (String time : List.of("2024-05-04T18:08:00-00:00", "0366-05-04T18:08:00.17783797-00:00")) {
            ObjectNode e = new EventGenerator(new Random(7)).transaction();
            e.put("occurredAt", time);
            assertThat(FastChecks.transactionV2Accepts(e)).as(time).isFalse();
            assertThat(REFERENCE.validate("transaction", V2, e)).as(time).isNotEmpty();
            assertSame("transaction", e);
        }
        ObjectNode plus = new EventGenerator(new Random(7)).transaction();
        plus.put("occurredAt", "2024-05-04T18:08:00+00:00");
        assertSame("transaction", plus);
    }

    @Provide
    Arbitrary<SchemaValidationPropertiesTest.Generated> validEvents() {
        return new SchemaValidationPropertiesTest().validEvents();
    }

    @Provide
    Arbitrary<SchemaValidationPropertiesTest.Broken> brokenEvents() {
        return new SchemaValidationPropertiesTest().brokenEvents();
    }

    @Provide
    Arbitrary<SchemaValidationPropertiesTest.Generated> nearlyValidEvents() {
        return new SchemaValidationPropertiesTest().nearlyValidEvents();
    }

    @Provide
    Arbitrary<JsonNode> anyJson() {
        return new SchemaValidationPropertiesTest().anyJson();
    }

    @Provide
    Arbitrary<TransactionEvent> trickyTransactions() {
        return Arbitraries.randomValue(random -> tricky(random,
                EventJson.fromTree(new EventGenerator(random).transaction(), TransactionEvent.class)));
    }

    @Provide
    Arbitrary<ObjectNode> transactionsWithAnyDateTime() {
        return Arbitraries.randomValue(random -> {
            ObjectNode e = new EventGenerator(random).transaction();
            e.put("occurredAt", dateTimeLike(random));
            return e;
        });
    }

    @Property(tries = 400)
    void validEventsAreValidForBothAndTransactionsTakeTheFastPath(
            @ForAll("validEvents") SchemaValidationPropertiesTest.Generated e) {
        assertSame(e.type(), e.event());
        if (e.type().equals("transaction")) {
            TransactionEvent typed = EventJson.fromTree(e.event(), TransactionEvent.class);
            assertThat(EventJson.toBytes(typed)).as("typed bytes = tree bytes: " + e)
                    .isEqualTo(EventJson.toBytes(EventJson.toTree(typed)));
            assertThat(FAST.validate("transaction", V2, typed)).as(e.toString()).isEmpty();
            if (e.event().toString().codePoints().allMatch(Character::isBmpCodePoint)) {
                assertThat(FastChecks.transactionV2Accepts(e.event())).as("fast on the tree: " + e).isTrue();
                assertThat(FastChecks.transactionV2Accepts(typed)).as("fast on the typed event: " + e).isTrue();
            }
        }
    }

    @Property(tries = 600)
    void mutatedEventsGetTheSameViolations(@ForAll("brokenEvents") SchemaValidationPropertiesTest.Broken b) {
        Mutated m = b.mutated();
        assertSame(b.type(), m.event());
        if (b.type().equals("transaction")) {
            assertThat(FastChecks.transactionV2Accepts(m.event())).as(b.toString()).isFalse();
        }
    }

    @Property(tries = 600)
    void nearlyValidEventsGetTheSameVerdicts(@ForAll("nearlyValidEvents") SchemaValidationPropertiesTest.Generated e) {
        assertSame(e.type(), e.event());
    }

    @Property(tries = 300)
    void anyJsonGetsTheSameViolations(@ForAll("anyJson") JsonNode json) {
        assertSame("transaction", json);
    }

    @Property(tries = 800)
    void typedTransactionsWithTrickyValuesGetTheSameViolations(@ForAll("trickyTransactions") TransactionEvent e) {
        JsonNode tree = EventJson.toTree(e);
        List<Violation> expected = REFERENCE.validate("transaction", V2, tree);
        assertThat(FAST.validate("transaction", V2, e)).as(e.toString()).isEqualTo(expected);
        assertThat(FAST.validate("transaction", V2, tree)).as(e.toString()).isEqualTo(expected);
        if (FastChecks.transactionV2Accepts(e)) {
            assertThat(expected).as("the fast check accepted " + e).isEmpty();
            assertThat(EventJson.toBytes(e)).isEqualTo(EventJson.toBytes(tree));
        }
    }

    @Property(tries = 800)
    void dateTimesGetTheSameVerdicts(@ForAll("transactionsWithAnyDateTime") ObjectNode e) {
        assertSame("transaction", e);
    }

    /** Same violations from both registries, and the fast check never accepts what the reference refuses. */
    private static void assertSame(String type, JsonNode event) {
        int version = FAST.latestVersion(type);
        List<Violation> expected = REFERENCE.validate(type, version, event);
        assertThat(FAST.validate(type, version, event)).as(type + " " + event).isEqualTo(expected);
        if (type.equals("transaction") && FastChecks.transactionV2Accepts(event)) {
            assertThat(expected).as("the fast check accepted " + event).isEmpty();
        }
    }

    private static final List<String> IDS = List.of("", "a", "acc-1\n", "-acc", "acc 1", "acc/1", "ü", "Ä-1",
            "x".repeat(64), "x".repeat(65), "a.b_c:d-e", "\u0661", "acc-\u00e9");
    private static final List<String> UUIDS = List.of("", "not-a-uuid", "123e4567-e89b-12d3-a456-426614174000\n",
            "123E4567-E89B-12D3-A456-426614174000", "123e4567e89b12d3a456426614174000",
            "123e4567-e89b-12d3-a456-42661417400g", "\uff11" + "23e4567-e89b-12d3-a456-426614174000");
    private static final List<String> CURRENCIES = List.of("EUR", "eur", "EU", "EURO", "XAU", "XXX", "ZZZ", "JPY",
            "BHD", "USD\n", "E1R");
    private static final List<String> AMOUNTS = List.of("0", "0.00", "-1", "1", "0.5", "0.05", "10.123", "10.1234",
            "1E+3", "1E-2", "0.000", "00.5", "1".repeat(33), "1".repeat(32), "123456789012345678901234567890.1",
            "5.00", "2500");
    private static final List<String> TEXTS = List.of("", "x", "x\n", "x".repeat(100), "x".repeat(101),
            "x".repeat(140), "x".repeat(141), "x".repeat(500), "x".repeat(501), "\uD83D\uDE00".repeat(300),
            "\uD83D\uDE00".repeat(251), "é".repeat(500));
    private static final List<Instant> INSTANTS = List.of(Instant.parse("0000-12-31T23:59:59Z"),
            Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
            Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-06-01T00:00:00Z"), Instant.EPOCH,
            Instant.parse("2024-02-29T12:00:00.123456Z"), Instant.ofEpochSecond(0, 1));

    /** The event with one field (sometimes two) set to a value near an edge of the schema. */
    static TransactionEvent tricky(Random random, TransactionEvent e) {
        TransactionEvent result = e;
        for (int n = 0, changes = 1 + random.nextInt(2); n < changes; n++) {
            result = switch (random.nextInt(12)) {
                case 0 -> new TransactionEvent(pick(random, UUIDS), result.transactionId(), result.accountId(),
                        result.type(), result.amount(), result.currency(), result.status(),
                        result.counterpartyAccountId(), result.description(), result.merchant(), result.reference(),
                        result.occurredAt());
                case 1 -> result.withTransactionId(pick(random, IDS));
                case 2 -> new TransactionEvent(result.eventId(), result.transactionId(), pick(random, IDS),
                        result.type(), result.amount(), result.currency(), result.status(),
                        result.counterpartyAccountId(), result.description(), result.merchant(), result.reference(),
                        result.occurredAt());
                case 3 -> new TransactionEvent(result.eventId(), result.transactionId(), result.accountId(),
                        result.type(), new BigDecimal(pick(random, AMOUNTS)), result.currency(), result.status(),
                        result.counterpartyAccountId(), result.description(), result.merchant(), result.reference(),
                        result.occurredAt());
                case 4 -> new TransactionEvent(result.eventId(), result.transactionId(), result.accountId(),
                        result.type(), result.amount(), pick(random, CURRENCIES), result.status(),
                        result.counterpartyAccountId(), result.description(), result.merchant(), result.reference(),
                        result.occurredAt());
                case 5 -> result.withCounterpartyAccountId(random.nextBoolean() ? null
                        : random.nextBoolean() ? result.accountId() : pick(random, IDS));
                case 6 -> result.withDescription(random.nextBoolean() ? null : pick(random, TEXTS));
                case 7 -> result.withReference(random.nextBoolean() ? null : pick(random, TEXTS));
                case 8 -> result.withMerchant(random.nextBoolean() ? null : new Merchant(
                        random.nextBoolean() ? null : pick(random, IDS), pick(random, TEXTS),
                        random.nextBoolean() ? null : pick(random, List.of("5411", "541", "54111", "54a1", "5411\n")),
                        random.nextBoolean() ? null : pick(random, List.of("FR", "fr", "XX", "FRA", "DE", "UK"))));
                case 9 -> result.withOccurredAt(pick(random, INSTANTS));
                case 10 -> new TransactionEvent(result.eventId(), result.transactionId(), result.accountId(),
                        pick(random, List.of(TransactionEvent.Type.values())), result.amount(), result.currency(),
                        result.status(), result.counterpartyAccountId(), result.description(), result.merchant(),
                        result.reference(), result.occurredAt());
                default -> result.withOccurredAt(Instant.ofEpochSecond(random.nextLong() % 400_000_000_000L,
                        random.nextInt(1_000_000_000)));
            };
        }
        return result;
    }

    /** A string shaped like an RFC 3339 date-time, each part drawn from a range wider than the valid one. */
    static String dateTimeLike(Random random) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%04d-%02d-%02dT%02d:%02d:%02d", random.nextInt(3) == 0 ? random.nextInt(10_000)
                : 1990 + random.nextInt(50), random.nextInt(14), random.nextInt(33), random.nextInt(26),
                random.nextInt(62), random.nextInt(62)));
        int fraction = random.nextInt(12) - 1;
        if (fraction >= 0) {
            sb.append('.');
            for (int i = 0; i < fraction; i++) {
                sb.append(random.nextInt(10));
            }
        }
        switch (random.nextInt(6)) {
            case 0 -> sb.append('Z');
            case 1 -> sb.append('z');
            case 2 -> { }
            default -> sb.append(random.nextBoolean() ? '+' : '-').append(String.format("%02d:%02d",
                    random.nextInt(26), random.nextInt(62)));
        }
        if (random.nextInt(20) == 0) {
            sb.append(random.nextBoolean() ? "\n" : " ");
        }
        return sb.toString();
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** The repository's schemas, with the title of transaction v2 changed. */
    private static SchemaRegistry referenceRegistry() {
        try {
            Path dir = Files.createTempDirectory("reference-schemas");
            Path source = Path.of("..", "schemas");
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.toList()) {
                    Path target = dir.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                }
            }
            Path v2 = dir.resolve("transaction/v2.json");
            Files.writeString(v2, Files.readString(v2).replace("\"title\": \"Transaction event v2\"",
                    "\"title\": \"Transaction event v2 (reference copy)\""));
            dir.toFile().deleteOnExit();
            return SchemaRegistry.load(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
