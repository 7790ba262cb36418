package io.finflow.kafka;

import static io.finflow.kafka.ConsumerTestSupport.consumerOptions;
import static io.finflow.kafka.ConsumerTestSupport.sendTransactions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.reliability.ShortSessionKafka;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.KafkaExtension;
import io.finflow.kafka.testkit.junit.TestNames;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaExtension.class)
class ConsumerLifecycleIT {

    @RegisterExtension
    static final ShortSessionKafka SHORT_SESSIONS = new ShortSessionKafka();

    @Test
    void gracefulCloseDuringASlowHandlerFinishesItCommitsItAndARestartProcessesNothingTwice(
            EmbeddedKafka kafka, TestNames names) throws Exception {
        TopicCatalog catalog = TestCatalog.create(kafka, names);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        List<TransactionEvent> sent = sendTransactions(kafka, catalog, topic, 20, 1);
        String group = names.group();
        List<String> processed = new CopyOnWriteArrayList<>();
        CountDownLatch slowStarted = new CountDownLatch(1);
        String slowId = sent.get(5).eventId();
        try (EventConsumer consumer = EventConsumer.create(consumerOptions(kafka, catalog, group))) {
            consumer.subscribe(topic, TransactionEvent.class, (tx, meta) -> {
                if (tx.eventId().equals(slowId)) {
                    slowStarted.countDown();
                    Thread.sleep(1_500); // the slow work itself, not synchronisation
                }
                processed.add(tx.eventId());
            }).start();
            assertThat(slowStarted.await(30, TimeUnit.SECONDS)).isTrue();
            consumer.close(Duration.ofSeconds(10));
            assertThat(consumer.isRunning()).isFalse();
        }
        assertThat(processed).as("the slow handler finished").contains(slowId).hasSize(6);
        assertThat(ConsumerTestSupport.committed(kafka, group).values()).containsExactly(6L);

        List<String> second = new CopyOnWriteArrayList<>();
        try (EventConsumer consumer = EventConsumer.create(consumerOptions(kafka, catalog, group))) {
            consumer.subscribe(topic, TransactionEvent.class, (tx, meta) -> second.add(tx.eventId())).start();
            await().atMost(Duration.ofSeconds(30)).until(() -> second.size() == 14);
        }
        Set<String> all = new HashSet<>(processed);
        assertThat(second).noneMatch(all::contains);
        all.addAll(second);
        assertThat(all).hasSize(20);
    }

    @Test
    void aSecondConsumerJoiningMidStreamLosesNothingAndEachPartitionHasOneOwnerAtATime(
            EmbeddedKafka kafka, TestNames names) throws Exception {
        TopicCatalog catalog = TestCatalog.create(kafka, names);
        String topic = TestCatalog.topic(catalog, "transaction-events"); // 12 partitions
        String group = names.group();
        int total = 3_000;
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        Map<Integer, String> inHandler = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        Map<String, Set<Integer>> partitionsByMember = new ConcurrentHashMap<>();

        EventConsumer first = EventConsumer.create(consumerOptions(kafka, catalog, group));
        EventConsumer second = EventConsumer.create(consumerOptions(kafka, catalog, group));
        try {
            sendTransactions(kafka, catalog, topic, total / 2, 240);
            first.subscribe(topic, TransactionEvent.class, tracking("first", seen, inHandler, overlaps, partitionsByMember))
                    .start();
            await().atMost(Duration.ofSeconds(60)).until(() -> seen.size() >= total / 6);
            // Mid-stream: the first member is busy with the first half when the second joins.
            second.subscribe(topic, TransactionEvent.class, tracking("second", seen, inHandler, overlaps, partitionsByMember))
                    .start();
            await().atMost(Duration.ofSeconds(60)).until(() -> !second.assignment().isEmpty());
            sendTransactions(kafka, catalog, topic, total / 2, 240);
            await().atMost(Duration.ofSeconds(90)).until(() -> seen.size() == total);
        } finally {
            first.close();
            second.close();
        }
        long duplicates = seen.values().stream().filter(c -> c > 1).count();
        System.out.printf("rebalance: %d records, %d duplicates, first=%s second=%s%n", total, duplicates,
                partitionsByMember.get("first"), partitionsByMember.get("second"));
        assertThat(seen).hasSize(total);
        assertThat(overlaps.get()).as("no partition processed by two members at once").isZero();
        assertThat(partitionsByMember.get("second")).as("the new member got partitions").isNotEmpty();
        assertThat(duplicates).as("revoked partitions were committed before moving").isZero();
    }

