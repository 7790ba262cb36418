// Types of finflow-kafka.js for TypeScript services. The event types are generated from the JSON Schemas
// (types/, by generate-types.js), so sendMessage('transaction-events', event) only compiles with a
// transaction event, and a handler of 'user-events' receives a UserEvent.
import type { KafkaConfig } from 'kafkajs';
import type { FinFlowTopic, TopicEvents } from './types';

export * from './types';

/** Where a record came from; headers as UTF-8 text. */
export interface EventMeta {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  timestamp: string;
  headers: Record<string, string | null>;
  /** ce_id: the idempotency key a consumer may use to drop duplicates. */
  eventId: string | null;
  /** The schema version of ce_dataschema, e.g. 2 for .../transaction/v2.json. */
  schemaVersion: number | null;
  /** True for a tombstone (a null value: the key was deleted from a compacted topic). */
  tombstone: boolean;
}

export interface FinFlowKafkaOptions {
  brokers: string[];
  clientId: string;
  /** ce_source of the events this service sends, e.g. '/finflow/billing-service'. */
  source: string;
  groupId?: string;
  /** Prepended to every topic name, e.g. for a `finflow demo --topic-prefix` run. */
  topicPrefix?: string;
  /** Further kafkajs client options: ssl, sasl, ... */
  kafka?: Partial<KafkaConfig>;
}

export interface SentRecord {
  topic: string;
  partition: number;
  offset: string;
}

export interface Subscription {
  stop(): Promise<void>;
}

export class FinFlowKafka {
  constructor(options: FinFlowKafkaOptions);
  sendMessage<T extends FinFlowTopic>(topic: T, message: TopicEvents[T],
                                      options?: { headers?: Record<string, string> }): Promise<SentRecord>;
  sendTombstone(topic: 'account-balances', key: string): Promise<SentRecord>;
  subscribe<T extends FinFlowTopic>(topic: T,
                                    handler: (event: TopicEvents[T] | null, meta: EventMeta) => Promise<void> | void,
                                    options?: { groupId?: string; fromBeginning?: boolean }): Promise<Subscription>;
  /** A topic outside the catalog, e.g. a dead letter topic 'transaction-events.dlq': events are untyped JSON. */
  subscribe(topic: string, handler: (event: unknown, meta: EventMeta) => Promise<void> | void,
            options?: { groupId?: string; fromBeginning?: boolean }): Promise<Subscription>;
  disconnect(): Promise<void>;
}

/** The codec a producer of this topic sends ('zstd' for analytics-events, else 'lz4'). */
export function codecOf(topic: FinFlowTopic): 'zstd' | 'lz4' | 'gzip';
