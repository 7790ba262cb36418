package io.finflow.kafka.cli;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.finflow.examples.Ledger;
import io.finflow.examples.TransactionRule;
import io.finflow.examples.TransferLegs;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.event.BalanceEvent;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.NotificationEvent;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.testkit.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The figures of an accounting fault scenario, measured from the topics with plain Kafka consumers
 * ({@code read_committed}), independently of the services under test.
 *
 * @param scenario     what was done
 * @param sent         transaction events handed to the producer
 * @param acknowledged transaction events Kafka acknowledged
 * @param handled      acknowledged transaction events before the accounting group's committed offsets
 * @param lost         moves the rule expects from the acknowledged events that no committed balance carries
 * @param duplicated   moves carried by more than one committed balance, moves no event explains, and
 *                     notifications published more than once
 * @param deadLettered records of transaction-events dead-lettered, poison written on purpose excluded
 */
record FaultFigures(String scenario, long sent, long acknowledged, long handled, long lost, long duplicated,
                    long deadLettered) {

    /** Measures the topics of {@code catalog}. */
    static FaultFigures measure(String scenario, KafkaBroker kafka, TopicCatalog catalog, String group, long sent,
                                long acknowledged, long poisonWritten) throws Exception {
        String transactions = catalog.topicForEventType("transaction").name();
        Map<TopicPartition, Long> committed = committed(kafka, group);
        Ledger ledger = new Ledger();
        Set<String> expectedMoves = new HashSet<>();
        long[] handled = new long[1];
        readAll(kafka, transactions, r -> {
            if (header(r, TransferLegs.LEG_OF_HEADER) != null) {
                return;
            }
            TransactionEvent tx;
            try {
                tx = EventJson.fromBytes(r.value(), TransactionEvent.class);
            } catch (RuntimeException poison) {
                return;
            }
            for (TransactionRule.Move move : ledger.apply(tx)) {
                expectedMoves.add(move.accountId() + " " + tx.eventId());
            }
            if (r.offset() < committed.getOrDefault(new TopicPartition(r.topic(), r.partition()), 0L)) {
                handled[0]++;
            }
        });
        Map<String, Integer> moves = new HashMap<>();
        readAll(kafka, catalog.topicForEventType("balance").name(), r -> {
            BalanceEvent b = EventJson.fromBytes(r.value(), BalanceEvent.class);
            moves.merge(b.accountId() + " " + b.lastTransactionEventId(), 1, Integer::sum);
        });
        Map<String, Integer> notifications = new HashMap<>();
        readAll(kafka, catalog.topicForEventType("notification").name(), r -> notifications.merge(
                EventJson.fromBytes(r.value(), NotificationEvent.class).notificationId(), 1, Integer::sum));
        long lost = expectedMoves.stream().filter(m -> !moves.containsKey(m)).count();
        long duplicated = moves.values().stream().mapToLong(n -> n - 1).sum()
                + moves.keySet().stream().filter(m -> !expectedMoves.contains(m)).count()
                + notifications.values().stream().mapToLong(n -> n - 1).sum();
        long[] dead = new long[1];
        readAll(kafka, catalog.require(transactions).dlqTopic(), r -> dead[0]++);
        return new FaultFigures(scenario, sent, acknowledged, handled[0], lost, duplicated, dead[0] - poisonWritten);
    }

    /** Prints the figures in the test output, one line, for docs/reliability.md. */
    FaultFigures print() {
        System.out.printf("[reliability] %s: sent=%d acknowledged=%d handled=%d lost=%d duplicated=%d"
                + " dead-lettered=%d%n", scenario, sent, acknowledged, handled, lost, duplicated, deadLettered);
        return this;
    }

    private static Map<TopicPartition, Long> committed(KafkaBroker kafka, String group) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            Map<TopicPartition, Long> out = new HashMap<>();
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e : admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS).entrySet()) {
                if (e.getValue() != null) {
                    out.put(e.getKey(), e.getValue().offset());
                }
            }
            return out;
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Every committed record of a topic up to its end now. */
    private static void readAll(KafkaBroker kafka, String topic, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put("isolation.level", "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end within 60 s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    if (r.offset() < ends.get(new TopicPartition(r.topic(), r.partition()))) {
                        sink.accept(r);
                    }
                }
            }
        }
    }
}
