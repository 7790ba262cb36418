// Generated from schemas/index.json and config/topics.yaml by interop/kafkajs/generate-types.js: do not edit.
// Regenerate with: (cd interop/kafkajs && npm run generate)

export * from './analytics';
export * from './balance';
export * from './notification';
export * from './system';
export * from './transaction';
export * from './user';

import type { AnalyticsEvent } from './analytics';
import type { BalanceEvent } from './balance';
import type { NotificationEvent } from './notification';
import type { SystemEvent } from './system';
import type { TransactionEvent } from './transaction';
import type { UserEvent } from './user';

/** Any FinFlow event, newest schema version of each type. */
export type FinFlowEvent =
  | AnalyticsEvent
  | BalanceEvent
  | NotificationEvent
  | SystemEvent
  | TransactionEvent
  | UserEvent;

/** Event type name (ce_type io.finflow.<name>, schemas/<name>/) to its event. */
export interface EventTypes {
  "analytics": AnalyticsEvent;
  "balance": BalanceEvent;
  "notification": NotificationEvent;
  "system": SystemEvent;
  "transaction": TransactionEvent;
  "user": UserEvent;
}

/** Catalog topic (config/topics.yaml) to the event it carries. */
export interface TopicEvents {
  "transaction-events": TransactionEvent;
  "user-events": UserEvent;
  "notification-events": NotificationEvent;
  "system-events": SystemEvent;
  "analytics-events": AnalyticsEvent;
  "account-balances": BalanceEvent;
}

/** The name of a FinFlow event topic. */
export type FinFlowTopic = keyof TopicEvents;
