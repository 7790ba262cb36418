package io.finflow.kafka.ops.dlq;

/**
 * The header {@code finflow dlq replay} adds to the records it republishes (docs/wire-format.md). The
 * {@code dlq.*} headers it removes are in {@link io.finflow.kafka.wire.DeadLetterHeaders}.
 */
public final class ReplayHeaders {

    /**
     * How many times a record was replayed from a dead letter topic, UTF-8 decimal text; a record replayed
     * {@link ReplayOptions#maxReplays()} times is parked instead.
     */
    public static final String REPLAY_COUNT = "finflow.replay.count";

    private ReplayHeaders() {
    }
}
