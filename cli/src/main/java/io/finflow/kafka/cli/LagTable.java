package io.finflow.kafka.cli;

import java.util.List;

import io.finflow.kafka.ops.groups.PartitionLag;

/** The per-partition lag columns shared by {@code groups describe} and {@code groups lag}. */
final class LagTable {

    private LagTable() {
    }

    /** A table of one group's partitions: committed, end, lag, time lag, owner. */
    static Table of(List<PartitionLag> partitions) {
        Table table = new Table("TOPIC", "PARTITION", "COMMITTED", "END", "LAG", "TIME-LAG-S", "OWNER");
        partitions.forEach(p -> table.row(p.topic(), p.partition(), p.committedOffset(), p.logEndOffset(),
                p.offsetLag(), p.timeLagSeconds(), p.clientId()));
        return table;
    }
}
