package io.finflow.examples;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.finflow.kafka.event.TransactionEvent;

/**
 * Account balances computed from transaction events: the one rule both the live accounting service
 * and the rebuild apply. Credits and refunds add, debits and fees subtract, a transfer moves money
 * from {@code accountId} to {@code counterpartyAccountId}. Only completed transactions count. An event
 * id is applied at most once, so redelivered events change nothing. Thread-safe.
 */
public final class Ledger {

    private final Map<String, BigDecimal> balances = new ConcurrentHashMap<>();
    private final Set<String> applied = ConcurrentHashMap.newKeySet();

    /** A change of one account's balance. */
    public record Effect(String accountId, BigDecimal delta) {
    }

    /**
     * What a transaction does to balances: credits and refunds add, debits and fees subtract, a
     * transfer moves the amount to the counterparty. Nothing for transactions that did not complete.
     */
    public static java.util.List<Effect> effects(TransactionEvent tx) {
        if (tx.status() != TransactionEvent.Status.COMPLETED) {
            return java.util.List.of();
        }
        BigDecimal amount = tx.amount();
        return switch (tx.type()) {
            case CREDIT, REFUND -> java.util.List.of(new Effect(tx.accountId(), amount));
            case DEBIT, FEE -> java.util.List.of(new Effect(tx.accountId(), amount.negate()));
            case TRANSFER -> java.util.List.of(new Effect(tx.accountId(), amount.negate()),
                    new Effect(tx.counterpartyAccountId(), amount));
        };
    }

    /**
     * Applies a transaction unless its event id was applied before.
     *
     * @return true when the balances changed
     */
    public boolean apply(TransactionEvent tx) {
        if (!applied.add(tx.eventId())) {
            return false;
        }
        java.util.List<Effect> effects = effects(tx);
        effects.forEach(e -> add(e.accountId(), e.delta()));
        return !effects.isEmpty();
    }

    /** True when this event id was applied. */
    public boolean isApplied(String eventId) {
        return applied.contains(eventId);
    }

    /** Records an event id as applied, after its effects were added one by one with {@link #add}. */
    public void markApplied(String eventId) {
        applied.add(eventId);
    }

    /** Adds a delta to one account and returns the new balance. */
    public BigDecimal add(String account, BigDecimal delta) {
        return balances.merge(account, delta, BigDecimal::add);
    }

    /** The balance of one account, zero when it has no transactions. */
    public BigDecimal balance(String account) {
        return balances.getOrDefault(account, BigDecimal.ZERO);
    }

    /** A sorted copy of every balance. */
    public Map<String, BigDecimal> snapshot() {
        return new TreeMap<>(balances);
    }

    /** Number of distinct events applied. */
    public int appliedCount() {
        return applied.size();
    }

    /**
     * Accounts whose balances differ between two snapshots (compared by value: 10.0 equals 10.00),
     * formatted {@code account: a != b}.
     */
    public static java.util.List<String> differences(Map<String, BigDecimal> a, Map<String, BigDecimal> b) {
        java.util.List<String> diffs = new java.util.ArrayList<>();
        Set<String> accounts = new java.util.TreeSet<>(a.keySet());
        accounts.addAll(b.keySet());
        for (String account : accounts) {
            BigDecimal x = a.getOrDefault(account, BigDecimal.ZERO);
            BigDecimal y = b.getOrDefault(account, BigDecimal.ZERO);
            if (x.compareTo(y) != 0) {
                diffs.add(account + ": " + x.toPlainString() + " != " + y.toPlainString());
            }
        }
        return diffs;
    }
}
