// Produces FinFlow transaction events the way a Node.js service would, following docs/wire-format.md.
// Usage: node produce.js BOOTSTRAP TOPIC COUNT [--client-config FILE]  (TLS/SASL: see connection.js)
// Prints one JSON line per event sent: {"eventId": ..., "accountId": ..., "amount": ...}
const { Kafka } = require('kafkajs');
const { kafkaConfig, parseArgs } = require('./connection');
require('./lz4-codec').register();
const crypto = require('crypto');

async function main() {
  const { positional, clientConfig } = parseArgs(process.argv.slice(2));
  const [bootstrap, topic, countArg] = positional;
  const count = parseInt(countArg || '10', 10);
  const kafka = new Kafka(kafkaConfig(bootstrap, 'finflow-node-interop', clientConfig));
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const amounts = ['100.50', '0.01', '123456789.99', '7', '19.90'];
  const messages = [];
  const sent = [];
  for (let i = 0; i < count; i++) {
    const eventId = crypto.randomUUID();
    const accountId = `node-acc-${i % 3}`;
    const now = new Date().toISOString();
    const event = {
      eventId,
      transactionId: crypto.randomUUID(),
      accountId,
      type: i % 2 === 0 ? 'debit' : 'credit',
      amount: amounts[i % amounts.length],
      currency: 'EUR',
      status: 'completed',
      description: `kafkajs event ${i}`,
      occurredAt: now,
    };
    messages.push({
      key: accountId,
      value: JSON.stringify(event),
      headers: {
        ce_specversion: '1.0',
        ce_id: eventId,
        ce_source: '/finflow/node-interop',
        ce_type: 'io.finflow.transaction',
        ce_time: now,
        ce_dataschema: 'https://schemas.finflow.io/transaction/v1.json',
        'content-type': 'application/json',
      },
    });
    sent.push({ eventId, accountId, amount: event.amount });
  }
  await producer.send({ topic, messages, acks: -1 });
  await producer.disconnect();
  for (const s of sent) {
    console.log(JSON.stringify(s));
  }
}

main().catch((e) => {
  console.error(`kafkajs produce failed: ${e.message}`);
  process.exit(1);
});
