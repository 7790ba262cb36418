// Generated from schemas/system/v1.json by interop/kafkajs/generate-types.js: do not edit.
// Regenerate with: (cd interop/kafkajs && npm run generate)

/**
 * Something that happened to a running service (startup, shutdown, configuration change, deployment, health change), published on system-events with the record key service. The top level is closed (additionalProperties false) so that dashboards and alerts can rely on a fixed set of fields and a misspelled field is refused; details is the deliberate extension point: open to any key a service wants to report, bounded to 50 scalar entries so an event stays small and flat.
 */
export interface SystemEventV1 {
  /**
   * Unique id of this event (UUID), also the CloudEvents ce_id header. Consumers use it as the idempotency key to drop duplicates.
   */
  eventId: string;
  /**
   * Name of the service, lowercase words separated by '-', e.g. "accounting-service"; the record key, so the events of one service are kept in order.
   */
  service: string;
  /**
   * What happened: startup, shutdown, config_change (details names the changed settings), deployment (a new version), health_degraded, health_restored.
   */
  type: "startup" | "shutdown" | "config_change" | "deployment" | "health_degraded" | "health_restored";
  /**
   * How much attention the event needs: info (the default when absent), warning (someone should look), critical (someone must act now).
   */
  severity?: "info" | "warning" | "critical";
  /**
   * Version of the service that reports, e.g. "1.4.2" or a git hash. At most 64 characters, no spaces.
   */
  version?: string;
  /**
   * Host, pod or container that reports, e.g. "accounting-7c9f8-x2k4q". At most 255 characters, no spaces.
   */
  host?: string;
  /**
   * Human-readable summary for operators. At most 1000 characters.
   */
  message?: string;
  /**
   * Structured details by key, e.g. the changed settings of a config_change (never secrets). Open on purpose but bounded: at most 50 entries, keys of letters, digits, '.', '_' or '-', values a string (at most 1000 characters), a number or a boolean. Required for config_change.
   */
  details?: {
    /**
     * A detail value: string, number or boolean.
     */
    [k: string]: string | number | boolean;
  };
  /**
   * When it happened: an RFC 3339 date-time with an uppercase 'T' and an explicit offset, normally UTC, e.g. "2025-03-14T09:26:53.589Z".
   */
  occurredAt: string;
}

/** The newest version of the system event: what a producer writes today. */
export type SystemEvent = SystemEventV1;
