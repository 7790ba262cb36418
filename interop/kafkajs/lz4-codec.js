// LZ4 codec for kafkajs. FinFlow producers compress with LZ4 (Kafka's standard LZ4 frame format);
// kafkajs ships only GZIP, so a Node.js consumer registers this codec once at start-up:
//   require('./lz4-codec').register();
// lz4js is pure JavaScript: no native build step.
const { CompressionTypes, CompressionCodecs } = require('kafkajs');
const lz4 = require('lz4js');

function register() {
  CompressionCodecs[CompressionTypes.LZ4] = () => ({
    async compress(encoder) {
      return Buffer.from(lz4.compress(encoder.buffer));
    },
    async decompress(buffer) {
      return Buffer.from(lz4.decompress(buffer));
    },
  });
}

module.exports = { register };
