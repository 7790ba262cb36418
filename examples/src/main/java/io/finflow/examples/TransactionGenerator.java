package io.finflow.examples;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.finflow.kafka.event.AnalyticsEvent;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.event.UserEvent;

/**
 * Generates a realistic FinFlow event stream from a seed: user registrations and opening credits
 * for every account, then debits, credits, transfers, fees and refunds with exact decimal amounts in
 * each account's currency, analytics page views, and a small share of deliberately bad events
 * (schema-invalid ones and raw poison bytes).
 *
 * <p>Transactions follow their lifecycle: most are published {@code completed} at once; some are
 * published {@code pending} and, a few events later, {@code completed} or {@code failed} (same
 * {@code transactionId}, new event id); some completed ones are {@code reversed} later, transfers
 * included. {@link TransactionRule} says what each moves. Not thread-safe: one generator per
 * producing thread.
 */
public final class TransactionGenerator {

    /** Share of events that break their schema (refused by the producer). */
    public static final double SCHEMA_INVALID_SHARE = 0.005;
    /** Share of events written as raw poison bytes (dead-lettered by consumers). */
    public static final double POISON_SHARE = 0.002;
    /** Share of new transactions published {@code pending} first. */
    public static final double PENDING_SHARE = 0.25;
    /** Share of pending transactions that end {@code failed} rather than {@code completed}. */
    public static final double FAILED_SHARE = 0.15;
    /** Share of completed transactions reversed later. */
    public static final double REVERSED_SHARE = 0.04;

    private static final String[] CURRENCIES = {"EUR", "EUR", "EUR", "USD", "USD", "GBP", "JPY"};
    private static final String[] COUNTRIES = {"DE", "FR", "NL", "US", "GB", "JP", "ES"};

    /** An account of the generated population. */
    public record Account(String accountId, String userId, String currency) {
    }

    /** A status change published once {@code due} events were generated. */
    private record FollowUp(long due, long order, TransactionEvent event) {
    }

    private final Random random;
    private final List<Account> accounts = new ArrayList<>();
    private final java.util.Map<String, List<Account>> byCurrency = new java.util.HashMap<>();
    private final List<GeneratedEvent> opening = new ArrayList<>();
    private final java.util.PriorityQueue<FollowUp> followUps = new java.util.PriorityQueue<>(
            java.util.Comparator.comparingLong(FollowUp::due).thenComparingLong(FollowUp::order));
    private int openingIndex;
    private long generated;

    public TransactionGenerator(long seed, int accountCount) {
        if (accountCount < 2) {
            throw new IllegalArgumentException("accountCount must be >= 2, was " + accountCount);
        }
        this.random = new Random(seed);
        for (int i = 0; i < accountCount; i++) {
            String currency = CURRENCIES[i % CURRENCIES.length];
            Account account = new Account(String.format("acc-%05d", i), String.format("user-%05d", i), currency);
            accounts.add(account);
            byCurrency.computeIfAbsent(currency, c -> new ArrayList<>()).add(account);
            opening.add(new GeneratedEvent.Valid("user-events", UserEvent.registered(account.userId(),
                    account.userId() + "@example.com", COUNTRIES[i % COUNTRIES.length])));
            opening.add(new GeneratedEvent.Valid("transaction-events",
                    TransactionEvent.credit(account.accountId(), amount(currency, 500, 5000), currency)));
        }
    }

    /** The accounts, in creation order. */
    public List<Account> accounts() {
        return Collections.unmodifiableList(accounts);
    }

    /** The user owning an account of the generated population ({@code acc-00042} belongs to {@code user-00042}). */
    public static String userOf(String accountId) {
        return accountId.startsWith("acc-") ? "user-" + accountId.substring(4) : "owner-of-" + accountId;
    }

    /** The next event of the stream. */
    public GeneratedEvent next() {
        generated++;
        if (openingIndex < opening.size()) {
            return opening.get(openingIndex++);
        }
        FollowUp due = followUps.peek();
        if (due != null && due.due() <= generated) {
            followUps.poll();
            if (due.event().status() == TransactionEvent.Status.COMPLETED) {
                maybeReverseLater(due.event());
            }
            return new GeneratedEvent.Valid("transaction-events", due.event());
        }
        double dice = random.nextDouble();
        if (dice < POISON_SHARE) {
            return poison();
        }
        if (dice < POISON_SHARE + SCHEMA_INVALID_SHARE) {
            return schemaInvalid();
        }
        if (dice < 0.15) {
            Account a = pick();
            return new GeneratedEvent.Valid("analytics-events",
                    AnalyticsEvent.pageView("session-" + a.userId(), "/accounts/" + a.accountId()));
        }
        return new GeneratedEvent.Valid("transaction-events", lifecycle(transaction()));
    }

