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

    /**
     * Applies a transaction unless its event id was applied before.
     *
     * @return true when the balances changed
     */
    public boolean apply(TransactionEvent tx) {
        if (tx.status() != TransactionEvent.Status.COMPLETED || !applied.add(tx.eventId())) {
            return false;
        }
        BigDecimal amount = tx.amount();
        switch (tx.type()) {
            case CREDIT, REFUND -> add(tx.accountId(), amount);
            case DEBIT, FEE -> add(tx.accountId(), amount.negate());
            case TRANSFER -> {
                add(tx.accountId(), amount.negate());
                add(tx.counterpartyAccountId(), amount);
            }
            default -> throw new IllegalArgumentException("unknown transaction type " + tx.type());
        }
        return true;
    }

    private void add(String account, BigDecimal delta) {
        balances.merge(account, delta, BigDecimal::add);
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
