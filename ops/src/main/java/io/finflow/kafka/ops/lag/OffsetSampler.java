package io.finflow.kafka.ops.lag;

import static io.finflow.kafka.ops.internal.KafkaCalls.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.finflow.kafka.ops.OpsException;
import io.finflow.kafka.ops.internal.KafkaCalls;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the committed offsets, members and log end offsets of many consumer groups in a fixed number of
 * Admin round trips, whatever the number of groups and partitions: list the groups; describe them all and
 * fetch all their committed offsets in one request each (Kafka batches them per coordinator); then the log
 * end offsets of every partition in one {@code listOffsets} (batched per leader). This is the fast path
 * shared by {@code finflow groups lag} and {@code finflow lag-exporter}; it reads no records.
 *
 * <p>A group deleted between the calls is left out; a partition whose log end offset Kafka cannot give
 * (a deleted topic) is absent from {@link OffsetSample#logEnds()}, so its lag is unknown. Does not close
 * the {@code Admin}. Thread-safe if the Admin is (Kafka's is).
 */
public final class OffsetSampler {

    private static final Logger log = LoggerFactory.getLogger(OffsetSampler.class);

    private final Admin admin;
    private final Predicate<String> groups;
    private final Duration timeout;
    private final Clock clock;

    /**
     * @param groups  which group ids to sample
     * @param timeout time allowed to each Admin round trip
     */
    public OffsetSampler(Admin admin, Predicate<String> groups, Duration timeout, Clock clock) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.groups = Objects.requireNonNull(groups, "groups");
        this.timeout = KafkaCalls.requirePositive(timeout);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Samples every consumer group the filter selects (classic and KIP-848 groups, and groups that only
     * store offsets).
     *
     * @throws OpsException when Kafka does not answer in time or refuses (e.g. not authorized)
     */
    public OffsetSample sample() {
        long start = System.nanoTime();
        Collection<GroupListing> listings = await(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all(),
                timeout, "list consumer groups");
        List<String> ids = listings.stream().map(GroupListing::groupId).filter(groups).sorted().toList();
        return sample(ids, start);
    }

    /**
     * Samples the given groups (the filter is not applied). A group that does not exist comes back with
     * no members and no commits.
     */
    public OffsetSample sample(Collection<String> groupIds) {
        return sample(List.copyOf(new java.util.TreeSet<>(groupIds)), System.nanoTime());
    }

    private OffsetSample sample(List<String> ids, long start) {
        if (ids.isEmpty()) {
            return new OffsetSample(clock.instant(), Duration.ofNanos(System.nanoTime() - start), Map.of(), List.of());
        }
        Map<String, KafkaFuture<ConsumerGroupDescription>> described = admin.describeConsumerGroups(ids)
                .describedGroups();
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        ids.forEach(id -> specs.put(id, new ListConsumerGroupOffsetsSpec()));
        ListConsumerGroupOffsetsResult offsets = admin.listConsumerGroupOffsets(specs);
        settle(KafkaFuture.allOf(described.values().toArray(KafkaFuture[]::new)), "describe consumer groups");
        settle(offsets.all(), "list committed offsets of " + ids.size() + " consumer group(s)");

        List<GroupOffsets> result = new ArrayList<>();
        Set<TopicPartition> partitions = new HashSet<>();
        for (String id : ids) {
            ConsumerGroupDescription description = describe(id, described.get(id));
            Map<TopicPartition, Long> committed = committed(id, offsets);
            if (description == null && committed.isEmpty()) {
                continue;
            }
            Map<TopicPartition, PartitionOwner> owners = new HashMap<>();
            int members = 0;
            String state = "Dead";
            if (description != null) {
                state = description.groupState().toString();
                members = description.members().size();
                for (MemberDescription m : description.members()) {
                    PartitionOwner owner = new PartitionOwner(m.consumerId(), m.clientId(), m.host());
                    m.assignment().topicPartitions().forEach(tp -> owners.put(tp, owner));
                }
            }
            partitions.addAll(committed.keySet());
            result.add(new GroupOffsets(id, state, members, committed, owners));
        }
        Map<TopicPartition, Long> logEnds = logEnds(partitions);
        Instant time = clock.instant();
        return new OffsetSample(time, Duration.ofNanos(System.nanoTime() - start), logEnds, result);
    }

    /**
     * Where each partition's log ended at each of {@code times}, from {@code listOffsets} by timestamp (one
     * batched request per instant): the first offset whose record is stamped at or after the instant, or the
     * current log end when every record is older. Used to seed the time lag estimate of partitions seen for
     * the first time. A partition or instant Kafka cannot answer for is left out.
     *
     * @return per partition, (instant, log end offset then) pairs
     */
    public Map<TopicPartition, Map<Instant, Long>> logEndsAt(Map<TopicPartition, Long> currentLogEnds,
                                                           List<Instant> times) {
        Map<TopicPartition, Map<Instant, Long>> found = new HashMap<>();
        if (currentLogEnds.isEmpty() || times.isEmpty()) {
            return found;
        }
        Map<Instant, ListOffsetsResult> results = new HashMap<>();
        for (Instant t : times) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            currentLogEnds.keySet().forEach(tp -> request.put(tp, OffsetSpec.forTimestamp(t.toEpochMilli())));
            results.put(t, admin.listOffsets(request));
        }
        for (Map.Entry<Instant, ListOffsetsResult> e : results.entrySet()) {
            settle(e.getValue().all(), "list offsets by timestamp");
            currentLogEnds.forEach((tp, end) -> {
                KafkaFuture<ListOffsetsResult.ListOffsetsResultInfo> future = e.getValue().partitionResult(tp);
                if (future.isDone() && !future.isCompletedExceptionally()) {
                    long offset = await(future, timeout, "list offsets of " + tp).offset();
                    found.computeIfAbsent(tp, k -> new TreeMap<>()).put(e.getKey(), offset < 0 ? end : offset);
                }
            });
        }
        return found;
    }

    /**
     * Waits until every future of a batched call completed, failed ones included (they are handled one by
     * one afterwards), so that a broker that does not answer costs one timeout, not one per group.
     */
    private void settle(KafkaFuture<?> all, String action) {
        try {
            all.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            // Some failed; each one is looked at by the caller.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpsException("interrupted while trying to " + action, e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new OpsException("could not " + action + ": no answer from Kafka within " + timeout
                    + " (is bootstrap.servers reachable?)", e);
        }
    }

    private ConsumerGroupDescription describe(String id, KafkaFuture<ConsumerGroupDescription> future) {
        try {
            return await(future, timeout, "describe consumer group '" + id + "'");
        } catch (OpsException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return null;
            }
            throw e;
        }
    }

    private Map<TopicPartition, Long> committed(String id, ListConsumerGroupOffsetsResult offsets) {
        Map<TopicPartition, OffsetAndMetadata> raw;
        try {
            raw = await(offsets.partitionsToOffsetAndMetadata(id), timeout,
                    "list committed offsets of group '" + id + "'");
        } catch (OpsException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return Map.of();
            }
            throw e;
        }
        Map<TopicPartition, Long> committed = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::topic)
                .thenComparingInt(TopicPartition::partition));
        raw.forEach((tp, om) -> {
            if (om != null) {
                committed.put(tp, om.offset());
            }
        });
        return committed;
    }

    private Map<TopicPartition, Long> logEnds(Set<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = new HashMap<>();
        if (partitions.isEmpty()) {
            return ends;
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
        ListOffsetsResult result = admin.listOffsets(request);
        settle(result.all(), "list log end offsets of " + partitions.size() + " partition(s)");
        List<TopicPartition> unknown = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            KafkaFuture<ListOffsetsResult.ListOffsetsResultInfo> future = result.partitionResult(tp);
            if (future.isDone() && !future.isCompletedExceptionally()) {
                ends.put(tp, await(future, timeout, "list offsets of " + tp).offset()); // done: no wait
            } else {
                unknown.add(tp);
            }
        }
        if (!unknown.isEmpty()) {
            log.warn("log end offsets unknown for {} partition(s), their lag is unknown: {}", unknown.size(),
                    unknown.size() > 10 ? unknown.subList(0, 10) + " ..." : unknown);
        }
        return ends;
    }
}
