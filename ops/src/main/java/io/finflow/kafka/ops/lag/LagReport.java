package io.finflow.kafka.ops.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * Every selected group's lag and status at one sample.
 *
 * @param time           when the sample was taken
 * @param sampleDuration how long the sample's Admin round trips took
 * @param groups         the groups, sorted by id
 * @param logEnds        log end offset of every partition a group committed on
 */
public record LagReport(Instant time, Duration sampleDuration, List<GroupLagStatus> groups,
                        Map<TopicPartition, Long> logEnds) {

    /** No sample yet. */
    public static final LagReport EMPTY = new LagReport(Instant.EPOCH, Duration.ZERO, List.of(), Map.of());

    /** Copies the collections. */
    public LagReport {
        groups = List.copyOf(groups);
        logEnds = Map.copyOf(logEnds);
    }
}
