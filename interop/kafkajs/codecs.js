// Compression codecs for kafkajs. kafkajs ships only GZIP; FinFlow topics also hold LZ4 batches (the
// default codec of FinFlow's Java producers) and ZSTD batches (analytics-events stores zstd, see
// config/topics.yaml). Without a codec, a kafkajs consumer fails on its first fetch of such a batch
// ("ZSTD compression not implemented"), so a Node.js service registers both once, before it connects:
//
//   require('./codecs').registerCodecs();
//
// LZ4: lz4js, pure JavaScript, no native code. Its block compressor is used with our own framing:
//      lz4js.compress() writes frames of dependent blocks, which Kafka's LZ4 reader refuses ("Dependent
//      block stream is unsupported": the broker answers every produce request with an unknown server
//      error), so compress() below writes the frame Kafka's Java client writes, with independent blocks.
// ZSTD: @toondepauw/node-zstd, the official zstd library (1.5.7) as a Node-API addon whose prebuilt
//       binaries (Linux x64/arm64 glibc and musl, macOS, Windows) come from npm itself as optional
//       dependencies: no install script, no compiler, no download outside npm. It decodes streamed
//       frames of unknown size (what Java's zstd writes) and runs on libuv's thread pool, off the event loop.
// docs/wire-format.md ("Compression") says which codec each topic needs.
const { CompressionTypes, CompressionCodecs } = require('kafkajs');
const lz4 = require('lz4js');
const xxh32 = require('lz4js/xxh32');
const { Encoder, Decoder } = require('@toondepauw/node-zstd');

/** zstd level 3: zstd's own default and the one Kafka's Java clients and brokers use. */
const ZSTD_LEVEL = 3;

const LZ4_MAGIC = 0x184d2204;
const LZ4_FLG = 0x60; // frame format version 01, block independence (what Kafka's Lz4BlockInputStream requires)
const LZ4_BD = 0x70; // blocks of at most 4 MiB: a Kafka batch is one block
const LZ4_BLOCK_SIZE = 4 << 20;
const LZ4_UNCOMPRESSED = 0x80000000;

/** An LZ4 frame (magic, descriptor, blocks, end mark) whose blocks are compressed independently. */
function lz4Frame(src) {
  const header = Buffer.alloc(7);
  header.writeUInt32LE(LZ4_MAGIC, 0);
  header[4] = LZ4_FLG;
  header[5] = LZ4_BD;
  header[6] = (xxh32.hash(0, header, 4, 2) >> 8) & 0xff;
  const parts = [header];
  for (let start = 0; start < src.length; start += LZ4_BLOCK_SIZE) {
    const length = Math.min(LZ4_BLOCK_SIZE, src.length - start);
    const block = Buffer.alloc(lz4.compressBound(length));
    // A fresh hash table per block: no match can reach back into an earlier block.
    const size = lz4.compressBlock(src, block, start, length, new Uint32Array(1 << 16));
    const blockHeader = Buffer.alloc(4);
    if (size === 0 || size >= length) {
      blockHeader.writeUInt32LE((LZ4_UNCOMPRESSED | length) >>> 0, 0);
      parts.push(blockHeader, src.subarray(start, start + length));
    } else {
      blockHeader.writeUInt32LE(size, 0);
      parts.push(blockHeader, block.subarray(0, size));
    }
  }
  parts.push(Buffer.alloc(4)); // end mark
  return Buffer.concat(parts);
}

const lz4Codec = {
  async compress(records) {
    return lz4Frame(records.buffer);
  },
  async decompress(buffer) {
    return Buffer.from(lz4.decompress(buffer));
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

module.exports = { registerCodecs, lz4Frame, ZSTD_LEVEL };
