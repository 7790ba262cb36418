package io.finflow.kafka.event;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * The balance of an account after a transaction was applied (schema {@code balance}, topic
 * {@code account-balances}, compacted, key {@code accountId}). Derived data: balances can always be
 * rebuilt from {@code transaction-events}.
 *
 * @param eventId                unique id, also {@code ce_id}
 * @param accountId              the account, the record key
 * @param balance                exact balance, negative when overdrawn; serialized as a JSON string
 * @param currency               ISO 4217 currency of the account
 * @param transactionsApplied    transactions of this account included in the balance
 * @param lastTransactionEventId event id of the last transaction applied
 * @param occurredAt             when the balance was computed
 */
public record BalanceEvent(
        String eventId,
        String accountId,
        @JsonSerialize(using = MoneyAmountSerializer.class) BigDecimal balance,
        String currency,
        long transactionsApplied,
        String lastTransactionEventId,
        Instant occurredAt) implements FinFlowEvent {

    private static final String EVENT = "balance";

    public BalanceEvent {
        EventFields.required(eventId, EVENT, "eventId");
        EventFields.required(accountId, EVENT, "accountId");
        EventFields.required(balance, EVENT, "balance");
        EventFields.required(currency, EVENT, "currency");
        EventFields.required(lastTransactionEventId, EVENT, "lastTransactionEventId");
        EventFields.required(occurredAt, EVENT, "occurredAt");
    }

    /** A balance computed now, with a new event id. */
    public static BalanceEvent of(String accountId, BigDecimal balance, String currency, long transactionsApplied,
                                  String lastTransactionEventId) {
        return new BalanceEvent(EventFields.newId(), accountId, balance, currency, transactionsApplied,
                lastTransactionEventId, EventFields.now());
    }
}
