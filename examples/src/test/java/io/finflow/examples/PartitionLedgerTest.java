package io.finflow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;

import io.finflow.kafka.event.BalanceEvent;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.event.TransactionEvent.Status;
import org.junit.jupiter.api.Test;

class PartitionLedgerTest {

    private static void handle(PartitionLedger ledger, TransactionEvent tx, String legOf, long offset) {
        ledger.settle(tx.accountId(), offset);
        ledger.apply(tx.accountId(), ledger.plan(tx, legOf), offset);
    }

    @Test
    void planningChangesNothingAndApplyingChangesTheBalance() {
        PartitionLedger ledger = new PartitionLedger(0, 100);
        TransactionEvent credit = TransactionEvent.credit("acc-1", "10.00", "EUR");
        PartitionLedger.Plan plan = ledger.plan(credit, null);
        assertThat(ledger.balances()).isEmpty();
        ledger.apply("acc-1", plan, 0);
        assertThat(ledger.balances()).containsEntry("acc-1", new BigDecimal("10.00"));
        assertThat(plan.changes()).singleElement().satisfies(c -> assertThat(c.after().moves()).isEqualTo(1));
    }

    @Test
    void theSameRecordHandledAgainIsUndoneFirstSoItCountsOnce() {
        PartitionLedger ledger = new PartitionLedger(0, 100);
        handle(ledger, TransactionEvent.credit("acc-1", "100.00", "EUR"), null, 0);
        TransactionEvent debit = TransactionEvent.debit("acc-1", "30.00", "EUR");
        handle(ledger, debit, null, 1);
        // The transaction of offset 1 did not commit: the consumer hands the record over again.
        PartitionLedger.Plan undone = ledger.settle("acc-1", 1);
        assertThat(undone).isNotNull();
        assertThat(ledger.balances()).containsEntry("acc-1", new BigDecimal("100.00"));
        ledger.apply("acc-1", ledger.plan(debit, null), 1);
        assertThat(ledger.balances()).containsEntry("acc-1", new BigDecimal("70.00"));
    }

    @Test
    void aLaterRecordOfTheKeyConfirmsTheEarlierOne() {
        PartitionLedger ledger = new PartitionLedger(0, 100);
        handle(ledger, TransactionEvent.credit("acc-1", "100.00", "EUR"), null, 0);
        assertThat(ledger.settle("acc-1", 5)).isNull();
        assertThat(ledger.balances()).containsEntry("acc-1", new BigDecimal("100.00"));
    }

    @Test
    void aRepublishedCompletedEventMovesMoneyOnce() {
        PartitionLedger ledger = new PartitionLedger(0, 100);
        TransactionEvent debit = TransactionEvent.debit("acc-1", "30.00", "EUR");
        handle(ledger, debit, null, 0);
        handle(ledger, debit, null, 1);
        handle(ledger, debit.withStatus(Status.COMPLETED, Instant.now()), null, 2);
        assertThat(ledger.balances()).containsEntry("acc-1", new BigDecimal("-30.00"));
    }

    @Test
    void aTransferDebitsHereAndWritesACreditLegForTheCounterpartyWithAStableId() {
        PartitionLedger ledger = new PartitionLedger(0, 100);
        TransactionEvent transfer = TransactionEvent.transfer("acc-1", "acc-2", "12.00", "EUR");
        PartitionLedger.Plan plan = ledger.plan(transfer, null);
        assertThat(plan.changes()).singleElement().satisfies(c -> {
            assertThat(c.accountId()).isEqualTo("acc-1");
            assertThat(c.delta()).isEqualByComparingTo("-12.00");
        });
        assertThat(plan.legs()).singleElement().satisfies(leg -> {
            assertThat(leg.accountId()).isEqualTo("acc-2");
            assertThat(leg.type()).isEqualTo(TransactionEvent.Type.CREDIT);
            assertThat(leg.amount()).isEqualByComparingTo("12.00");
            assertThat(leg.transactionId()).isEqualTo(transfer.transactionId());
            assertThat(leg.eventId()).isEqualTo(TransferLegs.legEventId(transfer.eventId()));
        });
        assertThat(ledger.plan(transfer, null).legs().get(0).eventId()).as("every attempt writes the same leg")
                .isEqualTo(plan.legs().get(0).eventId());
    }

    @Test
    void aLegIsAppliedOnceAndItsReversalLegTakesTheMoneyBack() {
        PartitionLedger ledger = new PartitionLedger(0, 100);
        TransactionEvent transfer = TransactionEvent.transfer("acc-1", "acc-2", "12.00", "EUR");
        TransactionEvent credit = TransferLegs.leg(transfer, new TransactionRule.Move("acc-2", new BigDecimal("12.00")));
        handle(ledger, credit, transfer.eventId(), 0);
        handle(ledger, credit, transfer.eventId(), 1);
        assertThat(ledger.balances()).containsEntry("acc-2", new BigDecimal("12.00"));
        TransactionEvent reversal = transfer.withStatus(Status.REVERSED, Instant.now());
        TransactionEvent debit = TransferLegs.leg(reversal, new TransactionRule.Move("acc-2", new BigDecimal("-12.00")));
        assertThat(debit.type()).isEqualTo(TransactionEvent.Type.DEBIT);
        handle(ledger, debit, reversal.eventId(), 2);
        assertThat(ledger.balances().get("acc-2")).isEqualByComparingTo("0.00");
    }

    @Test
    void restoredBalancesAndReplayedRecordsCarryOn() {
        PartitionLedger ledger = new PartitionLedger(0, 100);
        TransactionEvent debit = TransactionEvent.debit("acc-1", "30.00", "EUR");
        ledger.restore(BalanceEvent.of("acc-1", new BigDecimal("70.00"), "EUR", 2, debit.eventId()));
        ledger.remember(debit, null);
        handle(ledger, debit, null, 10); // republished after the restart: already counted
        assertThat(ledger.balances()).containsEntry("acc-1", new BigDecimal("70.00"));
        handle(ledger, TransactionEvent.credit("acc-1", "5.00", "EUR"), null, 11);
        assertThat(ledger.balances()).containsEntry("acc-1", new BigDecimal("75.00"));
    }

    @Test
    void theDuplicateFilterOfAPartitionStaysWithinItsCapacity() {
        PartitionLedger ledger = new PartitionLedger(0, 50);
        for (int i = 0; i < 500; i++) {
            handle(ledger, TransactionEvent.credit("acc-" + (i % 7), "1.00", "EUR"), null, i);
        }
        assertThat(ledger.remembered()).isEqualTo(50);
    }
}
