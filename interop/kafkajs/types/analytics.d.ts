// Generated from schemas/analytics/v1.json by interop/kafkajs/generate-types.js: do not edit.
// Regenerate with: (cd interop/kafkajs && npm run generate)

/**
 * A product analytics event (page view, click, search, ...), published on analytics-events with the record key sessionId. High volume and kept 3 days. The event name is an open snake_case name rather than an enum because product teams add names far more often than schemas change. The top level is closed (additionalProperties false) so that every pipeline sees the same few columns; properties is the deliberate extension point: free-form per event name, bounded to 50 scalar entries so one event cannot bloat a high-volume topic or carry nested documents.
 */
export interface AnalyticsEventV1 {
  /**
   * Unique id of this event (UUID), also the CloudEvents ce_id header. Consumers use it as the idempotency key to drop duplicates.
   */
  eventId: string;
  /**
   * The browser or app session; the record key, so the events of one session are kept in order.
   */
  sessionId: string;
  /**
   * The signed-in user; absent for anonymous sessions.
   */
  userId?: string;
  /**
   * Event name in snake_case. Common names: page_view, click, search, form_submit, session_start, session_end.
   */
  name: string;
  /**
   * Page or screen where it happened, e.g. "/accounts/overview", without query string secrets. At most 2048 characters.
   */
  page?: string;
  /**
   * Properties of the event by name, e.g. {"button": "transfer"}. Open on purpose but bounded: at most 50 entries, names in camelCase or snake_case, values a string (at most 500 characters), a number or a boolean.
   */
  properties?: {
    /**
     * A property value: string, number or boolean.
     */
    [k: string]: string | number | boolean;
  };
  /**
   * When the user did it (client clock, corrected by the collector): an RFC 3339 date-time with an uppercase 'T' and an explicit offset, normally UTC, e.g. "2025-03-14T09:26:53.589Z".
   */
  occurredAt: string;
}

/** The newest version of the analytics event: what a producer writes today. */
export type AnalyticsEvent = AnalyticsEventV1;