    /**
     * A partition moves while its handler is slower than {@code revokeTimeout}: the revocation waits for
     * the handler (the member is not expelled, it keeps polling), so the new owner never starts a record
     * the old owner is still handling. Checked from a log of handler calls kept outside the consumers.
     */
    @Test
    void aPartitionMovingWhileItsHandlerIsSlowIsNeverHandledByTwoMembersAtOnce(EmbeddedKafka kafka, TestNames names)
            throws Exception {
        TopicCatalog catalog = TestCatalog.load(names.topic("slow"), 2);
        TestCatalog.createTopics(kafka, catalog);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        String group = names.group();
        int total = 20;
        sendTransactions(kafka, catalog, topic, total, 10);
        List<HandlerCall> calls = new CopyOnWriteArrayList<>();
        Set<Integer> slowStarted = ConcurrentHashMap.newKeySet();
        EventConsumer second = EventConsumer.create(consumerOptions(kafka, catalog, group));
        io.finflow.kafka.consumer.ConsumerOptions firstOptions = consumerOptions(kafka, catalog, group).toBuilder()
                .concurrency(2).ordering(io.finflow.kafka.consumer.OrderingMode.PARTITION)
                .revokeTimeout(Duration.ofSeconds(1)).build();
        EventConsumer first = EventConsumer.create(firstOptions);
        try {
            first.subscribe(topic, TransactionEvent.class, (tx, meta) -> {
                long start = System.nanoTime();
                if (slowStarted.add(meta.partition())) {
                    // Slow work on the first record of each partition, lasting until the rebalance has
                    // handed a partition to the second member (or 12 s), then 2 s more.
                    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(12);
                    while (second.assignment().isEmpty() && System.nanoTime() < until) {
                        Thread.sleep(10);
                    }
                    Thread.sleep(2_000);
                }
                calls.add(new HandlerCall("first", tx.eventId(), meta.partition(), start, System.nanoTime()));
            }).start();
            await().atMost(Duration.ofSeconds(30)).until(() -> slowStarted.size() == 2);
            second.subscribe(topic, TransactionEvent.class, (tx, meta) -> {
                long start = System.nanoTime();
                calls.add(new HandlerCall("second", tx.eventId(), meta.partition(), start, System.nanoTime()));
            }).start();
            await().atMost(Duration.ofSeconds(90)).until(() ->
                    calls.stream().map(HandlerCall::eventId).distinct().count() == total && !second.assignment().isEmpty());
        } finally {
            first.close();
            second.close();
        }
        List<String> overlaps = new ArrayList<>();
        for (HandlerCall a : calls) {
            for (HandlerCall b : calls) {
                if (a.member().equals("first") && b.member().equals("second") && a.partition() == b.partition()
                        && a.start() < b.end() && b.start() < a.end()) {
                    overlaps.add(a + " / " + b);
                }
            }
        }
        Map<String, Long> membersPerRecord = new HashMap<>();
        calls.forEach(c -> membersPerRecord.merge(c.eventId(), 1L, Long::sum));
        assertThat(overlaps).as("handler calls of two members on one partition at the same time").isEmpty();
        assertThat(membersPerRecord.values()).as("records handled more than once").containsOnly(1L);
    }

    /** One handler call, as an outside log records it. */
    private record HandlerCall(String member, String eventId, int partition, long start, long end) {
    }

    private static io.finflow.kafka.consumer.EventHandler<TransactionEvent> tracking(
            String member, Map<String, Integer> seen, Map<Integer, String> inHandler, AtomicInteger overlaps,
            Map<String, Set<Integer>> partitionsByMember) {
        return (tx, meta) -> {
            String other = inHandler.putIfAbsent(meta.partition(), member);
            if (other != null && !other.equals(member)) {
                overlaps.incrementAndGet();
            }
            partitionsByMember.computeIfAbsent(member, k -> ConcurrentHashMap.newKeySet()).add(meta.partition());
            Thread.sleep(1); // some work, so the rebalance lands while handlers run
            seen.merge(tx.eventId(), 1, Integer::sum);
            inHandler.remove(meta.partition(), member);
        };
    }

