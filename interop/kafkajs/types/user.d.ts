// Generated from schemas/user/v1.json by interop/kafkajs/generate-types.js: do not edit.
// Regenerate with: (cd interop/kafkajs && npm run generate)

/**
 * A change in a user's lifecycle (registration, profile change, KYC outcome, suspension, closure), published on user-events with the record key userId. It carries as little personal data as consumers need. additionalProperties is false: user events are personal data kept for 90 days and read by many services, so a field nobody reviewed (a phone number, a document number) must not slip in unnoticed; a new field needs a new schema version and that review.
 */
export type UserEventV1 = {
  /**
   * Unique id of this event (UUID), also the CloudEvents ce_id header. Consumers use it as the idempotency key to drop duplicates.
   */
  eventId: string;
  /**
   * The user; the record key, so all events of one user are kept in order.
   */
  userId: string;
  /**
   * What happened: registered, profile_updated (changedFields names the fields), kyc_verified, kyc_rejected (with a reason), suspended (with a reason), closed.
   */
  type: "registered" | "profile_updated" | "kyc_verified" | "kyc_rejected" | "suspended" | "closed";
  /**
   * The user's email address (RFC 5321 mailbox, at most 254 characters). Required for registered.
   */
  email?: string;
  /**
   * Country of residence, ISO 3166-1 alpha-2 (e.g. "DE"). Required for registered. The FinFlow library also checks that the code exists.
   */
  country?: string;
  /**
   * For profile_updated: the names of the profile fields that changed, never their values (consumers that need a value read it from the user service).
   *
   * @maxItems 50
   *
   * Items: Name of a changed profile field, camelCase, e.g. "phoneNumber".
   */
  changedFields?: string[];
  /**
   * Why the user was rejected, suspended or closed, for support and audit. Required for kyc_rejected and suspended. At most 500 characters.
   */
  reason?: string;
  /**
   * When it happened (not when it was published, which is ce_time): an RFC 3339 date-time with an uppercase 'T' and an explicit offset, normally UTC, e.g. "2025-03-14T09:26:53.589Z".
   */
  occurredAt: string;
};

/** The newest version of the user event: what a producer writes today. */
export type UserEvent = UserEventV1;
