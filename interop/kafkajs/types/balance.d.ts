// Generated from schemas/balance/v1.json by interop/kafkajs/generate-types.js: do not edit.
// Regenerate with: (cd interop/kafkajs && npm run generate)

/**
 * The balance of one account after a transaction was applied, published by the accounting service on the compacted topic account-balances with the record key accountId: the topic keeps the latest balance of every account. It is derived data: transaction-events stays the source of truth and balances can always be rebuilt from it. additionalProperties is false, as for every financial event: a misspelled field must fail loudly rather than be ignored.
 */
export interface BalanceEventV1 {
  /**
   * Unique id of this balance event (UUID), also the CloudEvents ce_id header.
   */
  eventId: string;
  /**
   * The account; the record key, so the compacted topic keeps one balance per account.
   */
  accountId: string;
  /**
   * Exact balance in major units of currency as a JSON string, negative when overdrawn ("-12.30"). Plain notation only: no exponent, no leading zeros.
   */
  balance: string;
  /**
   * ISO 4217 code of the account's currency, e.g. EUR.
   */
  currency: string;
  /**
   * How many transactions of this account the balance includes.
   */
  transactionsApplied: number;
  /**
   * eventId of the last transaction applied (the ce_id of a transaction-events record).
   */
  lastTransactionEventId: string;
  /**
   * When the balance was computed: an RFC 3339 date-time with an uppercase 'T' and an explicit offset, normally UTC, e.g. "2025-03-14T09:26:53.589Z" (like every FinFlow time; the space and lowercase forms RFC 3339 tolerates are refused, since Java readers cannot parse them).
   */
  occurredAt: string;
}

/** The newest version of the balance event: what a producer writes today. */
export type BalanceEvent = BalanceEventV1;
