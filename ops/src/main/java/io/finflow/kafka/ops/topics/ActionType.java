package io.finflow.kafka.ops.topics;

/**
 * What a {@link TopicAction} does, or why it cannot be done.
 *
 * <p>Executable actions are carried out by {@link TopicsService#apply(TopicPlan)}; the others are
 * refusals: while a plan holds one, {@code apply} changes nothing and fails.
 */
public enum ActionType {
    /** The topic is in the catalog but not on the cluster: create it with the catalog's layout. */
    CREATE(true),
    /** The catalog has more partitions than the cluster: add them (allowed on keyed topics only with key remap). */
    ADD_PARTITIONS(true),
    /** A managed config differs from the catalog (drift): set it to the catalog's value. */
    CONFIG_CHANGE(true),
    /** The topic is on the cluster but not in the catalog, and deletion was allowed: delete it. */
    DELETE(true),
    /** The replication factor differs: needs a partition reassignment, which apply does not do. */
    REPLICATION_CHANGE_UNSUPPORTED(false),
    /** The cluster has more partitions than the catalog: Kafka cannot remove partitions. */
    PARTITION_DECREASE_UNSUPPORTED(false),
    /** A partition increase on a keyed or compacted topic, not allowed without key remap. */
    REFUSED(false);

    private final boolean executable;

    ActionType(boolean executable) {
        this.executable = executable;
    }

    /** True when {@code apply} carries the action out; false for refusals. */
    public boolean executable() {
        return executable;
    }
}
