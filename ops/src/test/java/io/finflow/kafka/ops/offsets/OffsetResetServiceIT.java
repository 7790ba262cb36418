package io.finflow.kafka.ops.offsets;

import static io.finflow.kafka.ops.Fixtures.RECORDS_PER_PARTITION;
import static io.finflow.kafka.ops.Fixtures.timestampOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.finflow.kafka.ops.Fixtures;
import io.finflow.kafka.ops.OperationRefusedException;
import io.finflow.kafka.ops.OpsException;
import io.finflow.kafka.ops.PollingConsumer;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.KafkaExtension;
import io.finflow.kafka.testkit.junit.TestNames;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaExtension.class)
@SuppressWarnings("try") // test helpers: close() may throw InterruptedException; resources held, not read
class OffsetResetServiceIT {

    private static final int PARTITIONS = 3;
    private static final long END = RECORDS_PER_PARTITION;
    private static final Map<Integer, Long> START_POSITIONS = Map.of(0, 5L, 1, 6L, 2, 7L);

    @TempDir
    Path dir;

    private EmbeddedKafka kafka;
    private Admin admin;
    private String topic;
    private String group;
    private Instant base;
    private OffsetResetService offsets;

    @BeforeEach
    void setUp(EmbeddedKafka kafka, TestNames names) throws Exception {
        this.kafka = kafka;
        admin = Admin.create(kafka.clientProperties());
        topic = names.topic();
        group = names.group();
        base = Fixtures.baseTimestamp();
        Fixtures.createTopic(admin, topic, PARTITIONS);
        Fixtures.produce(kafka.clientProperties(), topic, PARTITIONS, base);
        Fixtures.commit(admin, group, topic, START_POSITIONS);
        offsets = service(Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        admin.close();
    }

    @Test
    void toEarliestAndToLatestPlanWithoutChangingAnythingAndExecuteCommits() throws Exception {
        OffsetResetPlan earliest = offsets.plan(ResetRequest.of(group, topic, ResetTarget.toEarliest()));

        assertThat(earliest.group()).isEqualTo(group);
        assertThat(earliest.target()).isEqualTo("to-earliest");
        assertThat(earliest.partitions()).containsExactly(
                new PartitionReset(topic, 0, 5L, 0, 0, END, null),
                new PartitionReset(topic, 1, 6L, 0, 0, END, null),
                new PartitionReset(topic, 2, 7L, 0, 0, END, null));
        assertThat(Fixtures.committed(admin, group, topic)).as("a plan is a dry run").isEqualTo(START_POSITIONS);

        offsets.execute(earliest, dir.resolve("before-earliest.csv"));
        assertThat(Fixtures.committed(admin, group, topic)).isEqualTo(Map.of(0, 0L, 1, 0L, 2, 0L));

        OffsetResetPlan latest = offsets.plan(ResetRequest.of(group, topic, ResetTarget.toLatest()));
        assertThat(latest.partitions()).extracting(PartitionReset::currentOffset, PartitionReset::newOffset)
                .containsOnly(tuple(0L, END));
        offsets.execute(latest, dir.resolve("before-latest.csv"));
        assertThat(Fixtures.committed(admin, group, topic)).isEqualTo(Map.of(0, END, 1, END, 2, END));
    }

    @Test
    void toOffsetAndShiftByApplyToTheSelectedPartitionsOnly() throws Exception {
        OffsetResetPlan toOffset = offsets.plan(ResetRequest.of(group, topic, ResetTarget.toOffset(3))
                .withPartitions(List.of(1)));
        assertThat(toOffset.partitions()).containsExactly(new PartitionReset(topic, 1, 6L, 3, 0, END, null));
        offsets.execute(toOffset, dir.resolve("b1.csv"));
        assertThat(Fixtures.committed(admin, group, topic)).isEqualTo(Map.of(0, 5L, 1, 3L, 2, 7L));

        OffsetResetPlan back = offsets.plan(ResetRequest.of(group, topic, ResetTarget.shiftBy(-2)));
        assertThat(back.partitions()).extracting(PartitionReset::newOffset).containsExactly(3L, 1L, 5L);
        OffsetResetPlan ahead = offsets.plan(ResetRequest.of(group, topic, ResetTarget.shiftBy(2))
                .withPartitions(List.of(0, 2)));
        assertThat(ahead.partitions()).extracting(PartitionReset::partition, PartitionReset::newOffset)
                .containsExactly(tuple(0, 7L), tuple(2, 9L));
        offsets.execute(ahead, dir.resolve("b2.csv"));
        assertThat(Fixtures.committed(admin, group, topic)).isEqualTo(Map.of(0, 7L, 1, 3L, 2, 9L));
    }

    @Test
    void toDatetimeFindsTheFirstRecordAtOrAfterItAndSaysWhereThereIsNone() {
        // partition p, offset i is stamped base + p*10min + i s: this instant is offset 4 of partition 1,
        // after every record of partition 0 and before every record of partition 2
        Instant datetime = timestampOf(base, 1, 4);

        OffsetResetPlan plan = offsets.plan(ResetRequest.of(group, topic, ResetTarget.toDatetime(datetime)));

        assertThat(plan.partitions()).extracting(PartitionReset::partition, PartitionReset::newOffset)
                .containsExactly(tuple(0, END), tuple(1, 4L), tuple(2, 0L));
        assertThat(plan.partitions().get(0).note()).isEqualTo("no record at or after " + datetime
                + " on this partition: moved to the log end");
        assertThat(plan.partitions().get(1).note()).isNull();
    }

    @Test
    void aDatetimeAfterTheLastRecordIsRefusedRatherThanJumpingToLatest() {
        Instant afterEverything = timestampOf(base, 2, END).plusSeconds(1);

        assertThatThrownBy(() -> offsets.plan(ResetRequest.of(group, topic, ResetTarget.toDatetime(afterEverything))))
                .isInstanceOf(OperationRefusedException.class)
                .hasMessageContaining("no record at or after " + afterEverything)
                .hasMessageContaining("is after the last record")
                .hasMessageContaining("to-latest");
    }

    @Test
    void byDurationCountsBackFromTheInjectedClock() {
        Instant datetime = timestampOf(base, 1, 4);
        OffsetResetService at = service(Clock.fixed(datetime.plus(Duration.ofHours(1)), ZoneOffset.UTC));

        OffsetResetPlan plan = at.plan(ResetRequest.of(group, topic, ResetTarget.byDuration(Duration.ofHours(1))));

        assertThat(plan.target()).isEqualTo("by-duration PT1H");
        assertThat(plan.partitions()).extracting(PartitionReset::newOffset).containsExactly(END, 4L, 0L);
        assertThatThrownBy(() -> at.plan(ResetRequest.of(group, topic, ResetTarget.byDuration(Duration.ofMinutes(1)))))
                .isInstanceOf(OperationRefusedException.class)
                .hasMessageContaining("by-duration PT1M (since ")
                .hasMessageContaining("is after the last record");
    }

    @Test
    void theBackupWrittenBeforeAResetRestoresExactlyThePreviousOffsets() throws Exception {
        Path backup = dir.resolve("backup.csv");
        OffsetResetResult reset = offsets.execute(
                offsets.plan(ResetRequest.of(group, topic, ResetTarget.toEarliest())), backup);

        assertThat(reset.backupFile()).isEqualTo(backup.toString());
        assertThat(Fixtures.committed(admin, group, topic)).isEqualTo(Map.of(0, 0L, 1, 0L, 2, 0L));
        assertThat(OffsetsFile.read(backup)).containsExactly(new OffsetEntry(topic, 0, 5), new OffsetEntry(topic, 1, 6),
                new OffsetEntry(topic, 2, 7));
        assertThat(Files.readString(backup)).startsWith("# finflow offsets backup of group " + group);

        OffsetResetPlan restore = offsets.plan(ResetRequest.of(group, null, ResetTarget.fromFile(backup)));
        assertThat(restore.partitions()).extracting(PartitionReset::currentOffset, PartitionReset::newOffset)
                .containsExactly(tuple(0L, 5L), tuple(0L, 6L), tuple(0L, 7L));
        offsets.execute(restore, dir.resolve("undo.csv"));

        assertThat(Fixtures.committed(admin, group, topic)).isEqualTo(START_POSITIONS);

        OffsetResetPlan onePartition = offsets.plan(ResetRequest.of(group, topic, ResetTarget.fromFile(backup))
                .withPartitions(List.of(2)));
        assertThat(onePartition.partitions()).containsExactly(new PartitionReset(topic, 2, 7L, 7, 0, END, null));
    }

    @Test
    void anExistingBackupFileIsNeverOverwrittenAndNothingIsCommitted() throws Exception {
        Path backup = Files.writeString(dir.resolve("taken.csv"), "earlier backup");
        OffsetResetPlan plan = offsets.plan(ResetRequest.of(group, topic, ResetTarget.toEarliest()));

        assertThatThrownBy(() -> offsets.execute(plan, backup))
                .isInstanceOf(OpsException.class)
                .hasMessageContaining(backup + " already exists");
        assertThat(Files.readString(backup)).isEqualTo("earlier backup");
        assertThat(Fixtures.committed(admin, group, topic)).isEqualTo(START_POSITIONS);
    }

    @Test
    void aGroupWithActiveMembersIsRefused(TestNames names) throws Exception {
        String active = names.group();
        try (PollingConsumer one = new PollingConsumer(kafka.clientProperties(), active, topic, "member-1");
             PollingConsumer two = new PollingConsumer(kafka.clientProperties(), active, topic, "member-2")) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(one.assignment().size() + two.assignment().size()).isEqualTo(PARTITIONS));

            assertThatThrownBy(() -> offsets.plan(ResetRequest.of(active, topic, ResetTarget.toEarliest())))
                    .isInstanceOf(OperationRefusedException.class)
                    .hasMessage("group " + active + " has 2 active members; stop them before resetting offsets");

            two.close();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThatThrownBy(() -> offsets.plan(ResetRequest.of(active, topic, ResetTarget.toEarliest())))
                            .hasMessage("group " + active + " has 1 active member; stop it before resetting offsets"));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(offsets.plan(ResetRequest.of(active, topic, ResetTarget.toEarliest())).partitions())
                        .hasSize(PARTITIONS));
    }

    @Test
    void aPlannedResetIsNotExecutedOnceMembersJoined(TestNames names) throws Exception {
        String later = names.group();
        Fixtures.commit(admin, later, topic, START_POSITIONS);
        OffsetResetPlan plan = offsets.plan(ResetRequest.of(later, topic, ResetTarget.toEarliest()));
        try (PollingConsumer member = new PollingConsumer(kafka.clientProperties(), later, topic, "late-joiner")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> !member.assignment().isEmpty());

            assertThatThrownBy(() -> offsets.execute(plan, dir.resolve("never.csv")))
                    .isInstanceOf(OperationRefusedException.class)
                    .hasMessageContaining("has 1 active member");
            assertThat(dir.resolve("never.csv")).doesNotExist();
        }
    }

    @Test
    void targetsOutsideTheLogAreRefusedOrClampedWithAllowClamp() throws Exception {
        assertThatThrownBy(() -> offsets.plan(ResetRequest.of(group, topic, ResetTarget.toOffset(50))))
                .isInstanceOf(OperationRefusedException.class)
                .hasMessageContaining("offset 50 for " + topic + "-0 is outside the log [0, 10]")
                .hasMessageContaining("--allow-clamp");

        OffsetResetPlan clamped = offsets.plan(ResetRequest.of(group, topic, ResetTarget.toOffset(50))
                .withPartitions(List.of(0)).withAllowClamp(true));
        assertThat(clamped.partitions()).containsExactly(
                new PartitionReset(topic, 0, 5L, END, 0, END, "clamped from 50 to the log end 10"));

        Fixtures.deleteRecordsBefore(admin, topic, 0, 4);
        assertThatThrownBy(() -> offsets.plan(ResetRequest.of(group, topic, ResetTarget.shiftBy(-3))))
                .hasMessageContaining("offset 2 for " + topic + "-0 is outside the log [4, 10]");
        OffsetResetPlan toStart = offsets.plan(ResetRequest.of(group, topic, ResetTarget.shiftBy(-3))
                .withAllowClamp(true));
        assertThat(toStart.partitions()).extracting(PartitionReset::newOffset, PartitionReset::logStartOffset,
                PartitionReset::note).containsExactly(tuple(4L, 4L, "clamped from 2 to the log start 4"),
                tuple(3L, 0L, null), tuple(4L, 0L, null));
        assertThat(offsets.plan(ResetRequest.of(group, topic, ResetTarget.toEarliest())).partitions().get(0).newOffset())
                .isEqualTo(4L);
    }

    @Test
    void unknownTopicsPartitionsAndMissingCommitsAreRefusedWithTheirNames(TestNames names) throws Exception {
        String missing = topic + "-nope";
        assertThatThrownBy(() -> offsets.plan(ResetRequest.of(group, missing, ResetTarget.toEarliest())))
                .isInstanceOf(OperationRefusedException.class)
                .hasMessage("topic '" + missing + "' does not exist");
        assertThatThrownBy(() -> offsets.plan(ResetRequest.of(group, topic, ResetTarget.toEarliest())
                .withPartitions(List.of(1, 7))))
                .isInstanceOf(OperationRefusedException.class)
                .hasMessage("topic '" + topic + "' has no partition [7] (it has partitions 0-2)");

        Path file = Files.writeString(dir.resolve("other.csv"), topic + ",9,1\n");
        assertThatThrownBy(() -> offsets.plan(ResetRequest.of(group, null, ResetTarget.fromFile(file))))
                .isInstanceOf(OperationRefusedException.class)
                .hasMessage("no such partition: [" + topic + "-9]");

        String fresh = names.group();
        assertThatThrownBy(() -> offsets.plan(ResetRequest.of(fresh, topic, ResetTarget.shiftBy(1))))
                .isInstanceOf(OperationRefusedException.class)
                .hasMessageContaining("group '" + fresh + "' has no committed offset on [" + topic + "-0, ");
        assertThat(offsets.plan(ResetRequest.of(fresh, topic, ResetTarget.toOffset(2))).partitions())
                .as("a group without commits can still be positioned").extracting(PartitionReset::currentOffset)
                .containsOnlyNulls();
    }

    private OffsetResetService service(Clock clock) {
        return new OffsetResetService(admin, clock, Duration.ofSeconds(30));
    }
}
