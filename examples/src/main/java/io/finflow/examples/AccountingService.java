package io.finflow.examples;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.finflow.kafka.EventConsumer;
import io.finflow.kafka.EventProducer;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.consumer.ConsumerOptions;
import io.finflow.kafka.consumer.EventMetadata;
import io.finflow.kafka.consumer.NonRetryableException;
import io.finflow.kafka.consumer.OrderingMode;
import io.finflow.kafka.consumer.PartitionListener;
import io.finflow.kafka.consumer.RetryPolicy;
import io.finflow.kafka.consumer.RetryableException;
import io.finflow.kafka.event.BalanceEvent;
import io.finflow.kafka.event.NotificationEvent;
import io.finflow.kafka.event.SystemEvent;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.producer.ProducerOptions;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounting service: keeps account balances from {@code transaction-events} (group
 * {@code accounting-service-group}) by {@link TransactionRule}, publishes every new balance to the
 * compacted {@code account-balances} topic and notifications (large debit, low balance) to
 * {@code notification-events}.
 *
 * <p><b>Exactly once</b> ({@link AccountingOptions#exactlyOnce()}, the default): the library's
 * exactly-once mode commits the balances, notifications and transfer legs a record causes together
 * with its consumed offset in one Kafka transaction. A crash (even SIGKILL) loses the open
 * transaction as a whole, and the restart resumes from the committed offset with the balances
 * committed with it: no transaction counted twice, none lost.
 *
 * <p><b>Several instances</b> share the partitions of {@code transaction-events}. An instance holds
 * state only for the accounts keyed to the partitions it owns: it restores them from the log when
 * they are assigned ({@link LedgerRestorer}), before their first record, and drops them when they are
 * revoked. A transfer's credit belongs to the counterparty's partition, which another instance may
 * own: the debiting instance writes a {@link TransferLegs transfer leg} keyed by the counterparty in
 * the same transaction, and the counterparty's owner applies it.
 *
 * <p><b>Duplicates</b>: a bounded {@link DuplicateFilter} per partition remembers recent transactions,
 * so a republished event moves money once; it is replayed from the log on restore.
 *
 * <p>Records of one account are handled one at a time in offset order (exactly-once: one record at a
 * time; at-least-once: eight workers, accounts in parallel). A record whose
 * transaction fails is retried until it commits or the consumer stops; the effect of the failed
 * attempt is undone first ({@link PartitionLedger#settle}). Nothing is dead-lettered but records that
 * are not transaction events, or transactions keyed to the wrong partition. A fenced instance (another
 * one started with the same instance id) stops: the library classifies fencing as fatal.
 */
public final class AccountingService implements AutoCloseable {

    /** The service's consumer group. */
    public static final String GROUP = "accounting-service-group";
    /** Debits from this many major units up trigger a "large-debit" notification (x100 for JPY). */
    public static final BigDecimal LARGE_DEBIT = new BigDecimal("1000");
    /** Balances below this many major units after a debit trigger "low-balance" (x100 for JPY). */
    public static final BigDecimal LOW_BALANCE = new BigDecimal("50");
    /**
     * Transaction timeout of the output producer: how long a transaction left open by a crashed
     * instance blocks {@code read_committed} readers at most (Kafka Streams uses the same 10 s).
     */
    public static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(10);
    /** Worker threads in at-least-once mode (exactly-once handles one record at a time). */
    static final int AT_LEAST_ONCE_WORKERS = 8;
    /** How long each output send of a record may take before the record's attempt fails. */
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(AccountingService.class);
    private static final String SERVICE = "accounting-service";

    private final AccountingOptions options;
    private final Map<Integer, PartitionLedger> owned = new ConcurrentHashMap<>();
    private final AtomicLong notificationsSent = new AtomicLong();
    private final AtomicLong legsWritten = new AtomicLong();
    private final AtomicBoolean dropOne;
    private final AtomicInteger transactionPartitions = new AtomicInteger();
    private final LedgerRestorer restorer;
    private final EventProducer system;
    private final EventProducer output;
    private final EventConsumer consumer;
    private final String transactions;
    private final String balances;
    private final String notifications;
    private final String systemTopic;

    /** An accounting instance on a cluster; nothing is consumed before {@link #start()}. */
    public AccountingService(ClientConfig config, TopicCatalog catalog, AccountingOptions options) {
        this(config, catalog, options, null);
    }

    /**
     * An accounting instance whose producers and consumer register their metrics in {@code metrics}.
     *
     * @param metrics where the service's clients register their metrics; null for none
     */
    public AccountingService(ClientConfig config, TopicCatalog catalog, AccountingOptions options,
                             MeterRegistry metrics) {
        this.options = options;
        this.dropOne = new AtomicBoolean(options.dropOneTransaction());
        this.transactions = catalog.topicForEventType("transaction").name();
        this.balances = catalog.topicForEventType("balance").name();
        this.notifications = catalog.topicForEventType("notification").name();
        this.systemTopic = catalog.topicForEventType("system").name();
        this.restorer = new LedgerRestorer(config, GROUP, transactions, balances, options.filterCapacity());
        ProducerOptions producerOptions = ProducerOptions.defaults(config, "/finflow/" + SERVICE).withCatalog(catalog)
                .withMeterRegistry(metrics);
        this.system = EventProducer.create(producerOptions);
        this.output = options.exactlyOnce()
                ? EventProducer.create(producerOptions.withTransactionalId(options.transactionalId())
                        .withKafkaOverrides(Map.of("transaction.timeout.ms", (int) TRANSACTION_TIMEOUT.toMillis())))
                : system;
        // Exactly-once handles one record at a time; at-least-once runs accounts in parallel, each in order.
        this.consumer = EventConsumer.create(ConsumerOptions.defaults(config, GROUP).withCatalog(catalog)
                .withMeterRegistry(metrics)
                .withConcurrency(options.exactlyOnce() ? 1 : AT_LEAST_ONCE_WORKERS)
                .withOrdering(options.exactlyOnce() ? OrderingMode.PARTITION : OrderingMode.KEY)
                .withRetry(retryPolicy())
                .withCommitInterval(Duration.ofMillis(500)));
        consumer.subscribe(transactions, TransactionEvent.class, this::onTransaction)
                .partitionListener(new OwnedPartitions());
        if (options.exactlyOnce()) {
            consumer.exactlyOnce(output);
        }
    }

    /**
     * Retries a record until its transaction commits: skipping a transaction would leave a wrong
     * balance for ever, while a stuck partition shows as lag. (Fencing by a newer instance with the
     * same transactional id is fatal: the library stops the consumer instead of retrying.)
     */
    private static RetryPolicy retryPolicy() {
        return RetryPolicy.defaults().withMaxAttempts(Integer.MAX_VALUE);
    }

    /** Publishes the startup event and joins the group. */
    public AccountingService start() {
        system.send(systemTopic, SystemEvent.startup(SERVICE, "1.0.0", host())).join();
        consumer.start();
        return this;
    }

    private void onTransaction(TransactionEvent tx, EventMetadata meta) throws Exception {
        PartitionLedger ledger = owned.get(meta.partition());
        if (ledger == null) {
            // Revoked while queued: the library leaves the record to the new owner.
            throw new RetryableException("partition " + meta.partition() + " of " + meta.topic()
                    + " is not owned by this instance");
        }
        String legOf = meta.headers().get(TransferLegs.LEG_OF_HEADER);
        int expected = LedgerRestorer.partitionOf(tx.accountId(), transactionPartitions.get());
        if (expected != meta.partition()) {
            throw new NonRetryableException("transaction of account " + tx.accountId() + " found on partition "
                    + meta.partition() + ", but that account's records belong on partition " + expected
                    + " (the record key must be accountId)");
        }
        PartitionLedger.Plan undone = ledger.settle(tx.accountId(), meta.offset());
        if (undone != null) {
            notificationsSent.addAndGet(-undone.notifications());
            legsWritten.addAndGet(-undone.legs().size());
            log.info("{}-{}@{} is tried again: the effect of its uncommitted attempt was undone", meta.topic(),
                    meta.partition(), meta.offset());
        }
        PartitionLedger.Plan plan = ledger.plan(tx, legOf);
        if (legOf == null && dropOne.get() && tx.type() == TransactionEvent.Type.CREDIT
                && !plan.changes().isEmpty() && dropOne.compareAndSet(true, false)) {
            log.warn("fault injection: transaction {} of {} dropped", tx.eventId(), tx.accountId());
            plan = plan.withoutChanges();
        }
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (TransactionEvent leg : plan.legs()) {
            sends.add(output.send(transactions, leg, TransferLegs.headers(tx)));
        }
        int notified = 0;
        for (PartitionLedger.Change change : plan.changes()) {
            sends.add(output.send(balances, BalanceEvent.of(change.accountId(), change.after().balance(),
                    change.after().currency(), change.after().moves(), plan.sourceEventId())));
            for (NotificationEvent n : notificationsFor(change, plan.sourceEventId())) {
                sends.add(output.send(notifications, n));
                notified++;
            }
        }
        awaitAll(sends);
        ledger.apply(tx.accountId(), plan.withNotifications(notified), meta.offset());
        notificationsSent.addAndGet(notified);
        legsWritten.addAndGet(plan.legs().size());
    }

    /**
     * Waits until every output of the record is acknowledged, so that a refused or failed send fails
     * the attempt before the ledger changes (and, in exactly-once mode, aborts the transaction).
     */
    private void awaitAll(List<CompletableFuture<?>> sends) throws Exception {
        if (sends.isEmpty()) {
            return;
        }
        output.flush();
        for (CompletableFuture<?> send : sends) {
            try {
                send.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | CompletionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw cause instanceof Exception ex ? ex : e;
            }
        }
    }

    private List<NotificationEvent> notificationsFor(PartitionLedger.Change change, String sourceEventId) {
        if (change.delta().signum() >= 0) {
            return List.of();
        }
        String currency = change.after().currency();
        BigDecimal unit = "JPY".equals(currency) ? BigDecimal.valueOf(100) : BigDecimal.ONE;
        String account = change.accountId();
        List<NotificationEvent> out = new ArrayList<>();
        if (change.delta().negate().compareTo(LARGE_DEBIT.multiply(unit)) >= 0) {
            out.add(notification(sourceEventId, account, NotificationEvent.Channel.EMAIL, "large-debit",
                    Map.of("accountId", account, "amount", change.delta().negate().toPlainString(), "currency", currency)));
        }
        if (change.after().balance().compareTo(LOW_BALANCE.multiply(unit)) < 0) {
            NotificationEvent.Channel channel = List.of(NotificationEvent.Channel.PUSH, NotificationEvent.Channel.IN_APP)
                    .get(Math.floorMod(account.hashCode(), 2));
            out.add(notification(sourceEventId, account, channel, "low-balance",
                    Map.of("accountId", account, "balance", change.after().balance().toPlainString(),
                            "currency", currency)));
        }
        return out;
    }

    /** A notification whose ids derive from what caused it, so that every attempt sends the same one. */
    private static NotificationEvent notification(String sourceEventId, String account, NotificationEvent.Channel channel,
                                                  String template, Map<String, Object> params) {
        String notificationId = uuid(sourceEventId + "/" + account + "/" + template);
        return new NotificationEvent(uuid(notificationId + "/event"), notificationId,
                TransactionGenerator.userOf(account), channel, template, null, null, null, params, Instant.now());
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Restores the ledgers of assigned partitions before their first record; drops those of revoked ones. */
    private final class OwnedPartitions implements PartitionListener {

        @Override
        public void onAssigned(Collection<TopicPartition> partitions) {
            Set<Integer> mine = partitions.stream().filter(tp -> tp.topic().equals(transactions))
                    .map(TopicPartition::partition).collect(Collectors.toSet());
            if (mine.isEmpty()) {
                return;
            }
            if (options.failRestore()) {
                throw new IllegalStateException("could not restore the balances of partitions "
                        + new java.util.TreeSet<>(mine) + " of " + transactions + " (fault injection)");
            }
            LedgerRestorer.Restored restored = restorer.restore(mine);
            transactionPartitions.set(restored.transactionPartitions());
            owned.putAll(restored.ledgers());
        }

        @Override
        public void onRevoked(Collection<TopicPartition> partitions) {
            partitions.stream().filter(tp -> tp.topic().equals(transactions))
                    .forEach(tp -> owned.remove(tp.partition()));
        }
    }

    /** Live balances of the accounts of the partitions this instance owns, sorted by account. */
    public Map<String, BigDecimal> balances() {
        Map<String, BigDecimal> out = new TreeMap<>();
        owned.values().forEach(l -> out.putAll(l.balances()));
        return out;
    }

    /** Partitions of {@code transaction-events} this instance owns now. */
    public Set<Integer> ownedPartitions() {
        return Set.copyOf(owned.keySet());
    }

    /** Notifications published (in exactly-once mode: sent in transactions that committed or are committing). */
    public long notificationsSent() {
        return notificationsSent.get();
    }

    /** Transfer legs written for counterparties. */
    public long legsWritten() {
        return legsWritten.get();
    }

    /** The options this instance runs with. */
    public AccountingOptions options() {
        return options;
    }

    /** The underlying consumer, for its counters and health. */
    public EventConsumer consumer() {
        return consumer;
    }

    /** Leaves the group gracefully (in-flight record finished and committed) and publishes the shutdown event. */
    @Override
    public void close() {
        try {
            consumer.close();
            system.send(systemTopic, SystemEvent.shutdown(SERVICE, host())).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("the shutdown event of {} was not published: {}", SERVICE, e.toString());
        } finally {
            if (output != system) {
                output.close();
            }
            system.close();
        }
    }

    static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
