// Generated from schemas/notification/v1.json by interop/kafkajs/generate-types.js: do not edit.
// Regenerate with: (cd interop/kafkajs && npm run generate)

/**
 * A request to notify one user by email, push or in-app message, published on notification-events with the record key userId. The text comes from a template that the notification service renders with params, so templates change without a schema change. The top level is closed (additionalProperties false) so that a misspelled field such as 'priorty' is refused instead of silently ignored; params is the deliberate extension point: open to any parameter name a template needs, but bounded (at most 50 entries, scalar values, strings up to 1000 characters) so an event cannot grow without limit or smuggle nested documents.
 */
export interface NotificationEventV1 {
  /**
   * Unique id of this event (UUID), also the CloudEvents ce_id header. Consumers use it as the idempotency key to drop duplicates.
   */
  eventId: string;
  /**
   * Id of the notification; a re-sent notification keeps it so the recipient is not notified twice.
   */
  notificationId: string;
  /**
   * The recipient; the record key, so the notifications of one user are delivered in order.
   */
  userId: string;
  /**
   * How to deliver: email, push (mobile push notification) or in_app (the app's inbox).
   */
  channel: "email" | "push" | "in_app";
  /**
   * Name of the template to render, lowercase words separated by '_', '.' or '-', e.g. "payment_received".
   */
  template: string;
  /**
   * Delivery priority: low (may wait for a digest), normal (the default when absent), high (deliver now), critical (security or money at risk: deliver now, bypass quiet hours).
   */
  priority?: "low" | "normal" | "high" | "critical";
  /**
   * Language of the text as a BCP 47 tag such as "en" or "en-GB"; absent means the user's preferred language.
   */
  locale?: string;
  /**
   * Subject overriding the template's, for email subjects and push titles. At most 200 characters.
   */
  subject?: string;
  /**
   * Template parameters by name. Open on purpose (each template needs its own names) but bounded: at most 50 entries, names in camelCase or snake_case, values a string (at most 1000 characters), a number or a boolean. Amounts are passed as strings ("100.50") to stay exact.
   */
  params?: {
    /**
     * A parameter value: string, number or boolean.
     */
    [k: string]: string | number | boolean;
  };
  /**
   * When the notification was requested: an RFC 3339 date-time with an uppercase 'T' and an explicit offset, normally UTC, e.g. "2025-03-14T09:26:53.589Z".
   */
  occurredAt: string;
}

/** The newest version of the notification event: what a producer writes today. */
export type NotificationEvent = NotificationEventV1;
