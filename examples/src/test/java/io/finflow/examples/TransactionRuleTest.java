package io.finflow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;

import io.finflow.examples.TransactionRule.Move;
import io.finflow.examples.TransactionRule.State;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.event.TransactionEvent.Status;
import org.junit.jupiter.api.Test;

class TransactionRuleTest {

    private static final TransactionEvent DEBIT = TransactionEvent.debit("acc-1", "40.00", "EUR");
    private static final TransactionEvent TRANSFER = TransactionEvent.transfer("acc-1", "acc-2", "25.50", "EUR");

    private static TransactionEvent as(TransactionEvent tx, Status status) {
        return tx.withStatus(status, Instant.now());
    }

    @Test
    void aCompletedTransactionMovesMoneyTheFirstTimeOnly() {
        TransactionRule.Outcome first = TransactionRule.apply(DEBIT, State.NEW);
        assertThat(first.moves()).containsExactly(new Move("acc-1", new BigDecimal("-40.00")));
        assertThat(first.next()).isEqualTo(State.MOVED);

        TransactionRule.Outcome again = TransactionRule.apply(as(DEBIT, Status.COMPLETED), State.MOVED);
        assertThat(again.moves()).as("a second completed event of the transaction").isEmpty();
        assertThat(TransactionRule.apply(DEBIT, State.UNDONE).moves()).as("completed after its reversal").isEmpty();
    }

    @Test
    void pendingAndFailedMoveNothingAndThePendingTransactionStillCompletesOnce() {
        TransactionEvent pending = DEBIT.withStatus(Status.PENDING);
        TransactionRule.Outcome p = TransactionRule.apply(pending, State.NEW);
        assertThat(p.moves()).isEmpty();
        assertThat(p.next()).isEqualTo(State.PENDING);
        TransactionRule.Outcome failed = TransactionRule.apply(as(pending, Status.FAILED), State.PENDING);
        assertThat(failed.moves()).isEmpty();
        assertThat(failed.next()).isEqualTo(State.FAILED);
        assertThat(TransactionRule.apply(as(pending, Status.COMPLETED), State.PENDING).moves()).hasSize(1);
    }

    @Test
    void aReversalUndoesTheMoveOfItsCompletedTransactionOnce() {
        TransactionEvent reversed = as(DEBIT, Status.REVERSED);
        TransactionRule.Outcome undo = TransactionRule.apply(reversed, State.MOVED);
        assertThat(undo.moves()).containsExactly(new Move("acc-1", new BigDecimal("40.00")));
        assertThat(undo.next()).isEqualTo(State.UNDONE);
        assertThat(TransactionRule.apply(reversed, State.UNDONE).moves()).as("a second reversal").isEmpty();
    }

    @Test
    void aReversalOfATransactionThatNeverCompletedMovesNothing() {
        TransactionEvent reversed = as(DEBIT, Status.REVERSED);
        assertThat(TransactionRule.apply(reversed, State.NEW).moves()).isEmpty();
        assertThat(TransactionRule.apply(reversed, State.PENDING).moves()).isEmpty();
        assertThat(TransactionRule.apply(reversed, State.FAILED).moves()).isEmpty();
    }

    @Test
    void aReversalOfAForgottenTransactionIsTakenAsTheReversalOfACompletedOne() {
        assertThat(TransactionRule.apply(as(DEBIT, Status.REVERSED), State.UNKNOWN).moves())
                .containsExactly(new Move("acc-1", new BigDecimal("40.00")));
    }

    @Test
    void aCompletedTransferDebitsTheAccountAndCreditsTheCounterpartyAndItsReversalUndoesBoth() {
        assertThat(TransactionRule.apply(TRANSFER, State.NEW).moves()).containsExactly(
                new Move("acc-1", new BigDecimal("-25.50")), new Move("acc-2", new BigDecimal("25.50")));
        assertThat(TransactionRule.apply(as(TRANSFER, Status.REVERSED), State.MOVED).moves()).containsExactly(
                new Move("acc-1", new BigDecimal("25.50")), new Move("acc-2", new BigDecimal("-25.50")));
    }

    @Test
    void creditsAndRefundsAddDebitsAndFeesTakeAway() {
        assertThat(TransactionRule.apply(TransactionEvent.credit("acc-1", "1.00", "EUR"), State.NEW).moves())
                .containsExactly(new Move("acc-1", new BigDecimal("1.00")));
        assertThat(TransactionRule.apply(TransactionEvent.of(TransactionEvent.Type.REFUND, "acc-1",
                new BigDecimal("2.00"), "EUR"), State.NEW).moves()).containsExactly(new Move("acc-1", new BigDecimal("2.00")));
        assertThat(TransactionRule.apply(TransactionEvent.of(TransactionEvent.Type.FEE, "acc-1",
                new BigDecimal("3.00"), "EUR"), State.NEW).moves()).containsExactly(new Move("acc-1", new BigDecimal("-3.00")));
    }
}
