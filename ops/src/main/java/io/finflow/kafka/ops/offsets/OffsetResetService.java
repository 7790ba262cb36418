package io.finflow.kafka.ops.offsets;

import static io.finflow.kafka.ops.internal.KafkaCalls.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.finflow.kafka.ops.OperationRefusedException;
import io.finflow.kafka.ops.OpsException;
import io.finflow.kafka.ops.internal.KafkaCalls;
import io.finflow.kafka.ops.internal.OffsetLookup;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans and executes consumer group offset resets, with a backup that can be restored.
 *
 * <pre>{@code
 * OffsetResetService offsets = new OffsetResetService(admin);
 * OffsetResetPlan plan = offsets.plan(ResetRequest.of("accounting", "transaction-events",
 *         ResetTarget.toDatetime(ResetArguments.parseDatetime("2026-01-01T10:00:00Z"))));
 * // show the plan; only on --execute:
 * offsets.execute(plan, Path.of("accounting-before-reset.csv"));
 * // undo:
 * offsets.execute(offsets.plan(ResetRequest.of("accounting", null,
 *         ResetTarget.fromFile(Path.of("accounting-before-reset.csv")))), Path.of("undo-backup.csv"));
 * }</pre>
 *
 * <p>{@link #plan} only reads, so a dry run is the default; {@link #execute} commits. Both refuse, with an
 * {@link OperationRefusedException} and nothing changed, when the group has active members, a topic or
 * partition does not exist, a target lies outside the log (unless clamping is allowed), or a datetime
 * is after the last record. The service does not close the {@code Admin}.
 */
public final class OffsetResetService {

    private static final Logger log = LoggerFactory.getLogger(OffsetResetService.class);
    private static final int PROBLEMS_SHOWN = 3;

    private final Admin admin;
    private final Clock clock;
    private final Duration timeout;
    private final OffsetLookup lookup;
    private final ResetTargetResolver resolver;

    /** A service on the system clock with {@link KafkaCalls#DEFAULT_TIMEOUT} per Admin call. */
    public OffsetResetService(Admin admin) {
        this(admin, Clock.systemUTC(), KafkaCalls.DEFAULT_TIMEOUT);
    }

    /**
     * A service whose {@code by-duration} counts back from {@code clock}'s now.
     *
     * @param timeout time allowed to each Admin call
     */
    public OffsetResetService(Admin admin, Clock clock, Duration timeout) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = KafkaCalls.requirePositive(timeout);
        this.lookup = new OffsetLookup(admin, timeout);
        this.resolver = new ResetTargetResolver(lookup, clock);
    }

    /**
     * Computes the new offsets without changing anything: per partition the committed offset, the new one,
     * and the log start and end.
     *
     * @throws OperationRefusedException when the group has active members, a topic or partition does not
     *                                   exist, a target is outside {@code [log start, log end]} and clamping
     *                                   is not allowed, a datetime is after the last record of every selected
     *                                   partition, or {@code shift-by} meets a partition without committed offset
     * @throws OpsException              when the cluster cannot be read
     */
    public OffsetResetPlan plan(ResetRequest request) {
        Objects.requireNonNull(request, "request");
        String group = request.group();
        requireNoActiveMembers(group);
        Map<TopicPartition, Long> fileOffsets = Map.of();
        List<TopicPartition> partitions;
        if (request.target() instanceof ResetTarget.FromFile f) {
            fileOffsets = fileOffsets(f.file(), request);
            partitions = requireExisting(fileOffsets.keySet());
        } else {
            partitions = partitionsOf(request.topic(), request.partitions());
        }
        Map<TopicPartition, Long> committed = lookup.committed(group);
        Map<TopicPartition, Long> logStarts = lookup.logOffsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> logEnds = lookup.logOffsets(partitions, OffsetSpec.latest());
        ResetTargetResolver.Targets targets = resolver.resolve(group, request.target(),
                new ResetTargetResolver.Positions(partitions, committed, logStarts, logEnds, fileOffsets));

        List<PartitionReset> resets = new ArrayList<>();
        List<String> outOfRange = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            long start = logStarts.get(tp);
            long end = logEnds.get(tp);
            long wanted = targets.offsets().get(tp);
            String note = targets.notes().get(tp);
            long offset = wanted;
            if (wanted < start || wanted > end) {
                if (!request.allowClamp()) {
                    outOfRange.add("offset " + wanted + " for " + tp + " is outside the log [" + start + ", " + end
                            + "]");
                    continue;
                }
                offset = wanted < start ? start : end;
                note = "clamped from " + wanted + " to the log " + (wanted < start ? "start " : "end ") + offset;
            }
            resets.add(new PartitionReset(tp.topic(), tp.partition(), committed.get(tp), offset, start, end, note));
        }
        if (!outOfRange.isEmpty()) {
            throw new OperationRefusedException(summarize(outOfRange)
                    + "; allowClamp (--allow-clamp) moves such targets to the nearest end of the log");
        }
        return new OffsetResetPlan(group, request.target().describe(), resets);
    }

    /**
     * Commits the plan's new offsets (as computed when planning) for its group, after writing the offsets committed until now to
     * {@code backupFile} (CSV, readable by {@link ResetTarget#fromFile}); a partition without committed
     * offset is noted there as a comment, since there is no offset to restore.
     *
     * @param backupFile a file that does not exist yet
     * @throws OperationRefusedException when the group got active members since the plan; nothing changed
     * @throws OpsException              when the backup file exists or cannot be written (nothing changed), or
     *                                   Kafka rejects the commit (the message names the backup)
     */
    public OffsetResetResult execute(OffsetResetPlan plan, Path backupFile) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(backupFile, "backupFile");
        if (plan.partitions().isEmpty()) {
            throw new OperationRefusedException("the plan for group '" + plan.group() + "' resets no partition");
        }
        if (Files.exists(backupFile)) {
            throw new OpsException("backup file " + backupFile + " already exists; choose a new name so no earlier"
                    + " backup is overwritten");
        }
        String group = plan.group();
        requireNoActiveMembers(group);
        writeBackup(plan, backupFile);

        Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
        plan.partitions().forEach(r -> offsets.put(new TopicPartition(r.topic(), r.partition()),
                new OffsetAndMetadata(r.newOffset())));
        try {
            await(admin.alterConsumerGroupOffsets(group, offsets).all(), timeout,
                    "commit the new offsets of group '" + group + "'");
        } catch (OpsException e) {
            throw new OpsException(e.getMessage() + "; the offsets from before are in " + backupFile, e.getCause());
        }
        log.info("reset {} partition(s) of group '{}' {}; previous offsets in {}", offsets.size(), group,
                plan.target(), backupFile);
        return new OffsetResetResult(group, backupFile.toString(), plan.partitions());
    }

    private void writeBackup(OffsetResetPlan plan, Path backupFile) {
        Map<TopicPartition, Long> committed = lookup.committed(plan.group());
        List<OffsetEntry> entries = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        comments.add("finflow offsets backup of group " + plan.group() + " taken " + clock.instant()
                + " before reset " + plan.target());
        for (PartitionReset r : plan.partitions()) {
            Long previous = committed.get(new TopicPartition(r.topic(), r.partition()));
            if (previous == null) {
                comments.add(r.topic() + "," + r.partition() + " had no committed offset");
            } else {
                entries.add(new OffsetEntry(r.topic(), r.partition(), previous));
            }
        }
        OffsetsFile.write(backupFile, entries, comments);
    }

    private void requireNoActiveMembers(String group) {
        ConsumerGroupDescription description;
        try {
            description = await(admin.describeConsumerGroups(List.of(group)).describedGroups().get(group), timeout,
                    "describe consumer group '" + group + "'");
        } catch (OpsException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return;
            }
            throw e;
        }
        int members = description.members().size();
        if (members > 0) {
            throw new OperationRefusedException("group " + group + " has " + members + " active member"
                    + (members == 1 ? "; stop it" : "s; stop them") + " before resetting offsets");
        }
    }

    /** All partitions of the topic, or the given ones after checking they exist. */
    private List<TopicPartition> partitionsOf(String topic, List<Integer> wanted) {
        int count = describe(Set.of(topic)).get(topic).partitions().size();
        List<Integer> missing = wanted.stream().filter(p -> p >= count).toList();
        if (!missing.isEmpty()) {
            throw new OperationRefusedException("topic '" + topic + "' has no partition " + missing
                    + " (it has partitions 0-" + (count - 1) + ")");
        }
        List<Integer> chosen = wanted.isEmpty()
                ? IntStream.range(0, count).boxed().toList() : wanted;
        return chosen.stream().map(p -> new TopicPartition(topic, p)).toList();
    }

    private List<TopicPartition> requireExisting(Set<TopicPartition> partitions) {
        Set<String> topics = partitions.stream().map(TopicPartition::topic).collect(Collectors.toSet());
        Map<String, TopicDescription> descriptions = describe(topics);
        List<String> missing = partitions.stream()
                .filter(tp -> tp.partition() >= descriptions.get(tp.topic()).partitions().size())
                .map(TopicPartition::toString).sorted().toList();
        if (!missing.isEmpty()) {
            throw new OperationRefusedException("no such partition: " + missing);
        }
        return partitions.stream().sorted(Comparator.comparing(TopicPartition::topic)
                .thenComparingInt(TopicPartition::partition)).toList();
    }

    /** Descriptions of the topics; refuses naming the first topic that does not exist. */
    private Map<String, TopicDescription> describe(Set<String> topics) {
        Map<String, TopicDescription> descriptions = new HashMap<>();
        admin.describeTopics(topics).topicNameValues().forEach((topic, future) -> {
            try {
                descriptions.put(topic, await(future, timeout, "describe topic '" + topic + "'"));
            } catch (OpsException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    throw new OperationRefusedException("topic '" + topic + "' does not exist");
                }
                throw e;
            }
        });
        return descriptions;
    }

    private static Map<TopicPartition, Long> fileOffsets(Path file, ResetRequest request) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (OffsetEntry e : OffsetsFile.read(file)) {
            boolean topicMatches = request.topic() == null || request.topic().equals(e.topic());
            boolean partitionMatches = request.partitions().isEmpty() || request.partitions().contains(e.partition());
            if (topicMatches && partitionMatches) {
                offsets.put(new TopicPartition(e.topic(), e.partition()), e.offset());
            }
        }
        if (offsets.isEmpty()) {
            throw new OperationRefusedException("offsets file " + file + " has no entry"
                    + (request.topic() == null ? "" : " for topic '" + request.topic() + "'"
                    + (request.partitions().isEmpty() ? "" : " partitions " + request.partitions())));
        }
        return offsets;
    }

    private static String summarize(List<String> problems) {
        String shown = String.join("; ", problems.subList(0, Math.min(PROBLEMS_SHOWN, problems.size())));
        return problems.size() > PROBLEMS_SHOWN ? shown + " (and " + (problems.size() - PROBLEMS_SHOWN) + " more)"
                : shown;
    }
}
