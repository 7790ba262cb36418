package io.finflow.kafka.ops.topics;

import java.util.List;

/**
 * One partition of {@link TopicDetails}.
 *
 * @param partition partition number
 * @param leader    broker id of the leader, {@code null} when the partition has none (offline)
 * @param replicas  broker ids holding a copy, preferred leader first
 * @param isr       broker ids of the in-sync replicas
 */
public record PartitionDetails(int partition, Integer leader, List<Integer> replicas, List<Integer> isr) {

    /** Copies the lists. */
    public PartitionDetails {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
    }
}
