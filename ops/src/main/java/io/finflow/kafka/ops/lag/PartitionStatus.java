package io.finflow.kafka.ops.lag;

/**
 * How a consumer group is doing on one partition, judged as Burrow judges it over a window of recent
 * offset samples (see {@link LagEvaluator}). In increasing order of severity.
 */
public enum PartitionStatus {
    /** Caught up at some point of the window, or making progress that reduces the lag. */
    OK,
    /** Committing progress, but the lag did not go down anywhere in the window: falling behind. */
    WARN,
    /** Lag, and no member owns the partition while its committed offset stays put: nobody is consuming. */
    STOP,
    /** Lag, a member owns the partition, but the committed offset did not move in the whole window. */
    STALL,
    /** The committed offset went back and has not come back to where it was. */
    REWIND;

    /** The group status this partition status amounts to: STOP, STALL and REWIND are errors. */
    public GroupStatus groupStatus() {
        return switch (this) {
            case OK -> GroupStatus.OK;
            case WARN -> GroupStatus.WARN;
            case STOP, STALL, REWIND -> GroupStatus.ERR;
        };
    }
}
