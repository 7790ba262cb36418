// FinFlow events from Node.js over kafkajs, with the call shape of the original kafka.ts:
//
//   const { FinFlowKafka } = require('./finflow-kafka');
//   const kafka = new FinFlowKafka({ brokers: ['127.0.0.1:9092'], clientId: 'billing-service',
//                                    source: '/finflow/billing-service', groupId: 'billing-service-group' });
//   await kafka.sendMessage('transaction-events', event);          // key, CloudEvents headers, codec: from the catalog
//   await kafka.subscribe('transaction-events', async (event, meta) => { ... });
//   await kafka.disconnect();
//
// It follows docs/wire-format.md: the record key is the topic's key field, the value the event's JSON, the
// headers CloudEvents binary mode (ce_id = eventId, ce_dataschema = the newest schema version), Kafka's
// murmur2 partitioner (the Java client's), acks=all with an idempotent producer, and the codec that the
// topic stores (zstd for analytics-events, else lz4 like FinFlow's Java producers), so that the broker
// stores batches as sent. catalog.json (generated from config/topics.yaml) says which topic carries what.
//
// It does not validate events against their schema: the TypeScript types (types/) catch most mistakes at
// compile time, and a FinFlow consumer dead-letters an event that breaks its schema.
const { Kafka, CompressionTypes, Partitioners, logLevel } = require('kafkajs');
const { registerCodecs } = require('./codecs');
const catalog = require('./catalog.json');

registerCodecs();

const SCHEMA_BASE = 'https://schemas.finflow.io';
const CODECS = { zstd: CompressionTypes.ZSTD, lz4: CompressionTypes.LZ4, gzip: CompressionTypes.GZIP };
/** The codec of FinFlow's Java producers (ProducerOptions.DEFAULT_COMPRESSION), for topics that set none. */
const DEFAULT_CODEC = 'lz4';

function topicSpec(topic) {
  const spec = catalog.topics[topic];
  if (!spec) {
    throw new Error(`'${topic}' is not a FinFlow topic; the catalog has: ${Object.keys(catalog.topics).join(', ')}`);
  }
  return spec;
}

/** The codec a producer of this topic sends: the topic's compression.type when it names one, else lz4. */
function codecOf(topic) {
  const configured = topicSpec(topic).compression;
  return CODECS[configured] !== undefined ? configured : DEFAULT_CODEC;
}

/** The CloudEvents headers of an event, as docs/wire-format.md lists them; extra headers (traceparent) appended. */
function cloudEventHeaders(topic, event, source, extra = {}) {
  const spec = topicSpec(topic);
  const version = spec.schemaVersions[spec.schemaVersions.length - 1];
  for (const field of ['eventId', 'occurredAt']) {
    if (typeof event[field] !== 'string') {
      throw new Error(`a ${spec.eventType} event needs a string ${field} (for its CloudEvents headers)`);
    }
  }
  return {
    ce_specversion: '1.0',
    ce_id: event.eventId,
    ce_source: source,
    ce_type: `io.finflow.${spec.eventType}`,
    ce_time: event.occurredAt,
    ce_dataschema: `${SCHEMA_BASE}/${spec.eventType}/v${version}.json`,
    'content-type': 'application/json',
    ...extra,
  };
}

/** The record key of an event: the value of its topic's key field. */
function keyOf(topic, event) {
  const spec = topicSpec(topic);
  const key = event[spec.key];
  if (typeof key !== 'string' || key.length === 0) {
    throw new Error(`a ${spec.eventType} event needs its key field ${spec.key} (the record key of ${topic})`);
  }
  return key;
}

function headersAsText(headers) {
  const text = {};
  for (const [name, value] of Object.entries(headers || {})) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    text[name] = last === null || last === undefined ? null : last.toString('utf8');
  }
  return text;
}

function schemaVersionOf(dataschema) {
  const match = /\/v(\d+)\.json$/.exec(dataschema || '');
  return match ? Number(match[1]) : null;
}

class FinFlowKafka {
  /**
   * @param {object} options
   * @param {string[]} options.brokers      bootstrap servers, e.g. ['127.0.0.1:9092']
   * @param {string} options.clientId       the service's name
   * @param {string} options.source         ce_source of the events it sends, e.g. '/finflow/billing-service'
   * @param {string} [options.groupId]      consumer group of subscribe() (or per call)
   * @param {string} [options.topicPrefix]  prepended to every topic name (e.g. 'demo-1700000000.' for a
   *                                        `finflow demo --topic-prefix` run); catalog names stay the API
   * @param {object} [options.kafka]        further kafkajs client options (ssl, sasl, logLevel, ...)
   */
  constructor({ brokers, clientId, source, groupId, topicPrefix = '', kafka = {} }) {
    if (!Array.isArray(brokers) || brokers.length === 0) {
      throw new Error('brokers must list at least one host:port');
    }
    if (!source) {
      throw new Error('source (the ce_source of the events this service sends) is required');
    }
    this.source = source;
    this.groupId = groupId;
    this.topicPrefix = topicPrefix;
    this.kafka = new Kafka({ clientId, brokers, logLevel: logLevel.ERROR, ...kafka });
    this.producer = null;
    this.consumers = new Set();
  }

