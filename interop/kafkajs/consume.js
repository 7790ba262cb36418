// Consumes COUNT records from TOPIC (from the beginning) with kafkajs and prints each as one JSON line:
// {"key": ..., "partition": ..., "offset": ..., "headers": {...}, "value": <parsed JSON, amounts as strings>}
// Usage: node consume.js BOOTSTRAP TOPIC COUNT GROUP [--client-config FILE]  (TLS/SASL: see connection.js)
const { Kafka } = require('kafkajs');
const { kafkaConfig, parseArgs } = require('./connection');
require('./lz4-codec').register();

async function main() {
  const { positional, clientConfig } = parseArgs(process.argv.slice(2));
  const [bootstrap, topic, countArg, group] = positional;
  const count = parseInt(countArg, 10);
  const kafka = new Kafka(kafkaConfig(bootstrap, 'finflow-node-interop', clientConfig));
  const consumer = kafka.consumer({ groupId: group });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  const timer = setTimeout(() => {
    console.error(`kafkajs consume timed out after ${seen} of ${count} records`);
    process.exit(2);
  }, 60000);
  await new Promise((resolve) => {
    consumer.run({
      eachMessage: async ({ partition, message }) => {
        const headers = {};
        for (const [k, v] of Object.entries(message.headers || {})) {
          headers[k] = v === null || v === undefined ? null : v.toString('utf8');
        }
        console.log(JSON.stringify({
          key: message.key ? message.key.toString('utf8') : null,
          partition,
          offset: message.offset,
          headers,
          value: JSON.parse(message.value.toString('utf8')),
        }));
        seen += 1;
        if (seen >= count) {
          resolve();
        }
      },
    });
  });
  clearTimeout(timer);
  await consumer.disconnect();
}

main().catch((e) => {
  console.error(`kafkajs consume failed: ${e.message}`);
  process.exit(1);
});
