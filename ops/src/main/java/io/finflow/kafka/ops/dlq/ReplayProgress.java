package io.finflow.kafka.ops.dlq;

/**
 * Told how far a replay got, from the replaying thread, at most every few milliseconds: keep it quick.
 */
@FunctionalInterface
public interface ReplayProgress {

    /** Ignores progress. */
    ReplayProgress NONE = (scanned, total, republished) -> { };

    /**
     * @param scanned     dead letter records read so far in this run
     * @param total       records between the start position and the end snapshot of this run
     * @param republished records sent to their topic or parked so far
     */
    void update(long scanned, long total, long republished);
}
