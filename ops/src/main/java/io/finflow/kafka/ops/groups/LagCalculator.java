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
import java.util.TreeSet;

import io.finflow.kafka.ops.OpsException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offset lag from Admin offsets, time lag from the timestamp of the first unconsumed record. Many groups
 * are computed together: one {@code listOffsets} for every log start, and one reading consumer for every
 * distinct lagging position of every group (a caught-up partition costs no read).
 */
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
        return lag(Map.of("", committed), Map.of("", owners), logEnds, now).get("");
    }

    /**
     * Rows of many groups at once, from log end offsets already known.
     *
     * @param committed per group, committed offset per partition (values may be {@code null}: no commit)
     * @param owners    per group, client id of the member owning each partition
     * @return per group, one row per partition of its {@code committed}, sorted by topic and partition
     */
    Map<String, List<PartitionLag>> lag(Map<String, Map<TopicPartition, Long>> committed,
                                        Map<String, Map<TopicPartition, String>> owners,
                                        Map<TopicPartition, Long> logEnds, Instant now) {
        Map<TopicPartition, Set<Long>> lagging = new HashMap<>();
        committed.values().forEach(offsets -> offsets.forEach((tp, offset) -> {
            Long end = logEnds.get(tp);
            if (offset != null && end != null && end > offset) {
                lagging.computeIfAbsent(tp, k -> new TreeSet<>()).add(offset);
            }
        }));
        Map<TopicPartition, Long> logStarts = offsets(lagging.keySet(), OffsetSpec.earliest());
        Map<TopicPartition, Set<Long>> positions = new HashMap<>();
        lagging.forEach((tp, offsets) -> offsets.forEach(o ->
                positions.computeIfAbsent(tp, k -> new TreeSet<>()).add(start(tp, o, logStarts))));
        Map<TopicPartition, Map<Long, OptionalLong>> firstTimestamps = timestamps.timestampsAt(positions, logEnds);

        Map<String, List<PartitionLag>> rows = new HashMap<>();
        committed.forEach((group, offsets) -> rows.put(group, offsets.entrySet().stream()
                .map(e -> {
                    TopicPartition tp = e.getKey();
                    Long offset = e.getValue();
                    OptionalLong first = offset == null ? null : firstTimestamps.getOrDefault(tp, Map.of())
                            .get(start(tp, offset, logStarts));
                    return row(tp, offset, logEnds.get(tp), first, owners.getOrDefault(group, Map.of()).get(tp), now);
                })
                .sorted(Comparator.comparing(PartitionLag::topic).thenComparingInt(PartitionLag::partition))
                .toList()));
        return rows;
    }

    /** Where the oldest unconsumed record is: the committed offset, or the log start when retention removed it. */
    private static long start(TopicPartition tp, long committed, Map<TopicPartition, Long> logStarts) {
        return Math.max(committed, logStarts.getOrDefault(tp, committed));
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
