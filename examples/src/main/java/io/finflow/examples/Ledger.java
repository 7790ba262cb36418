package io.finflow.examples;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.finflow.kafka.event.TransactionEvent;

/**
 * Balances computed from the whole transaction log with {@link TransactionRule}, remembering every
 * transaction: what the rebuild from offset 0 and the demo's independent computation use. Events of
 * one transaction must be applied in their log order (they share the key {@code accountId}, so they
 * share a partition). Thread-safe.
 */
public final class Ledger {

    private final Map<String, BigDecimal> balances = new HashMap<>();
    private final Map<String, Long> moves = new HashMap<>();
    private final Map<String, TransactionRule.State> transactions = new HashMap<>();
    private long counterpartyMoves;
    private long events;

    /**
     * Applies one event of the log.
     *
     * @return the moves it made, empty when it moved nothing
     */
    public synchronized List<TransactionRule.Move> apply(TransactionEvent tx) {
        events++;
        TransactionRule.State before = transactions.getOrDefault(tx.transactionId(), TransactionRule.State.NEW);
        TransactionRule.Outcome outcome = TransactionRule.apply(tx, before);
        transactions.put(tx.transactionId(), outcome.next());
        for (TransactionRule.Move move : outcome.moves()) {
            balances.merge(move.accountId(), move.delta(), BigDecimal::add);
            moves.merge(move.accountId(), 1L, Long::sum);
            if (!move.accountId().equals(tx.accountId())) {
                counterpartyMoves++;
            }
        }
        return outcome.moves();
    }

    /** The balance of one account, zero when nothing moved it. */
    public synchronized BigDecimal balance(String account) {
        return balances.getOrDefault(account, BigDecimal.ZERO);
    }

    /** A sorted copy of every balance. */
    public synchronized Map<String, BigDecimal> snapshot() {
        return new TreeMap<>(balances);
    }

    /** Moves applied per account (what {@code transactionsApplied} of a balance event counts), sorted. */
    public synchronized Map<String, Long> moveCounts() {
        return new TreeMap<>(moves);
    }

    /**
     * Moves made on a transfer's counterparty (credits of completed transfers, debits of their
     * reversals): the accounting service carries each as a transfer leg record.
     */
    public synchronized long counterpartyMoves() {
        return counterpartyMoves;
    }

    /** Transaction events applied, whether they moved money or not. */
    public synchronized long events() {
        return events;
    }

    /**
     * Accounts whose balances differ between two snapshots (compared by value: 10.0 equals 10.00),
     * formatted {@code account: a != b}.
     */
    public static List<String> differences(Map<String, BigDecimal> a, Map<String, BigDecimal> b) {
        List<String> diffs = new ArrayList<>();
        Set<String> accounts = new TreeSet<>(a.keySet());
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
