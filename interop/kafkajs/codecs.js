// Compression codecs for kafkajs. kafkajs ships only GZIP; FinFlow topics also hold LZ4 batches (the
// default codec of FinFlow's Java producers) and ZSTD batches (analytics-events stores zstd, see
// config/topics.yaml). Without a codec, a kafkajs consumer fails on its first fetch of such a batch
// ("ZSTD compression not implemented"), so a Node.js service registers both once, before it connects:
//
//   require('./codecs').registerCodecs();
//
// LZ4:  lz4-napi (lz4_flex), LZ4 frames with independent blocks: the only kind Kafka reads. (lz4js, the
//       pure-JavaScript codec this fixture used before, writes frames of dependent blocks: the broker
//       rejects its batches with an unknown server error. Re-framed with independent blocks, Kafka's
//       decoder still failed on its multi-block frames.)
// ZSTD: @toondepauw/node-zstd, the official zstd library (1.5.7); decodes the streamed frames of unknown
//       size that Java's zstd writes.
// Both are Node-API addons whose prebuilt binaries (Linux x64/arm64 with glibc or musl, macOS, Windows)
// come from npm itself as optional dependencies: no install script, no compiler, no download outside npm.
// Their async calls run on libuv's thread pool, off the event loop.
// docs/wire-format.md ("Compression") says which codec each topic needs.
const { CompressionTypes, CompressionCodecs } = require('kafkajs');
const lz4 = require('lz4-napi');
const { Encoder, Decoder } = require('@toondepauw/node-zstd');

/** zstd level 3: zstd's own default and the one Kafka's Java clients and brokers use. */
const ZSTD_LEVEL = 3;

const lz4Codec = {
  compress(records) {
    return lz4.compressFrame(records.buffer);
  },
  decompress(buffer) {
    return lz4.decompressFrame(buffer);
  },
};

// One encoder and one decoder for the process: both are stateless between calls and safe to share.
const zstdEncoder = new Encoder(ZSTD_LEVEL);
const zstdDecoder = new Decoder();
const zstdCodec = {
  compress(records) {
    return zstdEncoder.encode(records.buffer);
  },
  decompress(buffer) {
    return zstdDecoder.decode(buffer);
  },
};

/** Registers the LZ4 and ZSTD codecs in kafkajs (process-wide; calling it again is harmless). */
function registerCodecs() {
  CompressionCodecs[CompressionTypes.LZ4] = () => lz4Codec;
  CompressionCodecs[CompressionTypes.ZSTD] = () => zstdCodec;
}

module.exports = { registerCodecs, ZSTD_LEVEL };
