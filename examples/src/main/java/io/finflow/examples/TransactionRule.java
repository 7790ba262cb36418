package io.finflow.examples;

import java.math.BigDecimal;
import java.util.List;

import io.finflow.kafka.event.TransactionEvent;

/**
 * The one rule by which transaction events move money, applied by the live accounting service, the
 * rebuild from offset 0 ({@code finflow balances verify}) and the demo's independent computation:
 * <ul>
 *   <li>a {@code completed} event moves money the first time its transaction completes: credits and
 *       refunds add to {@code accountId}, debits and fees take from it, a transfer debits
 *       {@code accountId} and credits {@code counterpartyAccountId};</li>
 *   <li>a {@code reversed} event undoes the move of its completed transaction (same
 *       {@code transactionId}), once;</li>
 *   <li>{@code pending} and {@code failed} events move nothing, and neither does a second
 *       {@code completed} or {@code reversed} event of a transaction.</li>
 * </ul>
 * The rule needs the state of the event's transaction before the event ({@link State}). A reader with
 * the whole log knows it ({@link State#NEW} for a transaction never seen); a reader with a bounded
 * memory may have forgotten it ({@link State#UNKNOWN}): a reversal of a forgotten transaction is then
 * taken as the reversal of a completed one, because only completed transactions are reversed.
 * Pure functions, thread-safe.
 */
public final class TransactionRule {

    /** What is known of a transaction before its next event. */
    public enum State {
        /** Never seen: the reader has the whole log. */
        NEW,
        /** Not remembered: a bounded memory may have forgotten it. */
        UNKNOWN,
        /** Pending, nothing moved yet. */
        PENDING,
        /** Failed, nothing moved. */
        FAILED,
        /** Completed: its money moved. */
        MOVED,
        /** Reversed: its move, if any, was undone. */
        UNDONE
    }

    /** A change of one account's balance. */
    public record Move(String accountId, BigDecimal delta) {
    }

    /**
     * The outcome of one event: the moves it makes (empty when none) and the transaction's new state.
     *
     * @param moves the balance changes, the event's own account first
     * @param next  the state of the transaction after the event
     */
    public record Outcome(List<Move> moves, State next) {
    }

    private TransactionRule() {
    }

    /** Applies the rule to one event of a transaction whose state was {@code before}. */
    public static Outcome apply(TransactionEvent tx, State before) {
        return switch (tx.status()) {
            case PENDING -> new Outcome(List.of(), before == State.NEW || before == State.UNKNOWN ? State.PENDING : before);
            case FAILED -> new Outcome(List.of(), switch (before) {
                case NEW, UNKNOWN, PENDING -> State.FAILED;
                default -> before;
            });
            case COMPLETED -> before == State.MOVED || before == State.UNDONE
                    ? new Outcome(List.of(), before)
                    : new Outcome(moves(tx, false), State.MOVED);
            case REVERSED -> before == State.MOVED || before == State.UNKNOWN
                    ? new Outcome(moves(tx, true), State.UNDONE)
                    : new Outcome(List.of(), State.UNDONE);
        };
    }

    /** The moves of a completed transaction, or their opposites for its reversal. */
    static List<Move> moves(TransactionEvent tx, boolean undo) {
        BigDecimal amount = undo ? tx.amount().negate() : tx.amount();
        return switch (tx.type()) {
            case CREDIT, REFUND -> List.of(new Move(tx.accountId(), amount));
            case DEBIT, FEE -> List.of(new Move(tx.accountId(), amount.negate()));
            case TRANSFER -> List.of(new Move(tx.accountId(), amount.negate()),
                    new Move(tx.counterpartyAccountId(), amount));
        };
    }
}
