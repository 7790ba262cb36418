// A Node.js FinFlow service that the Java interoperability tests drive (KafkajsPeer): started once per test
// class, it reads one JSON command per line on stdin and answers one JSON line on stdout, so the tests pay
// for node and kafkajs start-up once. Everything goes through finflow-kafka.js, the module documented in
// docs/wire-format.md ("From Node.js").
//
// Usage: node peer.js BOOTSTRAP [--client-config FILE]   (TLS and SASL from a client properties file: connection.js)
// Commands ({"id": n, "op": ..., "prefix": "<topic prefix of the test's catalog>"}; answer {"id": n, "ok": true,
// ...} or {"id": n, "ok": false, "error": "..."}). Topics are named as in the catalog, without the prefix:
//   {"op": "send", "topic": "user-events", "events": [...], "headers": {...}}  sendMessage per event, in order
//       -> "sent": [{"eventId", "partition", "offset"}]
//   {"op": "tombstone", "topic": "account-balances", "key": "acc-1"}          -> "sent": {"partition", "offset"}
//   {"op": "read", "topic": "user-events.dlq", "count": 3, "timeoutMs": 60000}
//       subscribe() with a new group from the beginning until COUNT records arrived
//       -> "records": [{"event": <parsed JSON or null>, "meta": {...}}] in arrival order
const readline = require('readline');
const { FinFlowKafka } = require('./finflow-kafka');
const { connectionOptions, takeClientConfig } = require('./connection');

const { rest, clientConfig } = takeClientConfig(process.argv.slice(2));
const [bootstrap] = rest;
if (!bootstrap) {
  console.error('usage: node peer.js BOOTSTRAP [--client-config FILE]');
  process.exit(2);
}
const connection = connectionOptions(clientConfig);
const clients = new Map();
let groups = 0;

/** One client per topic prefix (one per test), all on the same broker. */
function client(topicPrefix = '') {
  if (!clients.has(topicPrefix)) {
    clients.set(topicPrefix, new FinFlowKafka({
      brokers: bootstrap.split(','),
      clientId: 'finflow-node-peer',
      source: '/finflow/node-peer',
      topicPrefix,
      kafka: connection,
    }));
  }
  return clients.get(topicPrefix);
}

async function read(kafka, topic, count, timeoutMs = 60000) {
  const records = [];
  let done;
  const finished = new Promise((resolve) => { done = resolve; });
  const subscription = await kafka.subscribe(topic, async (event, meta) => {
    records.push({ event, meta });
    if (records.length >= count) {
      done();
    }
  }, { groupId: `finflow-node-peer-${process.pid}-${++groups}`, fromBeginning: true });
  let timer;
  const timedOut = new Promise((resolve) => { timer = setTimeout(resolve, timeoutMs); });
  await Promise.race([finished, timedOut]);
  clearTimeout(timer);
  await subscription.stop();
  if (records.length < count) {
    throw new Error(`read ${records.length} of ${count} records from ${topic} in ${timeoutMs} ms`);
  }
  return records.slice(0, count);
}

async function handle(command) {
  const kafka = client(command.prefix);
  switch (command.op) {
    case 'send': {
      const sent = [];
      for (const event of command.events) {
        const meta = await kafka.sendMessage(command.topic, event, { headers: command.headers || {} });
        sent.push({ eventId: event.eventId, partition: meta.partition, offset: meta.offset });
      }
      return { sent };
    }
    case 'tombstone':
      return { sent: await kafka.sendTombstone(command.topic, command.key) };
    case 'read':
      return { records: await read(kafka, command.topic, command.count, command.timeoutMs) };
    default:
      throw new Error(`unknown op '${command.op}'`);
  }
}

const lines = readline.createInterface({ input: process.stdin });
let queue = Promise.resolve();
lines.on('line', (line) => {
  if (!line.trim()) {
    return;
  }
  // One command at a time, in order: the tests wait for each answer anyway.
  queue = queue.then(async () => {
    let command = {};
    try {
      command = JSON.parse(line);
      const answer = await handle(command);
      process.stdout.write(`${JSON.stringify({ id: command.id, ok: true, ...answer })}\n`);
    } catch (e) {
      process.stdout.write(`${JSON.stringify({ id: command.id, ok: false, error: e.message })}\n`);
    }
  });
});
lines.on('close', () => {
  queue.then(() => Promise.all([...clients.values()].map((c) => c.disconnect()))).then(() => process.exit(0), (e) => {
    console.error(`disconnect failed: ${e.message}`);
    process.exit(1);
  });
});
