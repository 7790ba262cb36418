package io.finflow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;

import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.event.TransactionEvent.Status;
import org.junit.jupiter.api.Test;

class LedgerTest {

    @Test
    void aTransactionsLifecycleMovesMoneyOnceAndItsReversalUndoesIt() {
        Ledger ledger = new Ledger();
        TransactionEvent pending = TransactionEvent.debit("acc-1", "10.00", "EUR").withStatus(Status.PENDING);
        TransactionEvent completed = pending.withStatus(Status.COMPLETED, Instant.now());
        ledger.apply(TransactionEvent.credit("acc-1", "100.00", "EUR"));
        ledger.apply(pending);
        assertThat(ledger.balance("acc-1")).isEqualByComparingTo("100.00");
        ledger.apply(completed);
        ledger.apply(completed); // redelivered: same event again
        assertThat(ledger.balance("acc-1")).isEqualByComparingTo("90.00");
        ledger.apply(completed.withStatus(Status.REVERSED, Instant.now()));
        assertThat(ledger.balance("acc-1")).isEqualByComparingTo("100.00");
        assertThat(ledger.moveCounts()).containsEntry("acc-1", 3L);
        assertThat(ledger.events()).isEqualTo(5);
    }

    @Test
    void aFailedTransactionMovesNothing() {
        Ledger ledger = new Ledger();
        TransactionEvent pending = TransactionEvent.credit("acc-1", "10.00", "EUR").withStatus(Status.PENDING);
        ledger.apply(pending);
        ledger.apply(pending.withStatus(Status.FAILED, Instant.now()));
        assertThat(ledger.balance("acc-1")).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(ledger.moveCounts()).isEmpty();
    }

    @Test
    void aReversedTransferGivesBothAccountsTheirMoneyBack() {
        Ledger ledger = new Ledger();
        TransactionEvent transfer = TransactionEvent.transfer("acc-1", "acc-2", "30.00", "EUR");
        ledger.apply(TransactionEvent.credit("acc-1", "50.00", "EUR"));
        ledger.apply(transfer);
        assertThat(ledger.balance("acc-1")).isEqualByComparingTo("20.00");
        assertThat(ledger.balance("acc-2")).isEqualByComparingTo("30.00");
        ledger.apply(transfer.withStatus(Status.REVERSED, Instant.now()));
        assertThat(ledger.balance("acc-1")).isEqualByComparingTo("50.00");
        assertThat(ledger.balance("acc-2")).isEqualByComparingTo("0.00");
        assertThat(ledger.counterpartyMoves()).as("credit leg and its reversal").isEqualTo(2);
    }

    @Test
    void differencesCompareByValue() {
        assertThat(Ledger.differences(java.util.Map.of("a", new BigDecimal("10.0")),
                java.util.Map.of("a", new BigDecimal("10.00")))).isEmpty();
        assertThat(Ledger.differences(java.util.Map.of("a", BigDecimal.ONE), java.util.Map.of()))
                .containsExactly("a: 1 != 0");
    }
}
