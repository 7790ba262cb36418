package io.finflow.examples;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.catalog.TopicSpec;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.event.BalanceEvent;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.ops.groups.ConsumerGroupService;
import io.finflow.kafka.ops.groups.GroupLag;
import io.finflow.kafka.ops.groups.PartitionLag;
import io.finflow.kafka.ops.topics.PlanOptions;
import io.finflow.kafka.ops.topics.TopicPlan;
import io.finflow.kafka.ops.topics.TopicsService;
import io.finflow.kafka.wire.DeadLetterHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Runs the FinFlow event flow end to end and checks it: applies the topic catalog, starts the
 * accounting and notification services, writes the generated stream (valid events, events the
 * producer must refuse, poison bytes), waits until the services caught up, then verifies balances
 * against an independent computation, the rebuild from offset 0, the compacted balances topic,
 * dead letters and consumer lag. When a service's consumer stops working, the run stops within a
 * second with a {@link ServiceStoppedException} naming the service and the cause. The services keep
 * running until {@link #close()}.
 */
public final class DemoRunner implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final ClientConfig config;
    private final TopicCatalog catalog;
    private final DemoOptions options;
    private final MeterRegistry metrics;
    private EventStreamWriter writer;
    private AccountingService accounting;
    private NotificationService notifications;

    /** @param catalog the topic catalog to run on (already prefixed when the run must be isolated) */
    public DemoRunner(ClientConfig config, TopicCatalog catalog, DemoOptions options) {
        this(config, catalog, options, null);
    }

    /**
     * @param catalog the topic catalog to run on (already prefixed when the run must be isolated)
     * @param metrics where the generator and the services register their metrics; null for none
     */
    public DemoRunner(ClientConfig config, TopicCatalog catalog, DemoOptions options, MeterRegistry metrics) {
        this.config = config;
        this.catalog = catalog;
        this.options = options;
        this.metrics = metrics;
    }

    /**
     * Runs the flow and returns the summary; {@code progress} receives one line now and then.
     *
     * @throws ServiceStoppedException a service's consumer stopped working (the message says which and why)
     */
    public DemoSummary run(Consumer<String> progress) throws Exception {
        long started = System.nanoTime();
        String txTopic = catalog.topicForEventType("transaction").name();
        String notificationTopic = catalog.topicForEventType("notification").name();
        String balanceTopic = catalog.topicForEventType("balance").name();
        applyCatalog(progress);

        TransactionGenerator generator = new TransactionGenerator(options.seed(), options.accounts());
        notifications = new NotificationService(config, catalog, metrics).start();
        accounting = new AccountingService(config, catalog, AccountingOptions.builder()
                .exactlyOnce(options.exactlyOnce())
                .instanceId("demo-" + AccountingOptions.randomInstanceId())
                .dropOneTransaction(options.dropOneTransaction())
                .failRestore(options.failAccountingRestore()).build(), metrics).start();
        progress.accept("services started: accounting-service (" + (options.exactlyOnce()
                ? "exactly-once: one Kafka transaction per record" : "at-least-once") + "), notification-service"
                + " (4 workers)");

        Ledger expected = new Ledger();
        AtomicLong transactionsAcked = new AtomicLong();
        long[] lastLine = {System.nanoTime()};
        // Open until close(), like the services: their metrics stay readable after the run.
        writer = new EventStreamWriter(config, catalog, metrics);
        EventStreamWriter.Result written = writer.write(generator, options.events(), 0,
                event -> {
                    if (event instanceof TransactionEvent tx) {
                        expected.apply(tx);
                        transactionsAcked.incrementAndGet();
                    }
                }, count -> {
                    checkServices();
                    if (System.nanoTime() - lastLine[0] > Duration.ofSeconds(2).toNanos()) {
                        lastLine[0] = System.nanoTime();
                        progress.accept(progressLine(count));
                    }
                });
        progress.accept(progressLine(options.events()) + " (all written; waiting for the services)");

        long poisonWritten = written.poison();
        long txAcked = transactionsAcked.get();
        // The accounting consumer also handles the transfer legs it writes for counterparties.
        boolean caughtUp = awaitCatchUp(txAcked + poisonWritten + expected.counterpartyMoves(), progress);
        List<GroupLag> lags = awaitNothingUnhandled();

        BalanceRebuilder.Result rebuild = BalanceRebuilder.rebuild(config, txTopic);
        Map<String, BigDecimal> live = accounting.balances();
        Map<String, BigDecimal> compacted = latestBalances(balanceTopic);
        Map<String, Map<String, Long>> dead = new TreeMap<>();
        dead.put(txTopic + ".dlq", dlqReasons(catalog.require(txTopic).dlqTopic()));
        dead.put(notificationTopic + ".dlq", dlqReasons(catalog.require(notificationTopic).dlqTopic()));
        long txDead = dead.get(txTopic + ".dlq").values().stream().mapToLong(Long::longValue).sum();
        long notificationsDead = dead.get(notificationTopic + ".dlq").values().stream().mapToLong(Long::longValue).sum();

        List<DemoSummary.Check> checks = new ArrayList<>();
        checks.add(new DemoSummary.Check("every valid event acknowledged", written.sendFailures() == 0,
                written.sendFailures() + " send failures"));
        checks.add(new DemoSummary.Check("producer refused every schema-invalid event",
                written.refusedTotal() == written.schemaInvalid() && written.invalidAccepted() == 0,
                written.refusedTotal() + " of " + written.schemaInvalid() + " refused, " + written.invalidAccepted()
                        + " accepted by mistake"));
        checks.add(new DemoSummary.Check("services caught up", caughtUp,
                caughtUp ? "all records handled" : "timed out after " + options.timeout().toSeconds() + " s"));
        long accountingProcessed = accounting.consumer().stats().processed();
        long legs = rebuild.legsSkipped();
        checks.add(new DemoSummary.Check("accounting handled every transaction once",
                accountingProcessed == txAcked + legs && legs == expected.counterpartyMoves(),
                accountingProcessed + " handled = " + txAcked + " acknowledged + " + legs + " transfer legs ("
                        + expected.counterpartyMoves() + " expected)"));
        checks.add(new DemoSummary.Check("poison records dead-lettered", txDead == poisonWritten,
                txDead + " in " + txTopic + ".dlq, " + poisonWritten + " written"));
        long delivered = notifications.consumer().stats().processed();
        checks.add(new DemoSummary.Check("every notification delivered or dead-lettered",
                delivered + notificationsDead == accounting.notificationsSent(),
                delivered + " delivered + " + notificationsDead + " dead-lettered of " + accounting.notificationsSent()));
        checks.add(balanceCheck("balances match an independent computation", live, expected.snapshot(),
                "live", "expected"));
        checks.add(balanceCheck("rebuild from offset 0 equals live balances", rebuild.ledger().snapshot(), live,
                "rebuilt", "live"));
        checks.add(balanceCheck("compacted " + balanceTopic + " holds the live balances", compacted, live,
                "topic", "live"));
        checks.add(lagCheck(lags));

        Map<String, Long> consumed = new TreeMap<>();
        consumed.put(AccountingService.GROUP, accountingProcessed);
        consumed.put(NotificationService.GROUP, delivered);
        Map<String, Long> byChannel = new TreeMap<>();
        notifications.deliveredByChannel().forEach((c, n) -> byChannel.put(c.name().toLowerCase(java.util.Locale.ROOT), n));
        Map<String, Long> produced = new TreeMap<>(written.acknowledged());
        // transaction-events also holds the transfer legs the accounting service wrote
        produced.merge("transaction-events", accounting.legsWritten(), Long::sum);
        produced.put("notification-events", accounting.notificationsSent());
        return new DemoSummary(produced, written.refused(), poisonWritten, consumed, dead, byChannel,
                checks, (System.nanoTime() - started) / 1e9);
    }

    /** Stops the run with the cause when a service's consumer no longer works. */
    private void checkServices() {
        ConsumerHealth.check("accounting-service", accounting.consumer());
        ConsumerHealth.check("notification-service", notifications.consumer());
    }

    private String progressLine(long written) {
        return String.format("written %,d/%,d | accounting handled %,d | notifications delivered %,d",
                written, options.events(), accounting.consumer().stats().processed(),
                notifications.consumer().stats().processed());
    }

    private void applyCatalog(Consumer<String> progress) {
        try (Admin admin = Admin.create(config.toMap())) {
            TopicsService topics = new TopicsService(admin);
            TopicPlan plan = topics.plan(catalog, PlanOptions.DEFAULT);
            if (!plan.refusals().isEmpty()) {
                throw new IllegalStateException("the topic catalog cannot be applied: " + plan.refusals().get(0).message()
                        + " (see `finflow topics plan`)");
            }
            topics.apply(plan); // returns once new partitions have ready leaders
            progress.accept("topic catalog applied: " + catalog.allTopics().size() + " topics ("
                    + plan.executable().size() + " changes)");
        }
    }

    private boolean awaitCatchUp(long accountingRecords, Consumer<String> progress) throws InterruptedException {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        long lastProgress = System.nanoTime();
        while (System.nanoTime() < deadline) {
            var a = accounting.consumer().stats();
            var n = notifications.consumer().stats();
            boolean accountingDone = a.processed() + a.deadLettered() >= accountingRecords;
            boolean notificationsDone = n.processed() + n.deadLettered() >= accounting.notificationsSent();
            if (accountingDone && notificationsDone) {
                return true;
            }
            checkServices();
            if (System.nanoTime() - lastProgress > Duration.ofSeconds(2).toNanos()) {
                lastProgress = System.nanoTime();
                progress.accept(progressLine(options.events()));
            }
            Thread.sleep(POLL.toMillis());
        }
        return false;
    }

    /**
     * Waits (at most 30 s) until both groups have committed past every record: lag 0, or only
     * transaction markers after the committed offsets (in exactly-once mode the services' outputs are
     * transactional, and a committed offset stops before the marker that follows the last record).
     */
    private List<GroupLag> awaitNothingUnhandled() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (Admin admin = Admin.create(config.toMap())) {
            ConsumerGroupService groups = new ConsumerGroupService(admin, config.toMap());
            while (true) {
                List<GroupLag> lags = new ArrayList<>();
                lags.addAll(groups.lag(Optional.of(AccountingService.GROUP)));
                lags.addAll(groups.lag(Optional.of(NotificationService.GROUP)));
                lags.removeIf(l -> l.partitions().stream().noneMatch(p -> catalog.find(p.topic()).isPresent()));
                if (lags.stream().allMatch(l -> unhandled(l) == 0) || System.nanoTime() > deadline) {
                    return lags;
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    private DemoSummary.Check lagCheck(List<GroupLag> lags) {
        long unhandled = lags.stream().mapToLong(this::unhandled).sum();
        List<String> detail = lags.stream().map(l -> l.groupId() + "=" + runLag(l)
                + (runLag(l) > 0 && unhandled(l) == 0 ? " (transaction markers only)" : "")).toList();
        return new DemoSummary.Check("final consumer lag is 0", unhandled == 0, detail.toString());
    }

    /** The group's offset lag on this run's topics only (the group may also read another prefix's topics). */
    private long runLag(GroupLag lag) {
        return lag.partitions().stream().filter(p -> catalog.find(p.topic()).isPresent())
                .mapToLong(p -> p.offsetLag() == null ? 0 : p.offsetLag()).sum();
    }

    /** Records after a group's committed offsets: its offset lag without transaction markers. */
    private long unhandled(GroupLag lag) {
        if (runLag(lag) == 0) {
            return 0;
        }
        long[] count = new long[1];
        for (PartitionLag p : lag.partitions()) {
            // the group may also read other topics (another prefix's run on the same cluster): not this run's
            if (catalog.find(p.topic()).isEmpty()) {
                continue;
            }
            if (p.offsetLag() != null && p.offsetLag() > 0 && p.committedOffset() != null) {
                BalanceRebuilder.readRange(config, new TopicPartition(p.topic(), p.partition()), p.committedOffset(),
                        p.logEndOffset(), r -> count[0]++);
            }
        }
        return count[0];
    }

    private static DemoSummary.Check balanceCheck(String name, Map<String, BigDecimal> a, Map<String, BigDecimal> b,
                                                  String aName, String bName) {
        List<String> diffs = Ledger.differences(a, b);
        BigDecimal total = a.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return new DemoSummary.Check(name, diffs.isEmpty(), diffs.isEmpty()
                ? a.size() + " accounts equal (sum of all balances " + total.toPlainString() + ")"
                : diffs.size() + " accounts differ (" + aName + " != " + bName + "), e.g. " + diffs.get(0));
    }

    private Map<String, BigDecimal> latestBalances(String topic) {
        Map<String, BigDecimal> latest = new TreeMap<>();
        readAll(topic, r -> {
            BalanceEvent b = EventJson.fromBytes(r.value(), BalanceEvent.class);
            latest.put(b.accountId(), b.balance());
        });
        return latest;
    }

    private Map<String, Long> dlqReasons(String dlqTopic) {
        Map<String, Long> reasons = new TreeMap<>();
        readAll(dlqTopic, r -> {
            var h = r.headers().lastHeader(DeadLetterHeaders.EXCEPTION_MESSAGE);
            String reason = h == null ? "(no reason)" : new String(h.value(), StandardCharsets.UTF_8);
            reason = reason.replaceAll("user-\\d+", "user-N");
            if (reason.length() > 90) {
                reason = reason.substring(0, 87) + "...";
            }
            reasons.merge(reason, 1L, Long::sum);
        });
        return reasons;
    }

    private void readAll(String topic, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        BalanceRebuilder.readToEnd(config, topic, sink);
    }

    /** The topic spec of a FinFlow topic in this run's catalog. */
    public TopicSpec topic(String eventType) {
        return catalog.topicForEventType(eventType);
    }

    /** Stops the services gracefully (they publish their shutdown events). Idempotent. */
    @Override
    public void close() {
        if (writer != null) {
            writer.close();
            writer = null;
        }
        if (accounting != null) {
            accounting.close();
            accounting = null;
        }
        if (notifications != null) {
            notifications.close();
            notifications = null;
        }
    }
}