  async connectedProducer() {
    if (!this.producer) {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      this.producer = producer.connect().then(() => producer);
    }
    return this.producer;
  }

  /**
   * Sends one event to a catalog topic and resolves once every in-sync replica has it (acks=all).
   * @param {string} topic    catalog name, e.g. 'transaction-events'
   * @param {object} message  the event (a FinFlow event of the topic's type)
   * @param {object} [options]
   * @param {Object<string,string>} [options.headers]  extra headers, e.g. { traceparent }
   * @returns {Promise<{topic: string, partition: number, offset: string}>}
   */
  async sendMessage(topic, message, { headers = {} } = {}) {
    const record = {
      key: keyOf(topic, message),
      value: JSON.stringify(message),
      headers: cloudEventHeaders(topic, message, this.source, headers),
    };
    const producer = await this.connectedProducer();
    const [meta] = await producer.send({
      topic: this.topicPrefix + topic,
      messages: [record],
      acks: -1,
      compression: CODECS[codecOf(topic)],
    });
    return { topic: meta.topicName, partition: meta.partition, offset: meta.baseOffset };
  }

  /**
   * Deletes a key of a compacted topic (account-balances): a record with the key and a null value, which
   * compaction keeps until delete.retention.ms and then removes together with the older values of the key.
   */
  async sendTombstone(topic, key) {
    if (topicSpec(topic).cleanupPolicy.indexOf('compact') < 0) {
      throw new Error(`${topic} is not compacted: a tombstone there deletes nothing`);
    }
    const producer = await this.connectedProducer();
    const [meta] = await producer.send({
      topic: this.topicPrefix + topic,
      messages: [{ key, value: null }],
      acks: -1,
      compression: CODECS[codecOf(topic)],
    });
    return { topic: meta.topicName, partition: meta.partition, offset: meta.baseOffset };
  }

  /**
   * Calls handler(event, meta) for every record of a topic, as a member of a consumer group. The offset of
   * a record is committed only after its handler resolved (at least once); when the handler throws, kafkajs
   * retries it and then restarts the consumer from the last committed offset.
   * event is the parsed JSON value, or null for a tombstone (meta.tombstone is then true).
   * meta: { topic, partition, offset, key, timestamp, headers (UTF-8 text), eventId (ce_id),
   *         schemaVersion (from ce_dataschema), tombstone }
   * Topics that are not in the catalog (dead letter topics '<topic>.dlq') are read the same way.
   * @returns {Promise<{stop: () => Promise<void>}>} resolves once the consumer runs
   */
  async subscribe(topic, handler, { groupId = this.groupId, fromBeginning = false } = {}) {
    if (!groupId) {
      throw new Error('subscribe needs a groupId (in the constructor or in its options)');
    }
    const consumer = this.kafka.consumer({ groupId });
    await consumer.connect();
    this.consumers.add(consumer);
    await consumer.subscribe({ topic: this.topicPrefix + topic, fromBeginning });
    await consumer.run({
      eachMessage: async ({ topic: actualTopic, partition, message }) => {
        const headers = headersAsText(message.headers);
        const tombstone = message.value === null;
        let event = null;
        if (!tombstone) {
          try {
            event = JSON.parse(message.value.toString('utf8'));
          } catch (e) {
            throw new Error(`${actualTopic}-${partition}@${message.offset} is not JSON: ${e.message}`);
          }
        }
        await handler(event, {
          topic: actualTopic,
          partition,
          offset: message.offset,
          key: message.key === null ? null : message.key.toString('utf8'),
          timestamp: message.timestamp,
          headers,
          eventId: headers.ce_id || null,
          schemaVersion: schemaVersionOf(headers.ce_dataschema),
          tombstone,
        });
      },
    });
    return {
      stop: async () => {
        this.consumers.delete(consumer);
        await consumer.disconnect();
      },
    };
  }

  /** Stops every consumer this client started and disconnects its producer. */
  async disconnect() {
    await Promise.all([...this.consumers].map((c) => c.disconnect()));
    this.consumers.clear();
    if (this.producer) {
      const producer = await this.producer;
      this.producer = null;
      await producer.disconnect();
    }
  }
}

module.exports = { FinFlowKafka, cloudEventHeaders, keyOf, codecOf, catalog };
