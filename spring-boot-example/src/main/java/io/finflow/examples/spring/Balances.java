package io.finflow.examples.spring;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.finflow.kafka.event.TransactionEvent;
import org.springframework.stereotype.Component;

/**
 * Balances per account and currency, kept in memory from completed transactions; each event applied once (its
 * {@code eventId} remembered, so a redelivery after a crash changes nothing). Thread-safe: transactions of one
 * account arrive one at a time (the listener's key ordering), different accounts in parallel.
 */
@Component
public class Balances {

    private final Map<String, BigDecimal> balances = new ConcurrentHashMap<>();
    private final Set<String> applied = ConcurrentHashMap.newKeySet();

    /** Applies a transaction unless its event was applied before; only completed ones move money. */
    public void apply(TransactionEvent tx) {
        if (tx.status() != TransactionEvent.Status.COMPLETED || !applied.add(tx.eventId())) {
            return;
        }
        switch (tx.type()) {
            case CREDIT, REFUND -> add(tx.accountId(), tx.currency(), tx.amount());
            case DEBIT, FEE -> add(tx.accountId(), tx.currency(), tx.amount().negate());
            case TRANSFER -> {
                add(tx.accountId(), tx.currency(), tx.amount().negate());
                add(tx.counterpartyAccountId(), tx.currency(), tx.amount());
            }
        }
    }

    private void add(String account, String currency, BigDecimal amount) {
        balances.merge(account + "/" + currency, amount, BigDecimal::add);
    }

    /** The balances of one account by currency, e.g. {@code {EUR=150.25}}; empty when it never moved. */
    public Map<String, BigDecimal> of(String account) {
        Map<String, BigDecimal> result = new TreeMap<>();
        balances.forEach((key, amount) -> {
            if (key.startsWith(account + "/")) {
                result.put(key.substring(account.length() + 1), amount);
            }
        });
        return result;
    }

    /** How many distinct transaction events were applied. */
    public int appliedEvents() {
        return applied.size();
    }
}
