package io.finflow.examples;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.event.BalanceEvent;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.TransactionEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads what an accounting instance needs before it handles the records of newly assigned
 * partitions of {@code transaction-events}, from the log only:
 * <ol>
 *   <li>the latest balance of every account keyed to those partitions, from {@code account-balances}
 *       read with {@code read_committed} up to its high watermark at the start of the restore: a
 *       transaction still open there (the previous owner's last one) is waited for, so its balances
 *       are seen once it commits and never once it aborts;</li>
 *   <li>the duplicate filter, replayed from the records just before the group's committed offset of
 *       each partition (at most the filter's capacity).</li>
 * </ol>
 * With exactly-once, balances and consumed offsets commit in one transaction, so the restored
 * balances are exactly the effect of the records before the committed offset.
 */
final class LedgerRestorer {

    /** How long one restore may take, open transactions of a crashed instance included. */
    static final Duration RESTORE_TIMEOUT = Duration.ofMinutes(2);

    private static final Logger log = LoggerFactory.getLogger(LedgerRestorer.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final ClientConfig config;
    private final String group;
    private final String transactions;
    private final String balances;
    private final int filterCapacity;

    LedgerRestorer(ClientConfig config, String group, String transactions, String balances, int filterCapacity) {
        this.config = config;
        this.group = group;
        this.transactions = transactions;
        this.balances = balances;
        this.filterCapacity = filterCapacity;
    }

    /** The partition of {@code transaction-events} holding an account's records (Kafka's key partitioner). */
    static int partitionOf(String accountId, int partitions) {
        return Utils.toPositive(Utils.murmur2(accountId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /**
     * What a restore loaded.
     *
     * @param ledgers               the ledger of each partition restored
     * @param transactionPartitions partitions of {@code transaction-events}, to map accounts to partitions
     */
    record Restored(Map<Integer, PartitionLedger> ledgers, int transactionPartitions) {
    }

    /** Restores the ledgers of these partitions of {@code transaction-events}. */
    Restored restore(Collection<Integer> partitions) {
        long started = System.nanoTime();
        Map<Integer, PartitionLedger> ledgers = new TreeMap<>();
        partitions.forEach(p -> ledgers.put(p, new PartitionLedger(p, filterCapacity)));
        try (Admin admin = Admin.create(config.toMap())) {
            int transactionPartitions;
            int balancePartitions;
            try (KafkaConsumer<byte[], byte[]> consumer = reader()) {
                transactionPartitions = consumer.partitionsFor(transactions, Duration.ofSeconds(30)).size();
                balancePartitions = consumer.partitionsFor(balances, Duration.ofSeconds(30)).size();
            }
            List<TopicPartition> balanceSource = new ArrayList<>();
            for (int p = 0; p < balancePartitions; p++) {
                // Same partition count and key: an account's balances sit in the partition number of its records.
                if (balancePartitions != transactionPartitions || ledgers.containsKey(p)) {
                    balanceSource.add(new TopicPartition(balances, p));
                }
            }
            long[] restored = new long[1];
            Map<TopicPartition, Long> highWatermarks = highWatermarks(admin, balanceSource);
            read(balanceSource, Map.of(), highWatermarks, record -> {
                BalanceEvent balance;
                try {
                    balance = EventJson.fromBytes(record.value(), BalanceEvent.class);
                } catch (RuntimeException notABalance) {
                    log.warn("{}-{}@{} is not a balance event; skipped: {}", record.topic(), record.partition(),
                            record.offset(), notABalance.getMessage());
                    return;
                }
                PartitionLedger ledger = ledgers.get(partitionOf(balance.accountId(), transactionPartitions));
                if (ledger != null) {
                    ledger.restore(balance);
                    restored[0]++;
                }
            });

            Map<TopicPartition, Long> committed = committedOffsets(admin, ledgers.keySet());
            Map<TopicPartition, Long> beginnings;
            try (KafkaConsumer<byte[], byte[]> consumer = reader()) {
                beginnings = consumer.beginningOffsets(committed.keySet(), Duration.ofSeconds(30));
            }
            Map<TopicPartition, Long> from = new HashMap<>();
            committed.forEach((tp, end) -> from.put(tp, Math.max(beginnings.get(tp), end - filterCapacity)));
            long[] replayed = new long[1];
            read(new ArrayList<>(committed.keySet()), from, committed, record -> {
                if (record.offset() >= committed.get(new TopicPartition(record.topic(), record.partition()))) {
                    return;
                }
                try {
                    TransactionEvent tx = EventJson.fromBytes(record.value(), TransactionEvent.class);
                    ledgers.get(record.partition()).remember(tx, legOf(record));
                    replayed[0]++;
                } catch (RuntimeException poison) {
                    // dead-lettered when it was consumed: nothing to remember
                }
            });
            log.info("restored partitions {} of {}: {} balance records read, {} handled records replayed into the"
                    + " duplicate filter, in {} ms", ledgers.keySet(), transactions, restored[0], replayed[0],
                    (System.nanoTime() - started) / 1_000_000);
            return new Restored(ledgers, transactionPartitions);
        }
    }

    static String legOf(ConsumerRecord<byte[], byte[]> record) {
        Header h = record.headers().lastHeader(TransferLegs.LEG_OF_HEADER);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private KafkaConsumer<byte[], byte[]> reader() {
        Map<String, Object> props = config.toMap();
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", false);
        props.put("max.poll.records", 2000);
        props.put("client.id", "accounting-restore-" + group);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private Map<TopicPartition, Long> highWatermarks(Admin admin, List<TopicPartition> partitions) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
        try {
            Map<TopicPartition, Long> out = new HashMap<>();
            admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all()
                    .get(RESTORE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .forEach((tp, info) -> out.put(tp, info.offset()));
            return out;
        } catch (Exception e) {
            throw failure("could not read the end offsets of " + balances, e);
        }
    }

    private Map<TopicPartition, Long> committedOffsets(Admin admin, Collection<Integer> partitions) {
        try {
            Map<TopicPartition, OffsetAndMetadata> all = admin.listConsumerGroupOffsets(group,
                            new ListConsumerGroupOffsetsOptions().requireStable(true))
                    .partitionsToOffsetAndMetadata().get(RESTORE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            Map<TopicPartition, Long> out = new HashMap<>();
            for (int p : partitions) {
                OffsetAndMetadata om = all.get(new TopicPartition(transactions, p));
                if (om != null) {
                    out.put(new TopicPartition(transactions, p), om.offset());
                }
            }
            return out;
        } catch (Exception e) {
            throw failure("could not read the committed offsets of group " + group, e);
        }
    }

    /** Reads {@code partitions} from {@code from} (else the beginning) until each position reaches {@code until}. */
    private void read(List<TopicPartition> partitions, Map<TopicPartition, Long> from,
                      Map<TopicPartition, Long> until, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        List<TopicPartition> todo = partitions.stream().filter(tp -> until.getOrDefault(tp, 0L) > 0).toList();
        if (todo.isEmpty()) {
            return;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = reader()) {
            read(consumer, todo, from, until, sink);
        }
    }

    private static void read(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> todo,
                             Map<TopicPartition, Long> from, Map<TopicPartition, Long> until,
                             Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        consumer.assign(todo);
        for (TopicPartition tp : todo) {
            if (from.containsKey(tp)) {
                consumer.seek(tp, from.get(tp));
            } else {
                consumer.seekToBeginning(List.of(tp));
            }
        }
        long deadline = System.nanoTime() + RESTORE_TIMEOUT.toNanos();
        while (todo.stream().anyMatch(tp -> consumer.position(tp) < until.get(tp))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("restoring the accounting state did not read " + todo
                        + " up to " + until + " within " + RESTORE_TIMEOUT.toSeconds()
                        + " s; is a transaction of another instance still open?");
            }
            consumer.poll(POLL).forEach(sink);
        }
    }

    private static IllegalStateException failure(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
        return new IllegalStateException(what + ": " + cause.getMessage(), cause);
    }
}
