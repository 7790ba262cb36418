package io.finflow.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.event.BalanceEvent;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.ops.topics.PlanOptions;
import io.finflow.kafka.ops.topics.TopicsService;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.KafkaExtension;
import io.finflow.kafka.testkit.TestNames;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The accounting service, exactly-once, as several instances sharing the partitions. */
@ExtendWith(KafkaExtension.class)
class AccountingServiceIT {

    static TopicCatalog createTopics(EmbeddedKafka kafka, TestNames names) {
        TopicCatalog catalog = TopicCatalog.fromClasspath("dev").withPrefix(names.topic("acc") + ".");
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            TopicsService topics = new TopicsService(admin);
            topics.apply(topics.plan(catalog, PlanOptions.DEFAULT));
        }
        return catalog;
    }

    @Test
    void twoInstancesJoiningMidStreamProduceTheBalancesOfTheRebuildEachMoveOnce(EmbeddedKafka kafka, TestNames names)
            throws Exception {
        ClientConfig config = ClientConfig.of(kafka.bootstrapServers());
        TopicCatalog catalog = createTopics(kafka, names);
        Ledger expected = new Ledger();
        TransactionGenerator generator = new TransactionGenerator(3, 24);
        AccountingOptions options = AccountingOptions.exactlyOnceDefaults();
        try (EventStreamWriter writer = new EventStreamWriter(config, catalog);
             AccountingService first = new AccountingService(config, catalog, options.withInstanceId("one")).start()) {
            writer.write(generator, 150, 0, e -> {
                if (e instanceof TransactionEvent tx) {
                    expected.apply(tx);
                }
            }, n -> { });
            await().atMost(Duration.ofMinutes(2)).until(() -> first.consumer().stats().processed() > 40);
            try (AccountingService second = new AccountingService(config, catalog, options.withInstanceId("two")).start()) {
                // The second member gets partitions from the first, restores them, and both go on.
                await().atMost(Duration.ofMinutes(2)).until(() -> !second.ownedPartitions().isEmpty());
                writer.write(generator, 150, 0, e -> {
                    if (e instanceof TransactionEvent tx) {
                        expected.apply(tx);
                    }
                }, n -> { });
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                        .until(() -> BalanceVerifier.verify(config, catalog).passed());
                Set<Integer> overlap = new HashSet<>(first.ownedPartitions());
                overlap.retainAll(second.ownedPartitions());
                assertThat(overlap).as("an account's state lives on one instance only").isEmpty();
                assertThat(second.consumer().stats().processed()).isPositive();
                Map<String, BigDecimal> live = new TreeMap<>(first.balances());
                live.putAll(second.balances());
                assertThat(Ledger.differences(live, expected.snapshot())).as("live balances of both instances").isEmpty();
            }
        }
        assertThat(expected.counterpartyMoves()).as("the stream has transfers, so legs crossed instances").isPositive();
        BalanceVerifier.Report report = BalanceVerifier.verify(config, catalog);
        assertThat(report.differences()).isEmpty();
        assertThat(report.legsSkipped()).isEqualTo(expected.counterpartyMoves());
        assertThat(movesPublishedTwice(config, catalog)).as("no move published twice").isEmpty();
    }

    /** (account, transaction event) pairs that more than one committed balance record carries. */
    static Map<String, Integer> movesPublishedTwice(ClientConfig config, TopicCatalog catalog) {
        Map<String, Integer> seen = new HashMap<>();
        BalanceRebuilder.readToEnd(config, catalog.topicForEventType("balance").name(), r -> {
            BalanceEvent b = EventJson.fromBytes(r.value(), BalanceEvent.class);
            seen.merge(b.accountId() + " " + b.lastTransactionEventId(), 1, Integer::sum);
        });
        seen.values().removeIf(n -> n == 1);
        return seen;
    }
}