    /** Publishes a new transaction completed at once, or pending with its outcome scheduled. */
    private TransactionEvent lifecycle(TransactionEvent completed) {
        if (random.nextDouble() < PENDING_SHARE) {
            TransactionEvent pending = completed.withStatus(TransactionEvent.Status.PENDING);
            TransactionEvent.Status outcome = random.nextDouble() < FAILED_SHARE
                    ? TransactionEvent.Status.FAILED : TransactionEvent.Status.COMPLETED;
            schedule(1 + random.nextInt(40), pending.withStatus(outcome, Instant.now()));
            return pending;
        }
        maybeReverseLater(completed);
        return completed;
    }

    private void maybeReverseLater(TransactionEvent completed) {
        if (random.nextDouble() < REVERSED_SHARE) {
            schedule(5 + random.nextInt(200), completed.withStatus(TransactionEvent.Status.REVERSED, Instant.now()));
        }
    }

    private void schedule(int eventsLater, TransactionEvent event) {
        followUps.add(new FollowUp(generated + eventsLater, generated, event));
    }

    private TransactionEvent transaction() {
        Account a = pick();
        double kind = random.nextDouble();
        if (kind < 0.45) {
            return TransactionEvent.debit(a.accountId(), amount(a.currency(), 1, a.currency().equals("JPY") ? 200 : 1500),
                    a.currency());
        }
        if (kind < 0.78) {
            return TransactionEvent.credit(a.accountId(), amount(a.currency(), 1, 2000), a.currency());
        }
        List<Account> peers = byCurrency.get(a.currency());
        if (kind < 0.93 && peers.size() > 1) {
            Account to = peers.get(random.nextInt(peers.size()));
            while (to.equals(a)) {
                to = peers.get(random.nextInt(peers.size()));
            }
            return TransactionEvent.transfer(a.accountId(), to.accountId(), amount(a.currency(), 1, 800), a.currency());
        }
        if (kind < 0.97) {
            return TransactionEvent.of(TransactionEvent.Type.FEE, a.accountId(), amount(a.currency(), 1, 5), a.currency());
        }
        return TransactionEvent.of(TransactionEvent.Type.REFUND, a.accountId(), amount(a.currency(), 1, 100), a.currency());
    }

    private GeneratedEvent schemaInvalid() {
        ObjectNode json = (ObjectNode) EventJson.toTree(transaction());
        switch (random.nextInt(4)) {
            case 0 -> {
                json.put("amount", "-" + json.get("amount").asText());
                return new GeneratedEvent.SchemaInvalid("transaction-events", json, "negative amount");
            }
            case 1 -> {
                json.put("currency", "EURO");
                return new GeneratedEvent.SchemaInvalid("transaction-events", json, "bad currency");
            }
            case 2 -> {
                json.remove("accountId");
                return new GeneratedEvent.SchemaInvalid("transaction-events", json, "missing accountId");
            }
            default -> {
                json.put("amount", "12.345");
                return new GeneratedEvent.SchemaInvalid("transaction-events", json, "too precise amount");
            }
        }
    }

    private GeneratedEvent poison() {
        Account a = pick();
        if (random.nextBoolean()) {
            return new GeneratedEvent.Poison("transaction-events", a.accountId(),
                    "{\"accountId\": \"truncated".getBytes(StandardCharsets.UTF_8), "truncated JSON");
        }
        return new GeneratedEvent.Poison("transaction-events", a.accountId(),
                new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}, "binary garbage");
    }

    private Account pick() {
        return accounts.get(random.nextInt(accounts.size()));
    }

    /**
     * A random amount between min and max major units (x100 for JPY, whose unit is small), drawn
     * as a whole number of minor units so it is exact by construction.
     */
    private BigDecimal amount(String currency, int min, int max) {
        int scale = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
        long unit = currency.equals("JPY") ? 100 : 1;
        long factor = BigDecimal.TEN.pow(scale).longValueExact();
        long lo = min * unit * factor;
        long hi = max * unit * factor;
        return BigDecimal.valueOf(lo + (long) (random.nextDouble() * (hi - lo)), scale);
    }
}
