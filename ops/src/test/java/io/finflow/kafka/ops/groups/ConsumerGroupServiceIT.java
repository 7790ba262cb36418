package io.finflow.kafka.ops.groups;

import static io.finflow.kafka.ops.Fixtures.RECORDS_PER_PARTITION;
import static io.finflow.kafka.ops.Fixtures.timestampOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.finflow.kafka.ops.Fixtures;
import io.finflow.kafka.ops.OpsException;
import io.finflow.kafka.ops.PollingConsumer;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.KafkaExtension;
import io.finflow.kafka.testkit.junit.TestNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
@SuppressWarnings("try") // test helpers: close() may throw InterruptedException; resources held, not read
class ConsumerGroupServiceIT {

    private static final int PARTITIONS = 3;

    private EmbeddedKafka kafka;
    private TestNames names;
    private Admin admin;
    private String topic;
    private Instant base;
    private Instant now;
    private ConsumerGroupService groups;

    @BeforeEach
    void setUp(EmbeddedKafka kafka, TestNames names) throws Exception {
        this.kafka = kafka;
        this.names = names;
        admin = Admin.create(kafka.clientProperties());
        topic = names.topic();
        base = Fixtures.baseTimestamp();
        now = base.plus(Duration.ofHours(2));
        Fixtures.createTopic(admin, topic, PARTITIONS);
        Fixtures.produce(kafka.clientProperties(), topic, PARTITIONS, base);
        groups = new ConsumerGroupService(admin, kafka.clientProperties(), Clock.fixed(now, ZoneOffset.UTC),
                Duration.ofSeconds(30));
    }

    @AfterEach
    void tearDown() {
        admin.close();
    }

    @Test
    void offsetLagMatchesKafkaAndTimeLagIsTheAgeOfTheFirstUnconsumedRecordForSeveralGroups() throws Exception {
        String viaAdmin = names.group();
        String viaConsumer = names.group();
        Fixtures.commit(admin, viaAdmin, topic, Map.of(0, 2L, 1, (long) RECORDS_PER_PARTITION, 2, 0L));
        commitWithARealConsumer(viaConsumer, Map.of(0, 7L, 1, 3L));

        for (String group : List.of(viaAdmin, viaConsumer)) {
            Map<Integer, Long> committed = Fixtures.committed(admin, group, topic);
            Map<Integer, Long> ends = Fixtures.logEnds(admin, topic, PARTITIONS);
            GroupLag lag = groups.lag(Optional.of(group)).get(0);

            assertThat(lag.groupId()).isEqualTo(group);
            assertThat(lag.partitions()).extracting(PartitionLag::partition)
                    .containsExactlyElementsOf(committed.keySet());
            for (PartitionLag p : lag.partitions()) {
                long expectedLag = ends.get(p.partition()) - committed.get(p.partition());
                assertThat(p.topic()).isEqualTo(topic);
                assertThat(p.committedOffset()).isEqualTo(committed.get(p.partition()));
                assertThat(p.logEndOffset()).isEqualTo(ends.get(p.partition()));
                assertThat(p.offsetLag()).as("offset lag of partition %d", p.partition()).isEqualTo(expectedLag);
                if (expectedLag == 0) {
                    assertThat(p.timeLagSeconds()).isZero();
                    assertThat(p.oldestUnconsumedTimestamp()).isNull();
                } else {
                    Instant firstUnconsumed = timestampOf(base, p.partition(), p.committedOffset());
                    assertThat(p.oldestUnconsumedTimestamp()).isEqualTo(firstUnconsumed);
                    assertThat(p.timeLagSeconds()).as("time lag of partition %d", p.partition())
                            .isEqualTo(Duration.between(firstUnconsumed, now).toSeconds());
                }
            }
            assertThat(lag.totalLag()).isEqualTo(lag.partitions().stream().mapToLong(PartitionLag::offsetLag).sum());
        }

        GroupLag adminGroup = groups.lag(Optional.of(viaAdmin)).get(0);
        // partition 0 waits at offset 2 (stamped base + 2 s), partition 2 at offset 0 (stamped base + 20 min)
        assertThat(adminGroup.partitions()).extracting(PartitionLag::timeLagSeconds).containsExactly(
                Duration.between(timestampOf(base, 0, 2), now).toSeconds(), 0L,
                Duration.between(timestampOf(base, 2, 0), now).toSeconds());
        assertThat(adminGroup.maxTimeLagSeconds()).isEqualTo(Duration.ofHours(2).toSeconds() - 2);
        assertThat(adminGroup.totalLag()).isEqualTo(8 + 0 + 10);

        List<GroupLag> all = groups.lag(Optional.empty());
        assertThat(all).extracting(GroupLag::groupId).contains(viaAdmin, viaConsumer).isSorted();
        assertThat(all).filteredOn(g -> g.groupId().equals(viaConsumer)).singleElement()
                .satisfies(g -> assertThat(g.totalLag()).isEqualTo(3 + 7));
    }

