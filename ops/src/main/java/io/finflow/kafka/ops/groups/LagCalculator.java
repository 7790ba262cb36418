package io.finflow.kafka.ops.groups;

import static io.finflow.kafka.ops.internal.KafkaCalls.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import io.finflow.kafka.ops.OpsException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Offset lag from Admin offsets, time lag from the timestamp of the first unconsumed record. */
final class LagCalculator {

    private static final Logger log = LoggerFactory.getLogger(LagCalculator.class);

    private final Admin admin;
    private final OffsetTimestampReader timestamps;
    private final Duration timeout;

    LagCalculator(Admin admin, OffsetTimestampReader timestamps, Duration timeout) {
        this.admin = admin;
        this.timestamps = timestamps;
        this.timeout = timeout;
    }

    /**
     * One row per partition of {@code committed}, whose values may be {@code null} (no commit).
     *
     * @param owners client id of the member owning each partition, where one does
     * @param now    the instant time lag is measured against
     */
    List<PartitionLag> lag(Map<TopicPartition, Long> committed, Map<TopicPartition, String> owners, Instant now) {
        Map<TopicPartition, Long> logEnds = offsets(committed.keySet(), OffsetSpec.latest());
        Map<TopicPartition, Long> positions = new HashMap<>();
        committed.forEach((tp, offset) -> {
            Long end = logEnds.get(tp);
            if (offset != null && end != null && end > offset) {
                positions.put(tp, offset);
            }
        });
        Map<TopicPartition, Long> logStarts = offsets(positions.keySet(), OffsetSpec.earliest());
        positions.replaceAll((tp, offset) -> Math.max(offset, logStarts.getOrDefault(tp, offset)));
        Map<TopicPartition, OptionalLong> firstTimestamps = timestamps.timestampsAt(positions, logEnds);

        return committed.entrySet().stream()
                .map(e -> row(e.getKey(), e.getValue(), logEnds.get(e.getKey()), firstTimestamps.get(e.getKey()),
                        owners.get(e.getKey()), now))
                .sorted(Comparator.comparing(PartitionLag::topic).thenComparingInt(PartitionLag::partition))
                .toList();
    }

    private static PartitionLag row(TopicPartition tp, Long committed, Long logEnd, OptionalLong firstTimestamp,
                                    String owner, Instant now) {
        Long offsetLag = committed == null || logEnd == null ? null : Math.max(0, logEnd - committed);
        Long timeLag = null;
        Instant oldest = null;
        if (offsetLag != null && offsetLag == 0) {
            timeLag = 0L;
        } else if (firstTimestamp != null) {
            if (firstTimestamp.isPresent()) {
                oldest = Instant.ofEpochMilli(firstTimestamp.getAsLong());
                timeLag = Math.max(0, Duration.between(oldest, now).toSeconds());
            } else {
                timeLag = 0L;
            }
        }
        return new PartitionLag(tp.topic(), tp.partition(), committed, logEnd, offsetLag, timeLag, oldest, owner);
    }

    /** Offsets per partition; a partition Kafka cannot answer for (e.g. deleted topic) is left out. */
    private Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        if (partitions.isEmpty()) {
            return offsets;
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        ListOffsetsResult result = admin.listOffsets(request);
        for (TopicPartition tp : partitions) {
            try {
                offsets.put(tp, await(result.partitionResult(tp), timeout, "list offsets of " + tp).offset());
            } catch (OpsException e) {
                log.warn("{}; its lag is unknown", e.getMessage());
            }
        }
        return offsets;
    }
}
