package io.finflow.examples;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.finflow.kafka.event.BalanceEvent;
import io.finflow.kafka.event.TransactionEvent;

/**
 * What one accounting instance holds for one partition of {@code transaction-events} it owns: the
 * balances of the accounts keyed to that partition and the {@link DuplicateFilter} of its recent
 * transactions.
 *
 * <p>A record is handled in two steps: {@link #plan} computes its effect without changing anything,
 * the service sends the outputs, then {@link #apply} makes the effect. Until a later record of the
 * same key arrives, the applied effect stays undoable: when the same record comes again (its
 * transaction did not commit, so the consumer retries it), {@link #settle} first undoes the earlier
 * attempt.
 *
 * <p>A record changes only what belongs to its key (the account {@code accountId}): that account's
 * balance and the duplicate filter entry of its transaction (all events of a transaction share the
 * account) or of the leg. So records of one key must be handled one at a time in offset order, while
 * records of different keys may be handled in parallel. Thread-safe on those terms.
 */
final class PartitionLedger {

    /** Balance of an account as this instance knows it. */
    record Account(BigDecimal balance, String currency, long moves) {
    }

    /** A balance change of one account: before (null when unknown before) and after. */
    record Change(String accountId, Account before, Account after, BigDecimal delta) {
    }

    /**
     * The effect of one record.
     *
     * @param filterKey      the duplicate filter entry the record updates
     * @param stateBefore    that entry before the record
     * @param stateAfter     that entry after it
     * @param changes        balance changes of accounts of this partition
     * @param legs           transfer legs to write for counterparties (keyed to their own partitions)
     * @param sourceEventId  the transaction event the moves come from (for a leg: its transfer event)
     * @param notifications  notifications sent for the record
     */
    record Plan(String filterKey, TransactionRule.State stateBefore, TransactionRule.State stateAfter,
                List<Change> changes, List<TransactionEvent> legs, String sourceEventId, int notifications) {

        /** The same plan without any balance change (fault injection). */
        Plan withoutChanges() {
            return new Plan(filterKey, stateBefore, stateAfter, List.of(), legs, sourceEventId, notifications);
        }

        /** The same plan, recording how many notifications were sent for it. */
        Plan withNotifications(int count) {
            return new Plan(filterKey, stateBefore, stateAfter, changes, legs, sourceEventId, count);
        }
    }

    private record Applied(long offset, Plan plan) {
    }

    private final int partition;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final DuplicateFilter filter;
    private final Map<String, Applied> undoable = new ConcurrentHashMap<>();

    PartitionLedger(int partition, int filterCapacity) {
        this.partition = partition;
        this.filter = new DuplicateFilter(filterCapacity);
    }

    int partition() {
        return partition;
    }

    /** Restores an account from its latest published balance. */
    void restore(BalanceEvent balance) {
        accounts.put(balance.accountId(),
                new Account(balance.balance(), balance.currency(), balance.transactionsApplied()));
    }

    /** Replays an already handled record into the duplicate filter only (restore after a restart). */
    void remember(TransactionEvent tx, String legOf) {
        if (legOf != null) {
            remember(legKey(tx), TransactionRule.State.MOVED);
        } else {
            String key = transactionKey(tx);
            remember(key, TransactionRule.apply(tx, state(key)).next());
        }
    }

    /**
     * Called before handling the record of {@code key} at {@code offset}: undoes the effect of an
     * earlier attempt of it, and forgets the undo information of the key's earlier record, which
     * committed (the consumer hands a key's next record over only after the previous one committed).
     *
     * @return the plan undone, or null
     */
    Plan settle(String key, long offset) {
        Applied last = undoable.remove(key);
        if (last != null && offset <= last.offset()) {
            undo(last.plan());
            return last.plan();
        }
        return null;
    }

    /** The effect of a record, computed without changing anything. {@code legOf} is null unless it is a leg. */
    Plan plan(TransactionEvent tx, String legOf) {
        if (legOf != null) {
            String key = legKey(tx);
            TransactionRule.State before = state(key);
            List<Change> changes = before == TransactionRule.State.MOVED
                    ? List.of() : List.of(change(TransferLegs.move(tx), tx.currency()));
            return new Plan(key, before, TransactionRule.State.MOVED, changes, List.of(), legOf, 0);
        }
        String key = transactionKey(tx);
        TransactionRule.State before = state(key);
        TransactionRule.Outcome outcome = TransactionRule.apply(tx, before);
        List<Change> changes = new ArrayList<>();
        List<TransactionEvent> legs = new ArrayList<>();
        for (TransactionRule.Move move : outcome.moves()) {
            if (move.accountId().equals(tx.accountId())) {
                changes.add(change(move, tx.currency()));
            } else {
                legs.add(TransferLegs.leg(tx, move));
            }
        }
        return new Plan(key, before, outcome.next(), changes, legs, tx.eventId(), 0);
    }

    /** Makes the effect of a planned record of {@code key} at {@code offset}; undoable until the key's next record. */
    void apply(String key, Plan plan, long offset) {
        remember(plan.filterKey(), plan.stateAfter());
        for (Change c : plan.changes()) {
            accounts.put(c.accountId(), c.after());
        }
        undoable.put(key, new Applied(offset, plan));
    }

    private void undo(Plan plan) {
        synchronized (filter) {
            filter.restore(plan.filterKey(), plan.stateBefore());
        }
        for (Change c : plan.changes()) {
            if (c.before() == null) {
                accounts.remove(c.accountId());
            } else {
                accounts.put(c.accountId(), c.before());
            }
        }
    }

    private Change change(TransactionRule.Move move, String currency) {
        Account before = accounts.get(move.accountId());
        Account after = before == null
                ? new Account(move.delta(), currency, 1)
                : new Account(before.balance().add(move.delta()), before.currency(), before.moves() + 1);
        return new Change(move.accountId(), before, after, move.delta());
    }

    /** Balances of this partition's accounts. */
    Map<String, BigDecimal> balances() {
        Map<String, BigDecimal> out = new java.util.HashMap<>();
        accounts.forEach((id, a) -> out.put(id, a.balance()));
        return out;
    }

    /** Transactions and legs the duplicate filter remembers now. */
    int remembered() {
        synchronized (filter) {
            return filter.size();
        }
    }

    private TransactionRule.State state(String filterKey) {
        synchronized (filter) {
            return filter.state(filterKey);
        }
    }

    private void remember(String filterKey, TransactionRule.State state) {
        synchronized (filter) {
            filter.remember(filterKey, state);
        }
    }

    private static String transactionKey(TransactionEvent tx) {
        return "tx:" + tx.transactionId();
    }

    private static String legKey(TransactionEvent leg) {
        return "leg:" + leg.eventId();
    }
}
