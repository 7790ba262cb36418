package io.finflow.examples;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.finflow.kafka.EventConsumer;
import io.finflow.kafka.EventProducer;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.consumer.ConsumerOptions;
import io.finflow.kafka.consumer.EventMetadata;
import io.finflow.kafka.event.BalanceEvent;
import io.finflow.kafka.event.NotificationEvent;
import io.finflow.kafka.event.SystemEvent;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.producer.ProducerOptions;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounting service: keeps account balances from {@code transaction-events} (group
 * {@code accounting-service-group}), publishes every new balance to the compacted
 * {@code account-balances} topic and notifications (large debit, low balance) to
 * {@code notification-events}.
 *
 * <p>Each transaction counts exactly once: the handler drops an event id it has already applied
 * (redelivery after a crash or rebalance), and records of one account are processed in order.
 * Eight workers process different accounts in parallel; the balance of an account is changed and
 * published under that account's lock, so the compacted topic ends with the final balance.
 */
public final class AccountingService implements AutoCloseable {

    /** The service's consumer group. */
    public static final String GROUP = "accounting-service-group";
    /** Debits from this many major units up trigger a "large-debit" notification (x100 for JPY). */
    public static final BigDecimal LARGE_DEBIT = new BigDecimal("1000");
    /** Balances below this many major units after a debit trigger "low-balance" (x100 for JPY). */
    public static final BigDecimal LOW_BALANCE = new BigDecimal("50");

    private static final Logger log = LoggerFactory.getLogger(AccountingService.class);
    private static final String SERVICE = "accounting-service";

    private final Ledger ledger = new Ledger();
    private final Map<String, String> currencies = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> transactionCounts = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final AtomicLong notificationsSent = new AtomicLong();
    private final AtomicBoolean dropOne;
    private final Function<String, String> ownerOf;
    private final EventProducer producer;
    private final EventConsumer consumer;
    private final String transactions;
    private final String balances;
    private final String notifications;
    private final String system;

    /**
     * @param dropOneTransaction fault injection: silently skip one credit, so that the demo's
     *                           balance check must detect the mismatch
     */
    public AccountingService(ClientConfig config, TopicCatalog catalog, Function<String, String> ownerOf,
                             boolean dropOneTransaction) {
        this(config, catalog, ownerOf, dropOneTransaction, null);
    }

    /** @param metrics where the service's producer and consumer register their metrics; null for none */
    public AccountingService(ClientConfig config, TopicCatalog catalog, Function<String, String> ownerOf,
                             boolean dropOneTransaction, MeterRegistry metrics) {
        this.ownerOf = ownerOf;
        this.dropOne = new AtomicBoolean(dropOneTransaction);
        this.transactions = catalog.topicForEventType("transaction").name();
        this.balances = catalog.topicForEventType("balance").name();
        this.notifications = catalog.topicForEventType("notification").name();
        this.system = catalog.topicForEventType("system").name();
        this.producer = EventProducer.create(ProducerOptions.defaults(config, "/finflow/" + SERVICE).withCatalog(catalog)
                .withMeterRegistry(metrics));
        this.consumer = EventConsumer.create(ConsumerOptions.defaults(config, GROUP).withCatalog(catalog)
                .withMeterRegistry(metrics)
                .withConcurrency(8)
                .withCommitInterval(Duration.ofMillis(500)));
        consumer.subscribe(transactions, TransactionEvent.class, this::onTransaction);
    }

    /** Publishes the startup event and joins the group. */
    public AccountingService start() {
        producer.send(system, SystemEvent.startup(SERVICE, "1.0.0", host())).join();
        consumer.start();
        return this;
    }

    private void onTransaction(TransactionEvent tx, EventMetadata meta) throws Exception {
        if (ledger.isApplied(tx.eventId())) {
            log.debug("duplicate {} dropped", tx.eventId());
            return;
        }
        if (tx.type() == TransactionEvent.Type.CREDIT && dropOne.compareAndSet(true, false)) {
            log.warn("fault injection: transaction {} of {} dropped", tx.eventId(), tx.accountId());
            ledger.markApplied(tx.eventId());
            return;
        }
        for (Ledger.Effect effect : Ledger.effects(tx)) {
            currencies.putIfAbsent(effect.accountId(), tx.currency());
            synchronized (locks.computeIfAbsent(effect.accountId(), k -> new Object())) {
                BigDecimal balance = ledger.add(effect.accountId(), effect.delta());
                long count = transactionCounts.computeIfAbsent(effect.accountId(), k -> new AtomicLong()).incrementAndGet();
                producer.send(balances, BalanceEvent.of(effect.accountId(), balance, tx.currency(), count, tx.eventId()));
                notifyIfNeeded(tx, effect, balance);
            }
        }
        ledger.markApplied(tx.eventId());
    }

    private void notifyIfNeeded(TransactionEvent tx, Ledger.Effect effect, BigDecimal balance) {
        if (effect.delta().signum() >= 0) {
            return;
        }
        BigDecimal unit = "JPY".equals(tx.currency()) ? BigDecimal.valueOf(100) : BigDecimal.ONE;
        String user = ownerOf.apply(effect.accountId());
        if (effect.delta().negate().compareTo(LARGE_DEBIT.multiply(unit)) >= 0) {
            send(NotificationEvent.of(user, NotificationEvent.Channel.EMAIL, "large-debit",
                    Map.of("accountId", effect.accountId(), "amount", effect.delta().negate().toPlainString(),
                            "currency", tx.currency())));
        }
        if (balance.compareTo(LOW_BALANCE.multiply(unit)) < 0) {
            NotificationEvent.Channel channel = List.of(NotificationEvent.Channel.PUSH, NotificationEvent.Channel.IN_APP)
                    .get(Math.floorMod(effect.accountId().hashCode(), 2));
            send(NotificationEvent.of(user, channel, "low-balance",
                    Map.of("accountId", effect.accountId(), "balance", balance.toPlainString(),
                            "currency", tx.currency())));
        }
    }

    private void send(NotificationEvent event) {
        producer.send(notifications, event).thenRun(notificationsSent::incrementAndGet);
    }

    /** Waits until every balance and notification event sent so far is acknowledged. */
    public void flush() {
        producer.flush();
    }

    /** Live balances, sorted by account. */
    public Map<String, BigDecimal> balances() {
        return ledger.snapshot();
    }

    /** Transactions applied (duplicates and the injected drop excluded). */
    public int applied() {
        return ledger.appliedCount();
    }

    /** Notifications published. */
    public long notificationsSent() {
        return notificationsSent.get();
    }

    /** The underlying consumer, for its counters. */
    public EventConsumer consumer() {
        return consumer;
    }

    /** Leaves the group gracefully and publishes the shutdown event. */
    @Override
    public void close() {
        consumer.close();
        producer.send(system, SystemEvent.shutdown(SERVICE, host())).join();
        producer.close();
    }

    static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