    /** On a broker with 6 s group sessions: the killed member's partitions move in seconds, not Kafka's 45. */
    @Test
    void aConsumerKilledMidStreamAndRestartedLosesNothingAndOnlyRedoesUncommittedRecords(
            TestNames names, @TempDir Path dir) throws Exception {
        EmbeddedKafka kafka = SHORT_SESSIONS.broker();
        String prefix = names.topic("kill");
        TopicCatalog catalog = TestCatalog.load(prefix);
        TestCatalog.createTopics(kafka, catalog);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        String group = names.group();
        int total = 2_000;
        List<TransactionEvent> sent = sendTransactions(kafka, catalog, topic, total, 50);

        Path firstRun = dir.resolve("first.txt");
        Process child = ConsumerChild.start(kafka.bootstrapServers(), prefix, group, firstRun, 5);
        await().atMost(Duration.ofSeconds(60)).until(() -> lines(firstRun).size() >= total / 3);
        child.destroyForcibly(); // SIGKILL: no close, no final commit
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Map<TopicPartition, Long> committedAtKill = ConsumerTestSupport.committed(kafka, group);

        Path secondRun = dir.resolve("second.txt");
        Process restarted = ConsumerChild.start(kafka.bootstrapServers(), prefix, group, secondRun, 0);
        try {
            Set<String> firstIds = new HashSet<>();
            lines(firstRun).forEach(l -> firstIds.add(l.split(" ")[0]));
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                Set<String> all = new HashSet<>(firstIds);
                lines(secondRun).forEach(l -> all.add(l.split(" ")[0]));
                return all.size() == total;
            });
        } finally {
            restarted.destroy();
            restarted.waitFor(30, TimeUnit.SECONDS);
        }
        Map<String, String> firstById = new HashMap<>();
        for (String l : lines(firstRun)) {
            String[] p = l.split(" ");
            firstById.put(p[0], p[1] + " " + p[2]);
        }
        List<String> duplicates = new ArrayList<>();
        for (String l : lines(secondRun)) {
            String[] p = l.split(" ");
            if (firstById.containsKey(p[0])) {
                duplicates.add(l);
                TopicPartition tp = new TopicPartition(topic, Integer.parseInt(p[1]));
                long offset = Long.parseLong(p[2]);
                assertThat(offset).as("a duplicate must be a record that was not committed at the kill")
                        .isGreaterThanOrEqualTo(committedAtKill.getOrDefault(tp, 0L));
            }
        }
        Set<String> all = new HashSet<>(firstById.keySet());
        lines(secondRun).forEach(l -> all.add(l.split(" ")[0]));
        assertThat(all).containsAll(sent.stream().map(TransactionEvent::eventId).toList());
        System.out.printf("kill -9: first run %d records, committed at kill %s, duplicates after restart %d%n",
                firstById.size(), committedAtKill.values().stream().mapToLong(Long::longValue).sum(), duplicates.size());
    }

    @Test
    void sigtermDuringASlowHandlerLetsItFinishCommitsAndARestartProcessesNothingTwice(
            EmbeddedKafka kafka, TestNames names, @TempDir Path dir) throws Exception {
        String prefix = names.topic("term");
        TopicCatalog catalog = TestCatalog.load(prefix, 1);
        TestCatalog.createTopics(kafka, catalog);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        String group = names.group();
        int total = 40;
        sendTransactions(kafka, catalog, topic, total, 5);

        Path firstRun = dir.resolve("first.txt");
        Process child = ConsumerChild.start(kafka.bootstrapServers(), prefix, group, firstRun, 300);
        await().atMost(Duration.ofSeconds(60)).until(() -> lines(firstRun).size() >= 3);
        child.destroy(); // SIGTERM: the consumer's shutdown hook closes it gracefully
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        int processedBeforeStop = lines(firstRun).size();
        assertThat(ConsumerTestSupport.committed(kafka, group).values())
                .as("every record whose handler finished, the one running at SIGTERM included, is committed")
                .containsExactly((long) processedBeforeStop);

        Path secondRun = dir.resolve("second.txt");
        Process restarted = ConsumerChild.start(kafka.bootstrapServers(), prefix, group, secondRun, 0);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> lines(secondRun).size() >= total - processedBeforeStop);
        } finally {
            restarted.destroy();
            restarted.waitFor(30, TimeUnit.SECONDS);
        }
        Set<String> first = new HashSet<>();
        lines(firstRun).forEach(l -> first.add(l.split(" ")[0]));
        List<String> again = lines(secondRun).stream().map(l -> l.split(" ")[0]).filter(first::contains).toList();
        assertThat(again).as("processed twice").isEmpty();
        assertThat(first.size() + lines(secondRun).size()).isEqualTo(total);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> l.split(" ").length == 3).toList()
                    : List.of();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
