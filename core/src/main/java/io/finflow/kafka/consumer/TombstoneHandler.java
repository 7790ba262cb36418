package io.finflow.kafka.consumer;

/**
 * Handles the tombstones of a compacted topic: records with a key and no value, which mean
 * "this key was deleted" (compaction later removes every earlier value of the key, then the
 * tombstone itself).
 *
 * <pre>{@code
 * consumer.subscribe("account-balances", BalanceEvent.class, (balance, meta) -> cache.put(meta.key(), balance))
 *         .onTombstone("account-balances", deletion -> cache.remove(deletion.key()));
 * }</pre>
 *
 * <p>A tombstone follows the same rules as an event: it is committed only after this handler
 * returned normally; a throwing handler is retried and then dead-lettered like an event handler; it
 * keeps its place in the key's (or partition's) order; in exactly-once mode it runs in its
 * record's transaction. Called from a worker thread.
 */
@FunctionalInterface
public interface TombstoneHandler {

    /**
     * Skips tombstones: they are committed without calling anything. Choose it explicitly for a
     * compacted topic whose deletions do not matter to this consumer.
     */
    TombstoneHandler SKIP = metadata -> { };

    /**
     * Handles one deletion.
     *
     * @param metadata where the tombstone came from; {@code metadata.key()} is the deleted key,
     *                 {@code metadata.schemaVersion()} is 0 (there is no event to validate)
     * @throws Exception to have the tombstone retried, then dead-lettered
     */
    void handle(EventMetadata metadata) throws Exception;
}
