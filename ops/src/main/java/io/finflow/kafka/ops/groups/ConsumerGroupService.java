package io.finflow.kafka.ops.groups;

import static io.finflow.kafka.ops.internal.KafkaCalls.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import io.finflow.kafka.ops.OpsException;
import io.finflow.kafka.ops.internal.KafkaCalls;
import io.finflow.kafka.ops.internal.OffsetLookup;
import io.finflow.kafka.ops.lag.GroupOffsets;
import io.finflow.kafka.ops.lag.OffsetSample;
import io.finflow.kafka.ops.lag.OffsetSampler;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Consumer groups and their lag: offset lag (records not yet consumed) and time lag (how old the
 * oldest unconsumed record is).
 *
 * <pre>{@code
 * ConsumerGroupService groups = new ConsumerGroupService(admin, clientConfig);
 * for (GroupLag g : groups.lag(Optional.empty())) {
 *     out.println(g.groupId() + " lag=" + g.totalLag() + " time lag=" + g.maxTimeLagSeconds() + "s");
 * }
 * }</pre>
 *
 * <p>Offsets come from the Admin API ({@code listConsumerGroupOffsets}, {@code listOffsets}). Time lag
 * needs the timestamp of the first unconsumed record, which only a fetch gives: the service then opens a
 * short-lived consumer from {@code clientConfig} that uses {@code assign} and {@code seek} and never
 * joins or commits for any group. The service does not close the {@code Admin}.
 */
public final class ConsumerGroupService {

    private final Admin admin;
    private final Clock clock;
    private final Duration timeout;
    private final OffsetLookup lookup;
    private final LagCalculator calculator;
    private final OffsetSampler sampler;

    /**
     * A service on the system clock with {@link KafkaCalls#DEFAULT_TIMEOUT} per call.
     *
     * @param clientConfig how to connect a consumer (bootstrap servers, security), as for the Admin
     */
    public ConsumerGroupService(Admin admin, Map<String, Object> clientConfig) {
        this(admin, clientConfig, Clock.systemUTC(), KafkaCalls.DEFAULT_TIMEOUT);
    }

