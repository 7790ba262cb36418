package io.finflow.kafka.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.finflow.kafka.EventConsumer;
import io.finflow.kafka.EventProducer;
import io.finflow.kafka.TestCatalog;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.consumer.ConsumerOptions;
import io.finflow.kafka.consumer.ConsumerState;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.producer.ProducerOptions;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.TestNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A rebalance storm: while 50,000 events are sent, members of the group (4 workers each) join or leave 16 times, one
 * change after every 2,941 events sent, while the members are still busy with them; between 2 and 5 members at a
 * time, on 12 partitions. The changes follow the stream's progress, not the clock, so a slow machine sees the same
 * storm. Every acknowledged event is handled at least once; duplicates (a member leaving commits what finished, so
 * there should be few) are reported. Members heartbeat every second ({@link ShortSessionKafka}), so partitions move
 * at every change.
 */
@Tag("reliability")
class RebalanceStormIT {

    @RegisterExtension
    static final ShortSessionKafka KAFKA = new ShortSessionKafka();

    private static final int EVENTS = 50_000;
    /** Membership changes: one after every 50,000 / 17 events sent, while the members still handle them. */
    private static final int CHANGES = 16;
    private static final int MIN_MEMBERS = 2;
    private static final int MAX_MEMBERS = 5;
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void sixteenMembersJoiningOrLeavingDuringFiftyThousandEventsLoseNone() throws Exception {
        EmbeddedKafka kafka = KAFKA.broker();
        TestNames names = TestNames.forTest(getClass().getSimpleName(), "storm");
        TopicCatalog catalog = TestCatalog.create(kafka, names);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        String group = names.group();
        Map<String, Integer> handled = new ConcurrentHashMap<>();
        List<EventConsumer> members = new ArrayList<>();
        List<ConsumerState> endStates = new ArrayList<>();
        AtomicInteger joins = new AtomicInteger();
        AtomicInteger leaves = new AtomicInteger();
        Random random = new Random(42);
        AckedSends sends;
        long started = System.nanoTime();
        try (EventProducer producer = EventProducer.create(ProducerOptions.builder(
                ClientConfig.of(kafka.bootstrapServers()), "/finflow/test").catalog(catalog).build())) {
            for (int i = 0; i < 3; i++) {
                members.add(join(kafka, catalog, group, topic, handled));
                joins.incrementAndGet();
            }
            sends = new AckedSends(producer, topic, 1_000);
            for (int change = 0; change < CHANGES; change++) {
                sends.send(EVENTS / (CHANGES + 1));
                // The members are still busy with the events just sent when one joins or leaves.
                boolean join = members.size() <= MIN_MEMBERS || (members.size() < MAX_MEMBERS && random.nextBoolean());
                if (join) {
                    members.add(join(kafka, catalog, group, topic, handled));
                    joins.incrementAndGet();
                } else {
                    EventConsumer leaving = members.remove(random.nextInt(members.size()));
                    leaving.close();
                    endStates.add(leaving.state());
                    leaves.incrementAndGet();
                }
            }
            sends.send(EVENTS - sends.sent()).awaitOutcomes(WAIT);
            await().atMost(WAIT).until(() -> handled.keySet().containsAll(sends.acked()));
        } finally {
            for (EventConsumer member : members) {
                member.close();
                endStates.add(member.state());
            }
        }
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        Set<String> lost = new HashSet<>(sends.acked());
        lost.removeAll(handled.keySet());
        long duplicated = TopicContents.duplicates(handled);
        new FaultFigures("rebalance-storm", sends.sent(), sends.acked().size(), handled.size(), lost.size(), duplicated,
                TopicContents.recordCount(kafka, topic + ".dlq"), joins.get() + " joins and " + leaves.get()
                + " leaves, one every " + EVENTS / (CHANGES + 1) + " events, in " + tookMs
                + " ms; 12 partitions, 4 workers per member").print();

        assertThat(sends.failures()).isEmpty();
        assertThat(leaves.get()).as("members left during the stream").isGreaterThanOrEqualTo(3);
        assertThat(lost).as("acknowledged events never handled").isEmpty();
        assertThat(handled.keySet()).isEqualTo(sends.acked());
        assertThat(endStates).as("every member closed cleanly").containsOnly(ConsumerState.CLOSED);
        assertThat(committed(kafka, group)).as("everything committed once the last member left")
                .isEqualTo(TopicContents.recordCount(kafka, topic));
    }

    private static EventConsumer join(EmbeddedKafka kafka, TopicCatalog catalog, String group, String topic,
                                      Map<String, Integer> handled) {
        EventConsumer member = EventConsumer.create(ConsumerOptions.builder(ClientConfig.of(kafka.bootstrapServers()),
                group).catalog(catalog).concurrency(4).commitInterval(Duration.ofMillis(200)).build());
        member.subscribe(topic, TransactionEvent.class, (tx, meta) -> handled.merge(tx.eventId(), 1, Integer::sum))
                .start();
        return member;
    }

    /** The sum of the group's committed offsets. */
    private static long committed(EmbeddedKafka kafka, String group) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            return offsets.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
        }
    }
}
