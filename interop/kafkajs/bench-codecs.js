// What the codecs cost a Node.js service on FinFlow analytics events: compressed size and CPU per record to
// compress (a producer) and to decompress (every consumer), for batches of 4 records (what a producer
// closes at realistic rates with linger.ms=5 over 12 partitions) and of 100 records (a full batch).
// One thread, the codecs' synchronous paths, no Kafka. Not run by the build; results in docs/wire-format.md.
//
// Usage: node bench-codecs.js [--records N]   (default 20000 records per run, 5 runs, median)
const crypto = require('crypto');
const zlib = require('zlib');
const lz4 = require('lz4-napi');
const { Encoder, Decoder } = require('@toondepauw/node-zstd');
const { ZSTD_LEVEL } = require('./codecs');
const { cloudEventHeaders } = require('./finflow-kafka');

const RECORDS = Number((process.argv[process.argv.indexOf('--records') + 1]) || 20000) || 20000;
const RUNS = 5;
const PAGES = ['/accounts/overview', '/transfer', '/cards', '/settings/profile', '/statements/2026-11'];
const NAMES = ['page_view', 'click', 'search', 'form_submit', 'session_start'];

/** A seeded stream of analytics events as a kafkajs batch holds them: key, JSON value, header names and values. */
function recordBytes(i) {
  const rnd = crypto.createHash('sha256').update(String(i)).digest();
  const event = {
    eventId: crypto.randomUUID(),
    sessionId: `sess-${rnd.readUInt16BE(0) % 500}`,
    userId: rnd[2] % 4 === 0 ? undefined : `user-${rnd.readUInt16BE(3) % 2000}`,
    name: NAMES[rnd[5] % NAMES.length],
    page: PAGES[rnd[6] % PAGES.length],
    properties: { referrer: rnd[7] % 2 ? 'newsletter' : 'search', scrollDepth: rnd[8] % 100, returning: rnd[9] % 2 === 0 },
    occurredAt: new Date(Date.UTC(2026, 10, 27, 10, 0, 0) + i * 37).toISOString(),
  };
  const value = JSON.stringify(event);
  const headers = cloudEventHeaders('analytics-events', event, '/finflow/web-collector');
  const parts = [event.sessionId, value];
  for (const [k, v] of Object.entries(headers)) {
    parts.push(k, v);
  }
  return Buffer.from(parts.join(''), 'utf8');
}

const zstdEncoder = new Encoder(ZSTD_LEVEL);
const zstdDecoder = new Decoder();
const CODECS = {
  'lz4 (lz4-napi, native)': { compress: (b) => lz4.compressFrameSync(b), decompress: (b) => lz4.decompressFrameSync(b) },
  'zstd (@toondepauw/node-zstd, native)': {
    compress: (b) => zstdEncoder.encodeSync(b), decompress: (b) => zstdDecoder.decodeSync(b),
  },
  'gzip (Node zlib, built into kafkajs)': { compress: (b) => zlib.gzipSync(b), decompress: (b) => zlib.gunzipSync(b) },
};

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function measure(codec, batches, records) {
  let t = process.hrtime.bigint();
  const compressed = batches.map((b) => codec.compress(b));
  const compressNs = Number(process.hrtime.bigint() - t);
  t = process.hrtime.bigint();
  for (const c of compressed) {
    codec.decompress(c);
  }
  const decompressNs = Number(process.hrtime.bigint() - t);
  const raw = batches.reduce((n, b) => n + b.length, 0);
  const size = compressed.reduce((n, c) => n + c.length, 0);
  return { compressUs: compressNs / 1000 / records, decompressUs: decompressNs / 1000 / records, ratio: size / raw };
}

function main() {
  const all = Array.from({ length: RECORDS }, (_, i) => recordBytes(i));
  const mean = all.reduce((n, b) => n + b.length, 0) / all.length;
  console.log(`${RECORDS} analytics records, ${mean.toFixed(0)} bytes each (key + value + CloudEvents headers), `
    + `node ${process.version}, ${RUNS} runs, medians\n`);
  console.log('| codec | batch | compressed size | compress µs/record | decompress µs/record |');
  console.log('|---|---|---|---|---|');
  for (const perBatch of [4, 100]) {
    const batches = [];
    for (let i = 0; i < all.length; i += perBatch) {
      batches.push(Buffer.concat(all.slice(i, i + perBatch)));
    }
    for (const [name, codec] of Object.entries(CODECS)) {
      measure(codec, batches, RECORDS); // warm-up
      const runs = Array.from({ length: RUNS }, () => measure(codec, batches, RECORDS));
      console.log(`| ${name} | ${perBatch} records | ${(100 * median(runs.map((r) => r.ratio))).toFixed(1)} % `
        + `| ${median(runs.map((r) => r.compressUs)).toFixed(2)} | ${median(runs.map((r) => r.decompressUs)).toFixed(2)} |`);
    }
  }
}

main();
