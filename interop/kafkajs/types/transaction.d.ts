// Generated from schemas/transaction/v1.json, schemas/transaction/v2.json by interop/kafkajs/generate-types.js: do not edit.
// Regenerate with: (cd interop/kafkajs && npm run generate)

/**
 * A movement of money on one FinFlow account, published on transaction-events with the record key accountId. The transaction log is immutable and kept forever: balances and reports are rebuilt from it. additionalProperties is false at every level: a misspelled or unexpected field in a financial event is a producer bug to refuse before it reaches a topic that is never cleaned, not data to store; new fields arrive through a new schema version.
 */
export interface TransactionEventV1 {
  /**
   * Unique id of this event (UUID), also the CloudEvents ce_id header. Consumers use it as the idempotency key to drop duplicates.
   */
  eventId: string;
  /**
   * Id of the business transaction. Several events share it as the transaction moves through its statuses (pending, then completed or failed).
   */
  transactionId: string;
  /**
   * The account whose balance moves; the record key, so all events of one account are kept in order. For a transfer, the account debited.
   */
  accountId: string;
  /**
   * Kind of movement, which also gives its direction for accountId: debit, transfer and fee take money out; credit and refund bring money in.
   */
  type: "debit" | "credit" | "transfer" | "refund" | "fee";
  /**
   * Exact positive amount in major units of currency ("100.50" is one hundred and fifty hundredths), as a JSON string so that no reader parses it through a binary floating point number. Plain notation only: digits with an optional '.' fraction, no sign (type gives the direction), no exponent, no leading zeros. The FinFlow library also refuses more decimals than the currency has minor units (EUR 2, JPY 0, BHD 3).
   */
  amount: string;
  /**
   * ISO 4217 currency code of amount, three uppercase letters. The FinFlow library also checks that the code exists (java.util.Currency).
   */
  currency: string;
  /**
   * Lifecycle state: pending (accepted, not settled), completed (settled, counts towards the balance), failed (never counted), reversed (a completed transaction undone).
   */
  status: "pending" | "completed" | "failed" | "reversed";
  /**
   * The other account of the movement. Required for a transfer, where it is the account credited; optional otherwise.
   */
  counterpartyAccountId?: string;
  /**
   * Free text shown to the customer, for example on a statement. At most 500 characters.
   */
  description?: string;
  /**
   * When the movement happened (not when it was published, which is ce_time): an RFC 3339 date-time with an uppercase 'T' and an explicit offset, normally UTC, e.g. "2025-03-14T09:26:53.589Z".
   */
  occurredAt: string;
}

/**
 * A movement of money on one FinFlow account, published on transaction-events with the record key accountId. The transaction log is immutable and kept forever: balances and reports are rebuilt from it. additionalProperties is false at every level: a misspelled or unexpected field in a financial event is a producer bug to refuse before it reaches a topic that is never cleaned, not data to store; new fields arrive through a new schema version. v2 adds two optional fields, merchant and reference; every v1 event is a valid v2 event (backward compatible).
 */
export interface TransactionEventV2 {
  /**
   * Unique id of this event (UUID), also the CloudEvents ce_id header. Consumers use it as the idempotency key to drop duplicates.
   */
  eventId: string;
  /**
   * Id of the business transaction. Several events share it as the transaction moves through its statuses (pending, then completed or failed).
   */
  transactionId: string;
  /**
   * The account whose balance moves; the record key, so all events of one account are kept in order. For a transfer, the account debited.
   */
  accountId: string;
  /**
   * Kind of movement, which also gives its direction for accountId: debit, transfer and fee take money out; credit and refund bring money in.
   */
  type: "debit" | "credit" | "transfer" | "refund" | "fee";
  /**
   * Exact positive amount in major units of currency ("100.50" is one hundred and fifty hundredths), as a JSON string so that no reader parses it through a binary floating point number. Plain notation only: digits with an optional '.' fraction, no sign (type gives the direction), no exponent, no leading zeros. The FinFlow library also refuses more decimals than the currency has minor units (EUR 2, JPY 0, BHD 3).
   */
  amount: string;
  /**
   * ISO 4217 currency code of amount, three uppercase letters. The FinFlow library also checks that the code exists (java.util.Currency).
   */
  currency: string;
  /**
   * Lifecycle state: pending (accepted, not settled), completed (settled, counts towards the balance), failed (never counted), reversed (a completed transaction undone).
   */
  status: "pending" | "completed" | "failed" | "reversed";
  /**
   * The other account of the movement. Required for a transfer, where it is the account credited; optional otherwise.
   */
  counterpartyAccountId?: string;
  /**
   * Free text shown to the customer, for example on a statement. At most 500 characters.
   */
  description?: string;
  /**
   * The merchant of a card payment, as the card network reports it. Optional; since v2. Closed (additionalProperties false) like the rest of the event.
   */
  merchant?: {
    /**
     * The acquirer's id of the merchant.
     */
    merchantId?: string;
    /**
     * The merchant name as shown on a statement.
     */
    name: string;
    /**
     * ISO 18245 merchant category code (MCC), four digits, e.g. "5411" for grocery stores.
     */
    categoryCode?: string;
    /**
     * ISO 3166-1 alpha-2 country of the merchant, e.g. "FR". The FinFlow library also checks that the code exists.
     */
    country?: string;
  };
  /**
   * External payment reference given by the payer or the payment scheme, e.g. a SEPA end-to-end id or remittance reference. Optional; since v2. At most 140 characters.
   */
  reference?: string;
  /**
   * When the movement happened (not when it was published, which is ce_time): an RFC 3339 date-time with an uppercase 'T' and an explicit offset, normally UTC, e.g. "2025-03-14T09:26:53.589Z".
   */
  occurredAt: string;
}

/** The newest version of the transaction event: what a producer writes today. */
export type TransactionEvent = TransactionEventV2;
