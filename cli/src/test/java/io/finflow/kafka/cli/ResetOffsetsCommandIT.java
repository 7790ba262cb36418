package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.KafkaExtension;
import io.finflow.kafka.testkit.junit.TestNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaExtension.class)
@SuppressWarnings("try") // test helpers: close() may throw InterruptedException; resources held, not read
class ResetOffsetsCommandIT {

    @TempDir
    Path dir;

    private Kafka kafka;
    private TestNames names;
    private String topic;
    private String group;
    private Instant base;

    @BeforeEach
    void setUp(EmbeddedKafka broker, TestNames names) throws Exception {
        this.kafka = new Kafka(broker);
        this.names = names;
        topic = names.topic();
        group = names.group();
        base = Instant.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        kafka.createTopic(topic, GroupsCommandIT.PARTITIONS);
        GroupsCommandIT.produce(kafka, topic, base);
        kafka.commit(group, topic, Map.of(0, 5L, 1, 6L, 2, 7L));
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    @Test
    void dryRunShowsOldAndNewOffsetsAndChangesNothing() throws Exception {
        CliRun run = kafka.run("groups", "reset-offsets", "--group", group, "--topic", topic, "--to-earliest");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).contains("Offset reset of group " + group + ": to-earliest")
                .containsPattern("(?m)^" + topic + "\\s+0\\s+5\\s+0\\s+0\\s+10\\s+-$")
                .containsPattern("(?m)^" + topic + "\\s+2\\s+7\\s+0\\s+0\\s+10\\s+-$")
                .contains("Dry run: nothing changed.");
        assertThat(kafka.committed(group, topic)).isEqualTo(Map.of(0, 5L, 1, 6L, 2, 7L));
    }

    @Test
    void executeWritesABackupThatFromFileRestores() throws Exception {
        Path backup = dir.resolve("backup.csv");
        CliRun run = kafka.run("groups", "reset-offsets", "--group", group, "--topic", topic + ":0,2",
                "--to-datetime", base.plusSeconds(60 * 2 + 4).toString(), "--execute", "--backup-file",
                backup.toString());
        assertThat(run.exitCode()).as(run.describe()).isZero();
        // partition 0 has no record at or after base+124 s: moved to its end; partition 2 offset 4 is at base+124 s
        assertThat(run.out()).containsPattern("(?m)^" + topic + "\\s+0\\s+5\\s+10\\s+0\\s+10\\s+no record at or after")
                .containsPattern("(?m)^" + topic + "\\s+2\\s+7\\s+4\\s+0\\s+10\\s+-$")
                .contains("Backup of the previous offsets: " + backup)
                .contains("Undo with: finflow groups reset-offsets --group " + group + " --from-file " + backup);
        assertThat(kafka.committed(group, topic)).isEqualTo(Map.of(0, 10L, 1, 6L, 2, 4L));
        assertThat(Files.readAllLines(backup)).contains("topic,partition,offset", topic + ",0,5", topic + ",2,7");

        CliRun restore = kafka.run("groups", "reset-offsets", "--group", group, "--from-file", backup.toString(),
                "--execute", "--backup-file", dir.resolve("undo.csv").toString());
        assertThat(restore.exitCode()).as(restore.describe()).isZero();
        assertThat(kafka.committed(group, topic)).isEqualTo(Map.of(0, 5L, 1, 6L, 2, 7L));
    }

