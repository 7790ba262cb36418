package io.finflow.kafka.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.finflow.kafka.EventConsumer;
import io.finflow.kafka.EventProducer;
import io.finflow.kafka.TestCatalog;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.consumer.ConsumerOptions;
import io.finflow.kafka.consumer.ConsumerState;
import io.finflow.kafka.consumer.RetryPolicy;
import io.finflow.kafka.consumer.RetryableException;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.producer.ProducerOptions;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.TestNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A handler fails (retriably) for longer than {@code max.poll.interval.ms}, set to 10 s here: the record waits for
 * its retries with its partition paused while the consumer keeps polling, so the member is never expelled. Checked
 * from outside: the group, described with an {@link Admin} every half second while the record fails, keeps the same
 * member, member epoch, group epoch and assignment (no rebalance). The record then succeeds; nothing is
 * dead-lettered, nothing handled twice. (Members heartbeat every second here, {@link ShortSessionKafka}, so the group
 * settles fast; {@code max.poll.interval.ms} is the consumer's own deadline, unrelated to heartbeats.)
 */
@Tag("reliability")
class RetriesOutlastMaxPollIntervalIT {

    @RegisterExtension
    static final ShortSessionKafka KAFKA = new ShortSessionKafka();

    private static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(10);
    /** How long the failing account's records fail, from their first attempt: well past max.poll.interval.ms. */
    private static final Duration FAILING_FOR = Duration.ofSeconds(12);
    private static final int EVENTS = 24;
    private static final int ACCOUNTS = 12;
    private static final String FAILING_ACCOUNT = "acc-0";

    @Test
    void aHandlerFailingLongerThanMaxPollIntervalKeepsItsMemberAndAssignmentAndSucceedsWithoutADeadLetter()
            throws Exception {
        EmbeddedKafka kafka = KAFKA.broker();
        TestNames names = TestNames.forTest(getClass().getSimpleName(), "retries");
        TopicCatalog catalog = TestCatalog.create(kafka, names);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        String group = names.group();
        Map<String, Integer> handled = new ConcurrentHashMap<>();
        AtomicLong firstFailure = new AtomicLong();
        AtomicLong succeededAfterMs = new AtomicLong(-1);
        AtomicInteger failedAttempts = new AtomicInteger();
        ConsumerOptions options = ConsumerOptions.builder(ClientConfig.of(kafka.bootstrapServers()), group)
                .catalog(catalog)
                .retry(RetryPolicy.builder().initialBackoff(Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(2))
                        .build())
                .kafkaOverride("max.poll.interval.ms", (int) MAX_POLL_INTERVAL.toMillis())
                .build();
        List<GroupView> samples = new ArrayList<>();
        GroupView baseline;
        AckedSends sends;
        try (EventConsumer consumer = EventConsumer.create(options);
             Admin admin = Admin.create(kafka.clientProperties())) {
            consumer.subscribe(topic, TransactionEvent.class, (tx, meta) -> {
                if (tx.accountId().equals(FAILING_ACCOUNT)) {
                    long now = System.nanoTime();
                    firstFailure.compareAndSet(0, now);
                    if (now - firstFailure.get() < FAILING_FOR.toNanos()) {
                        failedAttempts.incrementAndGet();
                        throw new RetryableException("ledger database unavailable");
                    }
                    succeededAfterMs.compareAndSet(-1, TimeUnit.NANOSECONDS.toMillis(now - firstFailure.get()));
                }
                handled.merge(tx.eventId(), 1, Integer::sum);
            }).start();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> GroupView.of(admin, group).settledWith(12));
            try (EventProducer producer = EventProducer.create(ProducerOptions.builder(
                    ClientConfig.of(kafka.bootstrapServers()), "/finflow/test").catalog(catalog).build())) {
                sends = new AckedSends(producer, topic, ACCOUNTS).send(EVENTS).awaitOutcomes(Duration.ofSeconds(60));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> failedAttempts.get() > 0);
            baseline = GroupView.of(admin, group);
            await().atMost(FAILING_FOR.plus(Duration.ofSeconds(60))).pollInterval(Duration.ofMillis(500)).until(() -> {
                samples.add(GroupView.of(admin, group));
                assertThat(consumer.state()).isEqualTo(ConsumerState.RUNNING);
                return handled.size() == EVENTS;
            });
            samples.add(GroupView.of(admin, group));
            assertThat(consumer.stats().deadLettered()).isZero();
        }
        long duplicated = TopicContents.duplicates(handled);
        new FaultFigures("retries-outlast-max-poll-interval", sends.sent(), sends.acked().size(), handled.size(),
                EVENTS - handled.size(), duplicated, TopicContents.recordCount(kafka, topic + ".dlq"),
                "max.poll.interval.ms " + MAX_POLL_INTERVAL.toMillis() + ", " + FAILING_ACCOUNT + " failed "
                + failedAttempts.get() + " times and succeeded " + succeededAfterMs.get() + " ms after its first attempt; "
                + samples.size() + " group samples, " + new java.util.HashSet<>(samples).size() + " distinct; at the first"
                + " failure: " + baseline).print();

        assertThat(succeededAfterMs.get()).as("the record failed for longer than max.poll.interval.ms")
                .isGreaterThan(MAX_POLL_INTERVAL.toMillis());
        assertThat(samples).as("member, epochs and assignment while the record was retried").containsOnly(baseline);
        assertThat(handled.keySet()).isEqualTo(sends.acked());
        assertThat(duplicated).isZero();
        assertThat(TopicContents.recordCount(kafka, topic + ".dlq")).isZero();
    }

    /** What a rebalance would change: the members, their epochs and assignments, and the group epoch. */
    private record GroupView(int groupEpoch, Map<String, Integer> memberEpochs, Map<String, Set<String>> assignments) {

        static GroupView of(Admin admin, String group) throws Exception {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                    .get(10, TimeUnit.SECONDS);
            Map<String, Integer> epochs = new TreeMap<>();
            Map<String, Set<String>> assignments = new TreeMap<>();
            for (MemberDescription m : d.members()) {
                epochs.put(m.consumerId(), m.memberEpoch().orElse(-1));
                Set<String> partitions = new TreeSet<>();
                for (TopicPartition tp : m.assignment().topicPartitions()) {
                    partitions.add(tp.toString());
                }
                assignments.put(m.consumerId(), partitions);
            }
            return new GroupView(d.groupEpoch().orElse(-1), epochs, assignments);
        }

        /** One member holding all {@code partitions}, reconciled with the group's epoch. */
        boolean settledWith(int partitions) {
            return memberEpochs.size() == 1 && memberEpochs.values().iterator().next() == groupEpoch
                    && assignments.values().iterator().next().size() == partitions;
        }

        @Override
        public String toString() {
            return "group epoch " + groupEpoch + ", member epochs " + memberEpochs.values() + ", "
                    + assignments.values().stream().mapToInt(Set::size).sum() + " partitions assigned";
        }
    }
}
