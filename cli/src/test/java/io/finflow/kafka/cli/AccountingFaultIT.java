package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.finflow.examples.AccountingService;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.ops.topics.PlanOptions;
import io.finflow.kafka.ops.topics.TopicsService;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.KafkaExtension;
import io.finflow.kafka.testkit.junit.TestNames;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault scenarios of the exactly-once accounting service, run as production runs it: {@code finflow
 * service run accounting} in child JVMs, killed with SIGKILL or fenced, with {@code finflow generate}
 * writing the stream. The outcome is judged from the topics ({@link FaultFigures}) and by
 * {@code finflow balances verify}. Figures are in docs/reliability.md.
 */
@Tag("reliability")
@ExtendWith(KafkaExtension.class)
class AccountingFaultIT {

    private static final List<String> JVM = List.of("-Xmx256m");
    private static final Duration START = Duration.ofMinutes(2);
    /** Long enough for Kafka to expel a killed member (45 s session timeout) and the survivor to catch up. */
    private static final Duration CATCH_UP = Duration.ofMinutes(4);

    /** The written stream, from {@code finflow generate --output json}. */
    private record Generated(long sent, long acknowledged, long poison) {
    }

    @Test
    void killedWithSigkillMidStreamAndRestartedCountsEveryTransactionOnce(EmbeddedKafka kafka, TestNames names)
            throws Exception {
        String prefix = names.topic("kill") + ".";
        TopicCatalog catalog = createTopics(kafka, prefix);
        Generated generated;
        try (ChildCli service = accounting(kafka, prefix, "acc-1");
             ChildCli generator = generate(kafka, prefix, 400, 40, 5)) {
            awaitCommitted(kafka, prefix, 40);
            assertThat(generator.isAlive()).as("killed mid-stream, while events still arrive").isTrue();
            service.kill();
            generated = generatedBy(generator);
        }
        try (ChildCli restarted = accounting(kafka, prefix, "acc-1")) {
            awaitVerified(kafka, prefix, restarted);
            FaultFigures figures = FaultFigures.measure("SIGKILL mid-stream, restarted", kafka, catalog,
                    AccountingService.GROUP, generated.sent(), generated.acknowledged(), generated.poison()).print();
            assertExactlyOnce(figures, generated);
            assertThat(restarted.terminate(Duration.ofSeconds(60))).as(restarted.describe()).isZero();
        }
    }

    @Test
    void twoInstancesOneKilledWithSigkillTheSurvivorTakesOverAndCountsEveryTransactionOnce(EmbeddedKafka kafka,
            TestNames names) throws Exception {
        String prefix = names.topic("two") + ".";
        TopicCatalog catalog = createTopics(kafka, prefix);
        try (ChildCli survivor = accounting(kafka, prefix, "acc-a");
             ChildCli victim = accounting(kafka, prefix, "acc-b")) {
            awaitMembers(kafka, 2);
            Generated generated;
            try (ChildCli generator = generate(kafka, prefix, 400, 40, 6)) {
                awaitCommitted(kafka, prefix, 40);
                assertThat(generator.isAlive()).as("killed mid-stream, while events still arrive").isTrue();
                victim.kill();
                generated = generatedBy(generator);
            }
            awaitVerified(kafka, prefix, survivor);
            FaultFigures figures = FaultFigures.measure("two instances, one killed with SIGKILL", kafka, catalog,
                    AccountingService.GROUP, generated.sent(), generated.acknowledged(), generated.poison()).print();
            assertExactlyOnce(figures, generated);
            assertThat(survivor.terminate(Duration.ofSeconds(60))).as(survivor.describe()).isZero();
        }
    }

    /**
     * The new instance starts while the old one is still working through the stream (a zombie: paused, or cut
     * off by the network, while its replacement started), so the old one is usually fenced in the middle of a
     * transaction: its producer then fails with a fencing error or with the coordinator's INVALID_TXN_STATE,
     * both fatal. Either way it stops, names why, and nothing is published twice.
     */
    @Test
    void aZombieWithTheSameTransactionalIdentityStopsAndNothingIsPublishedTwice(EmbeddedKafka kafka, TestNames names)
            throws Exception {
        String prefix = names.topic("zombie") + ".";
        TopicCatalog catalog = createTopics(kafka, prefix);
        try (ChildCli old = accounting(kafka, prefix, "acc-z")) {
            Generated first;
            try (ChildCli generator = generate(kafka, prefix, 200, 0, 7)) {
                first = generatedBy(generator);
            }
            awaitCommitted(kafka, prefix, 20);
            try (ChildCli newer = accounting(kafka, prefix, "acc-z")) {
                Generated second;
                try (ChildCli generator = generate(kafka, prefix, 200, 0, 8)) {
                    second = generatedBy(generator);
                }
                int oldExit = old.awaitExit(Duration.ofMinutes(2));
                assertThat(oldExit).as(old.describe()).isEqualTo(ExitCodes.FAILURE);
                assertThat(old.stderr()).as("the old instance names why it stopped")
                        .containsAnyOf("fenced by another instance with the same transactional id",
                                "its transaction was ended by the transaction coordinator");
                awaitVerified(kafka, prefix, newer);
                Generated all = new Generated(first.sent() + second.sent(), first.acknowledged() + second.acknowledged(),
                        first.poison() + second.poison());
                FaultFigures figures = FaultFigures.measure("zombie fencing: same transactional id started twice", kafka,
                        catalog, AccountingService.GROUP, all.sent(), all.acknowledged(), all.poison()).print();
                assertThat(figures.lost()).isZero();
                assertThat(figures.duplicated()).as("no balance or notification published twice").isZero();
                assertThat(figures.deadLettered()).as("fencing stops the old instance without dead letters").isZero();
                assertThat(figures.handled()).isEqualTo(all.acknowledged());
                assertThat(newer.terminate(Duration.ofSeconds(60))).as(newer.describe()).isZero();
            }
        }
    }