    @Test
    void shiftByANegativeNumberRereadsAndToOffsetOutOfRangeNeedsAllowClamp() throws Exception {
        CliRun shift = kafka.run("groups", "reset-offsets", "--group", group, "--topic", topic, "--shift-by", "-3",
                "--execute", "--backup-file", dir.resolve("b1.csv").toString());
        assertThat(shift.exitCode()).as(shift.describe()).isZero();
        assertThat(kafka.committed(group, topic)).isEqualTo(Map.of(0, 2L, 1, 3L, 2, 4L));

        CliRun refused = kafka.run("groups", "reset-offsets", "--group", group, "--topic", topic, "--to-offset", "50",
                "--execute", "--backup-file", dir.resolve("b2.csv").toString());
        assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(ExitCodes.FAILURE);
        assertThat(refused.err().lines()).hasSize(1).first().asString().startsWith("finflow: error: ")
                .contains("--allow-clamp");
        assertThat(dir.resolve("b2.csv")).doesNotExist();
        assertThat(kafka.committed(group, topic)).isEqualTo(Map.of(0, 2L, 1, 3L, 2, 4L));

        CliRun clamped = kafka.run("groups", "reset-offsets", "--group", group, "--topic", topic, "--to-offset", "50",
                "--allow-clamp", "--execute", "--backup-file", dir.resolve("b3.csv").toString());
        assertThat(clamped.exitCode()).as(clamped.describe()).isZero();
        assertThat(clamped.out()).contains("clamped from 50 to the log end 10");
        assertThat(kafka.committed(group, topic)).isEqualTo(Map.of(0, 10L, 1, 10L, 2, 10L));
    }

    @Test
    void refusalsExitNonZeroWithOneLineAndChangeNothing() throws Exception {
        CliRun future = kafka.run("groups", "reset-offsets", "--group", group, "--topic", topic, "--to-datetime",
                Instant.now().plus(Duration.ofDays(1)).toString(), "--execute");
        assertThat(future.exitCode()).as(future.describe()).isEqualTo(ExitCodes.FAILURE);
        assertThat(future.err()).matches("finflow: error: no record at or after .* is after the last record;"
                + " to skip everything use to-latest\\R");

        CliRun noZone = kafka.run("groups", "reset-offsets", "--group", group, "--topic", topic, "--to-datetime",
                "2026-01-01T10:00:00");
        assertThat(noZone.exitCode()).as(noZone.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(noZone.err()).isEqualTo("finflow: error: 2026-01-01T10:00:00 has no time zone; add Z or +01:00"
                + System.lineSeparator());

        CliRun noTopic = kafka.run("groups", "reset-offsets", "--group", group, "--to-latest");
        assertThat(noTopic.exitCode()).as(noTopic.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(noTopic.err()).contains("--topic is required");

        CliRun missing = kafka.run("groups", "reset-offsets", "--group", group, "--topic", names.topic("none"),
                "--to-latest");
        assertThat(missing.exitCode()).as(missing.describe()).isEqualTo(ExitCodes.FAILURE);
        assertThat(missing.err()).matches("finflow: error: topic '.*-none' does not exist\\R");

        Files.writeString(dir.resolve("exists.csv"), "x");
        CliRun existing = kafka.run("groups", "reset-offsets", "--group", group, "--topic", topic, "--to-latest",
                "--execute", "--backup-file", dir.resolve("exists.csv").toString());
        assertThat(existing.exitCode()).as(existing.describe()).isEqualTo(ExitCodes.FAILURE);
        assertThat(existing.err()).contains("already exists");

        assertThat(kafka.committed(group, topic)).isEqualTo(Map.of(0, 5L, 1, 6L, 2, 7L));
    }

    @Test
    void aGroupWithActiveMembersIsRefused() throws Exception {
        String active = names.group();
        try (GroupsCommandIT.LiveConsumer live = new GroupsCommandIT.LiveConsumer(kafka, active, topic, "it-active")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> live.consumed >= 30);
            CliRun run = kafka.run("groups", "reset-offsets", "--group", active, "--topic", topic, "--to-earliest",
                    "--execute", "--backup-file", dir.resolve("b.csv").toString());
            assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.FAILURE);
            assertThat(run.err()).isEqualTo("finflow: error: group " + active + " has 1 active member; stop it before"
                    + " resetting offsets" + System.lineSeparator());
            assertThat(dir.resolve("b.csv")).doesNotExist();
        }
    }
}