    @Test
    void whenRetentionRemovedTheCommittedRecordTimeLagUsesTheEarliestRecordLeft() throws Exception {
        String group = names.group();
        Fixtures.commit(admin, group, topic, Map.of(0, 1L));
        Fixtures.deleteRecordsBefore(admin, topic, 0, 4);

        PartitionLag p = groups.lag(Optional.of(group)).get(0).partitions().get(0);

        assertThat(p.offsetLag()).isEqualTo(RECORDS_PER_PARTITION - 1);
        assertThat(p.oldestUnconsumedTimestamp()).isEqualTo(timestampOf(base, 0, 4));
        assertThat(p.timeLagSeconds()).isEqualTo(Duration.between(timestampOf(base, 0, 4), now).toSeconds());
    }

    @Test
    void describeShowsActiveMembersWithTheirPartitionsAndLagPerPartition() throws Exception {
        String group = names.group();
        try (PollingConsumer member = new PollingConsumer(kafka.clientProperties(), group, topic, "ops-it-member")) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(member.consumed()).isEqualTo(PARTITIONS * RECORDS_PER_PARTITION);
                assertThat(Fixtures.committed(admin, group, topic)).containsOnlyKeys(0, 1, 2)
                        .allSatisfy((p, o) -> assertThat(o).isEqualTo(RECORDS_PER_PARTITION));
            });

            GroupDetails details = groups.describe(group);

            assertThat(details.state()).isEqualTo("Stable");
            assertThat(details.members()).singleElement().satisfies(m -> {
                assertThat(m.clientId()).isEqualTo("ops-it-member");
                assertThat(m.host()).isNotBlank();
                assertThat(m.assignment()).isEqualTo(Map.of(topic, List.of(0, 1, 2)));
            });
            assertThat(details.partitions()).hasSize(PARTITIONS).allSatisfy(p -> {
                assertThat(p.committedOffset()).isEqualTo(RECORDS_PER_PARTITION);
                assertThat(p.offsetLag()).isZero();
                assertThat(p.timeLagSeconds()).isZero();
                assertThat(p.clientId()).isEqualTo("ops-it-member");
            });
            assertThat(groups.list()).filteredOn(g -> g.groupId().equals(group)).singleElement()
                    .isEqualTo(new GroupSummary(group, "Stable", 1, details.type(), "consumer"));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(groups.describe(group).members()).as("a closed consumer leaves the group").isEmpty());
        assertThat(groups.describe(group).state()).isEqualTo("Empty");
    }

    @Test
    void anUnknownGroupIsNamed() {
        String group = names.group();
        assertThatThrownBy(() -> groups.describe(group))
                .isInstanceOf(OpsException.class)
                .hasMessage("consumer group '" + group + "' does not exist");
        assertThatThrownBy(() -> groups.lag(Optional.of(group)))
                .hasMessage("consumer group '" + group + "' does not exist");
    }

    /** A consumer that assigns itself partitions and commits, without joining a group (a "simple" group). */
    private void commitWithARealConsumer(String group, Map<Integer, Long> offsets) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
            offsets.forEach((p, o) -> commits.put(new TopicPartition(topic, p), new OffsetAndMetadata(o)));
            consumer.assign(commits.keySet());
            consumer.commitSync(commits);
        }
    }
}
