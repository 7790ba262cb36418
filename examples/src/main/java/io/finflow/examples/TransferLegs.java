package io.finflow.examples;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import io.finflow.kafka.event.TransactionEvent;

/**
 * The counterparty side of a transfer. A transfer is keyed by the account it debits, so the member
 * owning that account's partition may not own the counterparty's. The accounting service therefore
 * applies the counterparty's move where that account is owned: it writes a <em>transfer leg</em>, a
 * {@code credit} (completed transfer) or {@code debit} (its reversal) of the counterparty, to
 * {@code transaction-events} keyed by the counterparty, in the same Kafka transaction as the debit
 * side. A leg carries the header {@value #LEG_OF_HEADER} with the event id of the transfer event it
 * belongs to; its own event id is derived from that one, so a leg written twice is one leg.
 *
 * <p>Legs are derived records: the balances rebuilt from the log ({@link BalanceRebuilder}) apply a
 * transfer's two moves from the transfer event itself and skip every leg, and so must any other
 * reader that sums money from {@code transaction-events}.
 */
public final class TransferLegs {

    /** Header naming the event id of the transfer event a leg belongs to. */
    public static final String LEG_OF_HEADER = "finflow-leg-of";

    private TransferLegs() {
    }

    /** The leg carrying {@code move} (the counterparty's move) of transfer event {@code transfer}. */
    public static TransactionEvent leg(TransactionEvent transfer, TransactionRule.Move move) {
        boolean credit = move.delta().signum() > 0;
        String description = (credit ? "Transfer from " : "Reversed transfer to ") + transfer.accountId()
                + " (transaction " + transfer.transactionId() + ")";
        return new TransactionEvent(legEventId(transfer.eventId()), transfer.transactionId(), move.accountId(),
                credit ? TransactionEvent.Type.CREDIT : TransactionEvent.Type.DEBIT, move.delta().abs(),
                transfer.currency(), TransactionEvent.Status.COMPLETED, transfer.accountId(),
                description.length() > 500 ? description.substring(0, 500) : description, null, null,
                transfer.occurredAt());
    }

    /** The headers a leg is sent with. */
    public static Map<String, String> headers(TransactionEvent transfer) {
        return Map.of(LEG_OF_HEADER, transfer.eventId());
    }

    /** The move a leg makes on its account. */
    public static TransactionRule.Move move(TransactionEvent leg) {
        BigDecimal delta = leg.type() == TransactionEvent.Type.CREDIT ? leg.amount() : leg.amount().negate();
        return new TransactionRule.Move(leg.accountId(), delta);
    }

    /** The event id of the leg of transfer event {@code transferEventId}: the same for every attempt. */
    public static String legEventId(String transferEventId) {
        return UUID.nameUUIDFromBytes((transferEventId + "/leg").getBytes(StandardCharsets.UTF_8)).toString();
    }
}
