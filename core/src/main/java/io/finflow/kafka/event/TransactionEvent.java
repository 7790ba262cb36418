package io.finflow.kafka.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * A movement of money on one account, published on {@code transaction-events} (key {@code accountId}); follows
 * {@code schemas/transaction/v2.json}. The transaction log is immutable: balances are rebuilt from it.
 *
 * <pre>{@code
 * TransactionEvent debit = TransactionEvent.debit("acc-42", new BigDecimal("100.50"), "EUR")
 *         .withDescription("Card payment");
 * TransactionEvent transfer = TransactionEvent.transfer("acc-42", "acc-7", "250.00", "EUR");
 * }</pre>
 *
 * <p>The amount is exact: a {@link BigDecimal} written as the JSON string {@code "100.50"}, scale kept, never
 * converted through a {@code double}. It is always positive; the direction comes from {@link #type()}.
 *
 * @param eventId               unique event id (UUID), the CloudEvents {@code ce_id} and idempotency key
 * @param transactionId         id of the business transaction; several events (pending, then completed) share it
 * @param accountId             the account whose balance moves; for a transfer, the account debited
 * @param type                  what kind of movement
 * @param amount                positive amount in major units of {@code currency}, at most the currency's minor
 *                              unit digits (EUR 2, JPY 0, BHD 3)
 * @param currency              ISO 4217 code, e.g. {@code "EUR"}
 * @param status                lifecycle state of the transaction
 * @param counterpartyAccountId the other account; required for {@link Type#TRANSFER} (the account credited)
 * @param description           optional free text shown to the customer, at most 500 characters
 * @param merchant              optional merchant of a card payment (since v2)
 * @param reference             optional external payment reference, e.g. a SEPA end-to-end id (since v2)
 * @param occurredAt            when the movement happened
 */
public record TransactionEvent(
        String eventId,
        String transactionId,
        String accountId,
        Type type,
        @JsonSerialize(using = MoneyAmountSerializer.class) BigDecimal amount,
        String currency,
        Status status,
        String counterpartyAccountId,
        String description,
        Merchant merchant,
        String reference,
        Instant occurredAt) implements FinFlowEvent {

    private static final String EVENT = "transaction";

    /** Checks that the fields every transaction event needs are present; the schema checks the rest. */
    public TransactionEvent {
        EventFields.required(eventId, EVENT, "eventId");
        EventFields.required(transactionId, EVENT, "transactionId");
        EventFields.required(accountId, EVENT, "accountId");
        EventFields.required(type, EVENT, "type");
        EventFields.required(amount, EVENT, "amount");
        EventFields.required(currency, EVENT, "currency");
        EventFields.required(status, EVENT, "status");
        EventFields.required(occurredAt, EVENT, "occurredAt");
    }

    /** Kind of money movement, written lowercase ({@code "debit"}). */
    public enum Type {
        /** Money leaves the account. */
        DEBIT,
        /** Money arrives on the account. */
        CREDIT,
        /** Money moves from {@code accountId} to {@code counterpartyAccountId}. */
        TRANSFER,
        /** Money comes back to the account for an earlier debit. */
        REFUND,
        /** A charge by FinFlow itself. */
        FEE;

        /**
         * The name on the wire.
         *
         * @return the lowercase name, e.g. {@code "debit"}
         */
        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Lifecycle state of a transaction, written lowercase ({@code "completed"}). */
    public enum Status {
        /** Accepted, not yet settled. */
        PENDING,
        /** Settled: counts towards the balance. */
        COMPLETED,
        /** Refused or errored: never counted. */
        FAILED,
        /** A completed transaction that was undone. */
        REVERSED;

        /**
         * The name on the wire.
         *
         * @return the lowercase name, e.g. {@code "completed"}
         */
        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The merchant of a card payment (schema v2).
     *
     * @param merchantId   the acquirer's merchant id, optional
     * @param name         the merchant name as shown on a statement
     * @param categoryCode ISO 18245 merchant category code (4 digits), optional
     * @param country      ISO 3166-1 alpha-2 country of the merchant, optional
     */
    public record Merchant(String merchantId, String name, String categoryCode, String country) {

        /** Checks that the merchant has a name. */
        public Merchant {
            EventFields.required(name, EVENT, "merchant.name");
        }

        /**
         * A merchant known by its name only.
         *
         * @param name the merchant name as shown on a statement
         * @return the merchant
         */
        public static Merchant named(String name) {
            return new Merchant(null, name, null, null);
        }
    }

    /**
     * A completed debit with a generated event id, transaction id and time.
     *
     * @param accountId the account debited
     * @param amount    positive amount, e.g. {@code new BigDecimal("100.50")}
     * @param currency  ISO 4217 code
     * @return the event
     * @throws IllegalArgumentException when the amount is not positive
     */
    public static TransactionEvent debit(String accountId, BigDecimal amount, String currency) {
        return of(Type.DEBIT, accountId, amount, currency);
    }

    /**
     * A completed debit; the amount is given as an exact decimal string such as {@code "100.50"}.
     *
     * @param accountId the account debited
     * @param amount    positive decimal string
     * @param currency  ISO 4217 code
     * @return the event
     * @throws IllegalArgumentException when the amount is not a positive decimal
     */
    public static TransactionEvent debit(String accountId, String amount, String currency) {
        return debit(accountId, parseAmount(amount), currency);
    }

    /**
     * A completed credit with a generated event id, transaction id and time.
     *
     * @param accountId the account credited
     * @param amount    positive amount
     * @param currency  ISO 4217 code
     * @return the event
     * @throws IllegalArgumentException when the amount is not positive
     */
    public static TransactionEvent credit(String accountId, BigDecimal amount, String currency) {
        return of(Type.CREDIT, accountId, amount, currency);
    }

    /**
     * A completed credit; the amount is given as an exact decimal string such as {@code "100.50"}.
     *
     * @param accountId the account credited
     * @param amount    positive decimal string
     * @param currency  ISO 4217 code
     * @return the event
     * @throws IllegalArgumentException when the amount is not a positive decimal
     */
    public static TransactionEvent credit(String accountId, String amount, String currency) {
        return credit(accountId, parseAmount(amount), currency);
    }

    /**
     * A completed transfer from {@code fromAccountId} (the key) to {@code toAccountId}.
     *
     * @param fromAccountId the account debited, also the record key
     * @param toAccountId   the account credited
     * @param amount        positive amount
     * @param currency      ISO 4217 code
     * @return the event
     * @throws IllegalArgumentException when the amount is not positive or both accounts are the same
     */
    public static TransactionEvent transfer(String fromAccountId, String toAccountId, BigDecimal amount,
            String currency) {
        EventFields.required(toAccountId, EVENT, "counterpartyAccountId");
        if (toAccountId.equals(fromAccountId)) {
            throw new IllegalArgumentException("a transfer needs two different accounts, was '" + fromAccountId
                    + "' to itself");
        }
        return of(Type.TRANSFER, fromAccountId, amount, currency).withCounterpartyAccountId(toAccountId);
    }

    /**
     * A completed transfer; the amount is given as an exact decimal string such as {@code "100.50"}.
     *
     * @param fromAccountId the account debited, also the record key
     * @param toAccountId   the account credited
     * @param amount        positive decimal string
     * @param currency      ISO 4217 code
     * @return the event
     * @throws IllegalArgumentException when the amount is not a positive decimal or both accounts are the same
     */
    public static TransactionEvent transfer(String fromAccountId, String toAccountId, String amount,
            String currency) {
        return transfer(fromAccountId, toAccountId, parseAmount(amount), currency);
    }

    /**
     * A completed transaction of any type (for a transfer add {@link #withCounterpartyAccountId(String)}).
     *
     * @param type      kind of movement
     * @param accountId the account whose balance moves
     * @param amount    positive amount
     * @param currency  ISO 4217 code
     * @return the event, with generated event id, transaction id and time
     * @throws IllegalArgumentException when the amount is not positive
     */
    public static TransactionEvent of(Type type, String accountId, BigDecimal amount, String currency) {
        EventFields.required(amount, EVENT, "amount");
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("transaction amount must be greater than 0, was "
                    + amount.toPlainString() + " (the type gives the direction)");
        }
        return new TransactionEvent(EventFields.newId(), EventFields.newId(), accountId, type, amount, currency,
                Status.COMPLETED, null, null, null, null, EventFields.now());
    }

    /**
     * Returns a copy with another status, e.g. the {@code completed} event that follows a {@code pending} one.
     * The copy gets a new event id (it is a new event) and keeps the transaction id.
     *
     * @param newStatus the status of the new event
     * @param at        when the status changed
     * @return the new event
     */
    public TransactionEvent withStatus(Status newStatus, Instant at) {
        return new TransactionEvent(EventFields.newId(), transactionId, accountId, type, amount, currency, newStatus,
                counterpartyAccountId, description, merchant, reference, at);
    }

    /**
     * Returns a copy with this status, same event id: use it while building an event, before it is sent.
     *
     * @param newStatus the status
     * @return the copy
     */
    public TransactionEvent withStatus(Status newStatus) {
        return new TransactionEvent(eventId, transactionId, accountId, type, amount, currency, newStatus,
                counterpartyAccountId, description, merchant, reference, occurredAt);
    }

    /**
     * Returns a copy with this counterparty account.
     *
     * @param counterparty the other account
     * @return the copy
     */
    public TransactionEvent withCounterpartyAccountId(String counterparty) {
        return new TransactionEvent(eventId, transactionId, accountId, type, amount, currency, status, counterparty,
                description, merchant, reference, occurredAt);
    }

    /**
     * Returns a copy with this description.
     *
     * @param text free text, at most 500 characters
     * @return the copy
     */
    public TransactionEvent withDescription(String text) {
        return new TransactionEvent(eventId, transactionId, accountId, type, amount, currency, status,
                counterpartyAccountId, text, merchant, reference, occurredAt);
    }

    /**
     * Returns a copy with this merchant.
     *
     * @param newMerchant the merchant of a card payment
     * @return the copy
     */
    public TransactionEvent withMerchant(Merchant newMerchant) {
        return new TransactionEvent(eventId, transactionId, accountId, type, amount, currency, status,
                counterpartyAccountId, description, newMerchant, reference, occurredAt);
    }

    /**
     * Returns a copy with this external reference.
     *
     * @param newReference e.g. a SEPA end-to-end id, at most 140 characters
     * @return the copy
     */
    public TransactionEvent withReference(String newReference) {
        return new TransactionEvent(eventId, transactionId, accountId, type, amount, currency, status,
                counterpartyAccountId, description, merchant, newReference, occurredAt);
    }

    /**
     * Returns a copy with this transaction id.
     *
     * @param newTransactionId the business transaction id
     * @return the copy
     */
    public TransactionEvent withTransactionId(String newTransactionId) {
        return new TransactionEvent(eventId, newTransactionId, accountId, type, amount, currency, status,
                counterpartyAccountId, description, merchant, reference, occurredAt);
    }

    /**
     * Returns a copy that happened at another time.
     *
     * @param at when the movement happened
     * @return the copy
     */
    public TransactionEvent withOccurredAt(Instant at) {
        return new TransactionEvent(eventId, transactionId, accountId, type, amount, currency, status,
                counterpartyAccountId, description, merchant, reference, at);
    }

    private static BigDecimal parseAmount(String amount) {
        EventFields.required(amount, EVENT, "amount");
        try {
            return new BigDecimal(amount);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("transaction amount must be a decimal such as \"100.50\", was '"
                    + amount + "'", e);
        }
    }
}
