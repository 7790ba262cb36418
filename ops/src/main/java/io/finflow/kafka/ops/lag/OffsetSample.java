package io.finflow.kafka.ops.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * The result of one sampling pass: every selected group's committed offsets and owners, and the log end
 * offsets of every partition they committed on, read after the committed offsets (so a log end offset is
 * never behind a commit of the same pass).
 *
 * @param time     when the log end offsets were read: every record before them existed at that instant
 * @param duration how long the pass took (the Admin round trips)
 * @param logEnds  log end offset per partition; a partition Kafka could not answer for is absent
 * @param groups   the groups, sorted by id
 */
public record OffsetSample(Instant time, Duration duration, Map<TopicPartition, Long> logEnds,
                           List<GroupOffsets> groups) {

    /** Copies the collections. */
    public OffsetSample {
        logEnds = Map.copyOf(logEnds);
        groups = List.copyOf(groups);
    }
}
