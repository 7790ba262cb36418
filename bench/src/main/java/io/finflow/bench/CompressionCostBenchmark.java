package io.finflow.bench;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.finflow.kafka.producer.EncodedEvent;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.utils.BufferSupplier;
import org.apache.kafka.common.utils.ByteBufferOutputStream;
import org.apache.kafka.common.utils.ByteUtils;

/**
 * CPU cost and ratio of each codec on one thread, without a broker: Kafka's own compression streams (the
 * ones the producer and the consumer use, default levels) over batches of the corpus' records laid out as
 * in a v2 record batch (varint lengths, key, value, headers). Two batch sizes, because a codec only finds
 * repetition within one batch: {@value #SMALL_BATCH} records (a light load spread over 12 partitions, where
 * linger.ms closes batches before they fill) and {@value #FULL_BATCH} records (about one 64 KiB batch, as at
 * saturation). Decompression is what every consumer group pays on every read, and the broker once per batch
 * to validate it.
 */
final class CompressionCostBenchmark {

    static final int SMALL_BATCH = 4;
    static final int FULL_BATCH = 100;
    static final List<String> CODECS = List.of("lz4", "zstd", "snappy", "gzip");
    private static final byte MAGIC_V2 = 2;

    /** Written once per measurement so the JIT cannot drop the work. */
    static volatile long blackhole;

    private final BenchOptions options;
    private final EventCorpus corpus;
    private final java.io.PrintStream progress;

    CompressionCostBenchmark(BenchOptions options, EventCorpus corpus, java.io.PrintStream progress) {
        this.options = options;
        this.corpus = corpus;
        this.progress = progress;
    }

    private record Cost(double ratio, double compressMicros, double decompressMicros) {
    }

    /** Runs the measurement and returns its part of the report. */
    String run() {
        MarkdownTable table = new MarkdownTable("codec", "batch", "compressed size", "compress µs/record",
                "decompress µs/record", "compress MB/s");
        for (int batchRecords : new int[] {SMALL_BATCH, FULL_BATCH}) {
            List<byte[]> batches = batches(batchRecords);
            long rawBytes = batches.stream().mapToLong(b -> b.length).sum();
            int records = batches.size() * batchRecords;
            for (String codec : CODECS) {
                Compression compression = Compression.of(codec).build();
                measure(compression, batches, records);
                measure(compression, batches, records);
                List<Cost> costs = new ArrayList<>();
                for (int r = 0; r < options.rounds(); r++) {
                    BenchSuite.settle(options);
                    costs.add(measure(compression, batches, records));
                }
                double ratio = costs.get(0).ratio();
                double compress = Stats.median(costs.stream().mapToDouble(Cost::compressMicros).toArray());
                double decompress = Stats.median(costs.stream().mapToDouble(Cost::decompressMicros).toArray());
                table.row(codec, batchRecords + " records (" + MarkdownTable.fixed(rawBytes / 1024.0 / batches.size(), 1)
                                + " KiB)", "**" + MarkdownTable.fixed(100 * ratio, 1) + " %**",
                        MarkdownTable.fixed(compress, 2), MarkdownTable.fixed(decompress, 2),
                        MarkdownTable.count(rawBytes / (compress * records)));
                progress.printf(Locale.ROOT, "  %-6s %3d-record batches: %5.1f %% of the size, compress %.2f µs/record,"
                        + " decompress %.2f µs/record%n", codec, batchRecords, 100 * ratio, compress, decompress);
            }
        }
        return "#### Codec CPU cost, no broker (one thread, " + MarkdownTable.count(options.serdeRecords())
                + " records per run, Kafka's compression streams at default levels)\n\n" + table + "\n";
    }

    /** Consecutive records of the corpus, {@code batchRecords} per batch, serialized as in a v2 batch. */
    private List<byte[]> batches(int batchRecords) {
        int count = Math.max(batchRecords, options.serdeRecords() / batchRecords * batchRecords);
        List<byte[]> batches = new ArrayList<>();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buffer);
        try {
            for (int i = 0; i < count; i++) {
                writeRecord(out, corpus.encoded(i), i % batchRecords);
                if ((i + 1) % batchRecords == 0) {
                    out.flush();
                    batches.add(buffer.toByteArray());
                    buffer.reset();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return batches;
    }

    private static void writeRecord(DataOutputStream out, EncodedEvent e, int offsetDelta) throws IOException {
        byte[] key = e.key().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream b = new DataOutputStream(body);
        b.writeByte(0);
        ByteUtils.writeVarlong(offsetDelta * 7L, b);
        ByteUtils.writeVarint(offsetDelta, b);
        ByteUtils.writeVarint(key.length, b);
        b.write(key);
        ByteUtils.writeVarint(e.value().length, b);
        b.write(e.value());
        Header[] headers = e.headers().toArray();
        ByteUtils.writeVarint(headers.length, b);
        for (Header h : headers) {
            byte[] name = h.key().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ByteUtils.writeVarint(name.length, b);
            b.write(name);
            ByteUtils.writeVarint(h.value().length, b);
            b.write(h.value());
        }
        b.flush();
        ByteUtils.writeVarint(body.size(), out);
        body.writeTo(out);
    }

    private static Cost measure(Compression compression, List<byte[]> batches, int records) {
        List<ByteBuffer> compressed = new ArrayList<>(batches.size());
        long rawBytes = 0;
        long compressedBytes = 0;
        long start = System.nanoTime();
        try {
            for (byte[] batch : batches) {
                ByteBufferOutputStream target = new ByteBufferOutputStream(batch.length / 2 + 64);
                try (OutputStream out = compression.wrapForOutput(target, MAGIC_V2)) {
                    out.write(batch);
                }
                ByteBuffer result = target.buffer();
                result.flip();
                compressed.add(result);
                rawBytes += batch.length;
                compressedBytes += result.remaining();
            }
            long compressNanos = System.nanoTime() - start;
            long sink = 0;
            byte[] chunk = new byte[16 * 1024];
            start = System.nanoTime();
            try (BufferSupplier buffers = BufferSupplier.create()) {
                for (ByteBuffer batch : compressed) {
                    try (InputStream in = compression.wrapForInput(batch.duplicate(), MAGIC_V2, buffers)) {
                        int n;
                        while ((n = in.read(chunk)) > 0) {
                            sink += n;
                        }
                    }
                }
            }
            long decompressNanos = System.nanoTime() - start;
            if (sink != rawBytes) {
                throw new IllegalStateException("decompressed " + sink + " bytes, compressed " + rawBytes);
            }
            blackhole = sink;
            return new Cost((double) compressedBytes / rawBytes, compressNanos / 1e3 / records,
                    decompressNanos / 1e3 / records);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