    /**
     * A service measuring time lag against {@code clock}.
     *
     * @param clientConfig how to connect a consumer (bootstrap servers, security), as for the Admin
     * @param timeout      time allowed to each Admin call and to reading the record timestamps of one group
     */
    public ConsumerGroupService(Admin admin, Map<String, Object> clientConfig, Clock clock, Duration timeout) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = KafkaCalls.requirePositive(timeout);
        Objects.requireNonNull(clientConfig, "clientConfig");
        this.lookup = new OffsetLookup(admin, timeout);
        this.calculator = new LagCalculator(admin, new OffsetTimestampReader(clientConfig, timeout), timeout);
        this.sampler = new OffsetSampler(admin, id -> true, timeout, clock);
    }

    /**
     * Every consumer group (classic and KIP-848 consumer groups, including groups that only store
     * offsets), sorted by id.
     *
     * @throws OpsException when the cluster cannot be read
     */
    public List<GroupSummary> list() {
        Collection<GroupListing> listings = listings();
        if (listings.isEmpty()) {
            return List.of();
        }
        Map<String, ConsumerGroupDescription> descriptions =
                describeAll(listings.stream().map(GroupListing::groupId).toList());
        return listings.stream()
                .map(l -> summary(l, descriptions.get(l.groupId())))
                .sorted(Comparator.comparing(GroupSummary::groupId))
                .toList();
    }

    /**
     * One group: its state, its members with their assigned partitions, and per partition (committed or
     * assigned) the committed offset, log end offset, offset lag and time lag.
     *
     * @throws OpsException "consumer group 'g' does not exist", or when the cluster cannot be read
     */
    public GroupDetails describe(String group) {
        Objects.requireNonNull(group, "group");
        ConsumerGroupDescription description = requireGroup(group);
        Map<TopicPartition, Long> committed = lookup.committed(group);
        List<MemberDetails> members = new ArrayList<>();
        Map<TopicPartition, String> owners = new HashMap<>();
        for (MemberDescription m : description.members()) {
            Map<String, List<Integer>> assignment = new TreeMap<>();
            for (TopicPartition tp : m.assignment().topicPartitions()) {
                assignment.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition());
                owners.put(tp, m.clientId());
                committed.putIfAbsent(tp, null);
            }
            members.add(new MemberDetails(m.consumerId(), m.groupInstanceId().orElse(null), m.clientId(), m.host(),
                    assignment));
        }
        members.sort(Comparator.comparing(MemberDetails::clientId).thenComparing(MemberDetails::memberId));
        List<PartitionLag> partitions = calculator.lag(committed, owners, clock.instant());
        Integer coordinator = description.coordinator() == null || description.coordinator().isEmpty()
                ? null : description.coordinator().id();
        return new GroupDetails(group, description.groupState().toString(), description.type().name(),
                description.partitionAssignor(), coordinator, members, partitions);
    }

    /**
     * Lag of one group, or of every consumer group when {@code group} is empty, over the partitions each
     * group has committed offsets for. All time lags of one call are measured against the same instant.
     *
     * <p>Cost: a fixed number of Admin round trips whatever the number of groups ({@link OffsetSampler}, the
     * lag exporter's fast path), plus one short-lived consumer that reads the first unconsumed record of
     * each distinct lagging position (caught-up partitions cost no read).
     *
     * @throws OpsException "consumer group 'g' does not exist" for an unknown group, or when the cluster
     *                      cannot be read
     */
    public List<GroupLag> lag(Optional<String> group) {
        Objects.requireNonNull(group, "group");
        Instant now = clock.instant();
        OffsetSample sample;
        if (group.isPresent()) {
            requireGroup(group.get());
            sample = sampler.sample(List.of(group.get()));
        } else {
            sample = sampler.sample();
        }
        Map<String, Map<TopicPartition, Long>> committed = new HashMap<>();
        Map<String, Map<TopicPartition, String>> owners = new HashMap<>();
        for (GroupOffsets g : sample.groups()) {
            committed.put(g.groupId(), g.committed());
            Map<TopicPartition, String> clients = new HashMap<>();
            g.owners().forEach((tp, owner) -> clients.put(tp, owner.clientId()));
            owners.put(g.groupId(), clients);
        }
        Map<String, List<PartitionLag>> rows = calculator.lag(committed, owners, sample.logEnds(), now);
        return sample.groups().stream()
                .map(g -> GroupLag.of(g.groupId(), g.state(), g.members(), rows.get(g.groupId())))
                .toList();
    }

    private Collection<GroupListing> listings() {
        return await(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all(), timeout, "list consumer groups");
    }

    private ConsumerGroupDescription requireGroup(String group) {
        ConsumerGroupDescription description;
        try {
            description = await(admin.describeConsumerGroups(List.of(group)).describedGroups().get(group), timeout,
                    "describe consumer group '" + group + "'");
        } catch (OpsException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                throw new OpsException("consumer group '" + group + "' does not exist", e.getCause());
            }
            throw e;
        }
        if (description.groupState() == GroupState.DEAD && lookup.committed(group).isEmpty()) {
            throw new OpsException("consumer group '" + group + "' does not exist");
        }
        return description;
    }

    /** Descriptions of the groups that still exist; a group gone since it was listed is left out. */
    private Map<String, ConsumerGroupDescription> describeAll(List<String> ids) {
        Map<String, ConsumerGroupDescription> descriptions = new HashMap<>();
        if (ids.isEmpty()) {
            return descriptions;
        }
        admin.describeConsumerGroups(ids).describedGroups().forEach((id, future) -> {
            try {
                descriptions.put(id, await(future, timeout, "describe consumer group '" + id + "'"));
            } catch (OpsException e) {
                if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    throw e;
                }
            }
        });
        return descriptions;
    }

    private static GroupSummary summary(GroupListing listing, ConsumerGroupDescription description) {
        String state = description != null ? description.groupState().toString()
                : listing.groupState().map(GroupState::toString).orElse(GroupState.UNKNOWN.toString());
        String type = description != null ? description.type().name()
                : listing.type().map(Enum::name).orElse("UNKNOWN");
        return new GroupSummary(listing.groupId(), state, description == null ? 0 : description.members().size(),
                type, listing.protocol());
    }
}