    private static void assertExactlyOnce(FaultFigures figures, Generated generated) {
        assertThat(figures.acknowledged()).isEqualTo(figures.sent());
        assertThat(figures.handled()).as("every acknowledged transaction handled").isEqualTo(generated.acknowledged());
        assertThat(figures.lost()).as("no move lost").isZero();
        assertThat(figures.duplicated()).as("no move or notification counted twice").isZero();
        assertThat(figures.deadLettered()).as("nothing dead-lettered but the poison").isZero();
    }

    static TopicCatalog createTopics(EmbeddedKafka kafka, String prefix) {
        TopicCatalog catalog = TopicCatalog.fromClasspath("dev").withPrefix(prefix);
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            TopicsService topics = new TopicsService(admin);
            topics.apply(topics.plan(catalog, PlanOptions.DEFAULT));
        }
        return catalog;
    }

    private static ChildCli accounting(EmbeddedKafka kafka, String prefix, String instanceId) throws Exception {
        ChildCli child = ChildCli.start(JVM, "service", "run", "accounting", "--bootstrap", kafka.bootstrapServers(),
                "--topic-prefix", prefix, "--instance-id", instanceId);
        child.awaitStdout("accounting-service running", START);
        return child;
    }

    private static ChildCli generate(EmbeddedKafka kafka, String prefix, int events, int rate, long seed)
            throws Exception {
        return ChildCli.start(JVM, "generate", "--bootstrap", kafka.bootstrapServers(), "--topic-prefix", prefix,
                "--events", String.valueOf(events), "--rate", String.valueOf(rate), "--accounts", "30",
                "--seed", String.valueOf(seed), "--output", "json");
    }

    private static Generated generatedBy(ChildCli generator) throws Exception {
        assertThat(generator.awaitExit(Duration.ofMinutes(2))).as(generator.describe()).isZero();
        JsonNode json = new ObjectMapper().readTree(generator.stdout());
        return new Generated(json.path("sent").path("transaction-events").asLong(),
                json.path("acknowledged").path("transaction-events").asLong(), json.path("poisonWritten").asLong());
    }

    /** Waits until the accounting group committed at least {@code records} offsets on this test's topics. */
    private static void awaitCommitted(EmbeddedKafka kafka, String prefix, long records) {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            await().atMost(START).pollInterval(Duration.ofMillis(200)).until(() -> admin
                    .listConsumerGroupOffsets(AccountingService.GROUP).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).entrySet().stream()
                    .filter(e -> e.getValue() != null && e.getKey().topic().startsWith(prefix))
                    .mapToLong(e -> e.getValue().offset()).sum() >= records);
        }
    }

    private static void awaitMembers(EmbeddedKafka kafka, int members) {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            await().atMost(START).pollInterval(Duration.ofMillis(200)).until(() -> {
                var group = admin.describeConsumerGroups(List.of(AccountingService.GROUP)).all()
                        .get(30, TimeUnit.SECONDS).get(AccountingService.GROUP);
                return group.members().size() == members
                        && group.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
            });
        }
    }

    /** Waits until {@code finflow balances verify} passes: the service caught up with every balance right. */
    private static void awaitVerified(EmbeddedKafka kafka, String prefix, ChildCli service) {
        CliRun[] last = new CliRun[1];
        await().atMost(CATCH_UP).pollInterval(Duration.ofSeconds(3)).alias("balances verify passes").until(() -> {
            if (!service.isAlive()) {
                throw new AssertionError("the accounting service exited\n" + service.describe());
            }
            last[0] = CliRun.run("balances", "verify", "--bootstrap", kafka.bootstrapServers(), "--topic-prefix", prefix);
            return last[0].exitCode() == 0;
        });
        assertThat(last[0].out()).contains("OK: every account");
    }
}
