// Reads a FinFlow topic with kafkajs (through finflow-kafka.js, every codec registered) and prints each
// record as one JSON line: {"event": <the parsed value, null for a tombstone>, "meta": {key, partition,
// offset, headers, ...}}.
//
// Usage: node consume.js BOOTSTRAP TOPIC [COUNT [GROUP]] [--prefix TOPIC_PREFIX] [--client-config FILE]
//   COUNT  stop after that many records; without it, read up to the end offsets of when it started
//   GROUP  the consumer group (default: a new one, so every run reads from the beginning)
//   e.g.   node consume.js 127.0.0.1:9092 analytics-events 10
//          node consume.js 127.0.0.1:9092 analytics-events --prefix demo-1764239000.
//   --client-config FILE  TLS and SASL from a client properties file (connection.js), e.g. the
//                         DIR/clients/<user>.properties of finflow dev --secure
// Exit 0 when done, 1 on a failure or a time-out (60 s without reaching the goal).
const { FinFlowKafka } = require('./finflow-kafka');
const { connectionOptions, takeClientConfig } = require('./connection');

const TIMEOUT_MS = 60000;

function parseArgs(argv) {
  const args = { prefix: '' };
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--prefix') {
      args.prefix = argv[++i] || '';
    } else {
      positional.push(argv[i]);
    }
  }
  [args.bootstrap, args.topic, args.count, args.group] = positional;
  if (!args.bootstrap || !args.topic || (args.count !== undefined && !/^\d+$/.test(args.count))) {
    console.error('usage: node consume.js BOOTSTRAP TOPIC [COUNT [GROUP]] [--prefix TOPIC_PREFIX] [--client-config FILE]');
    process.exit(2);
  }
  args.count = args.count === undefined ? null : Number(args.count);
  return args;
}

/** The records to read when no count is given: the topic's end offsets now, per partition. */
async function endOffsets(kafka, topic) {
  const admin = kafka.kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((o) => [o.partition, { low: Number(o.low), high: Number(o.high) }]));
  } finally {
    await admin.disconnect();
  }
}

async function main() {
  const { rest, clientConfig } = takeClientConfig(process.argv.slice(2));
  const args = parseArgs(rest);
  const kafka = new FinFlowKafka({
    brokers: args.bootstrap.split(','),
    clientId: 'finflow-consume',
    source: '/finflow/consume',
    topicPrefix: args.prefix,
    kafka: connectionOptions(clientConfig),
  });
  const ends = args.count === null ? await endOffsets(kafka, args.prefix + args.topic) : null;
  const remaining = ends && new Map([...ends].filter(([, o]) => o.high > o.low));
  let seen = 0;
  let done;
  const finished = new Promise((resolve) => { done = resolve; });
  const isDone = () => (args.count !== null ? seen >= args.count : remaining.size === 0);
  if (isDone()) {
    done();
  }
  const subscription = await kafka.subscribe(args.topic, async (event, meta) => {
    if (isDone()) {
      return;
    }
    console.log(JSON.stringify({ event, meta }));
    seen += 1;
    if (remaining && remaining.has(meta.partition) && Number(meta.offset) + 1 >= remaining.get(meta.partition).high) {
      remaining.delete(meta.partition);
    }
    if (isDone()) {
      done();
    }
  }, { groupId: args.group || `finflow-consume-${process.pid}-${Date.now()}`, fromBeginning: true });
  const timer = setTimeout(() => {
    console.error(`consume.js: timed out after ${TIMEOUT_MS / 1000} s with ${seen} records`);
    process.exit(1);
  }, TIMEOUT_MS);
  await finished;
  clearTimeout(timer);
  await subscription.stop();
  await kafka.disconnect();
  console.error(`consume.js: ${seen} records from ${args.prefix}${args.topic}`);
}

main().catch((e) => {
  console.error(`consume.js failed: ${e.message}`);
  process.exit(1);
});
