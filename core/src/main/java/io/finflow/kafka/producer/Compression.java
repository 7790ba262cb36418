package io.finflow.kafka.producer;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a producer compresses its batches (Kafka's {@code compression.type}). Consumers decompress
 * whatever they find; every FinFlow client supports all of them, other-language clients need the
 * codec's library (docs/wire-format.md).
 *
 * <p>Measured on FinFlow transaction JSON (docs/benchmarks.md): {@link #LZ4} stores 28% of the raw size
 * for about 1 &micro;s per record and decompresses fastest (every consumer pays that), hence the default;
 * {@link #ZSTD} stores 42% fewer bytes than lz4 for about 1-3 &micro;s more per record, worth it where
 * bytes are kept long; {@link #GZIP} is 10x slower for no gain.
 */
public enum Compression {
    /** Batches are sent as they are. */
    NONE("none"),
    /** gzip: small, slow. */
    GZIP("gzip"),
    /** snappy: fast, larger than lz4 on JSON. */
    SNAPPY("snappy"),
    /** lz4: fast to compress and to decompress. The default. */
    LZ4("lz4"),
    /** zstd: the smallest, a little slower than lz4. */
    ZSTD("zstd");

    private final String kafkaName;

    Compression(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    /** The value of Kafka's {@code compression.type} setting, e.g. {@code lz4}. */
    public String kafkaName() {
        return kafkaName;
    }

    /**
     * The codec of a Kafka setting value, in any case ({@code zstd}, {@code LZ4}).
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static Compression of(String name) {
        for (Compression c : values()) {
            if (c.kafkaName.equalsIgnoreCase(name == null ? "" : name.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("compression must be "
                + Arrays.stream(values()).map(Compression::kafkaName).collect(Collectors.joining(", "))
                + ", was '" + name + "'");
    }

    @Override
    public String toString() {
        return kafkaName;
    }
}
