package io.finflow.examples;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.finflow.kafka.EventProducer;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.catalog.TopicSpec;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.consumer.DeadLetterHeaders;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.BalanceEvent;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.ops.groups.ConsumerGroupService;
import io.finflow.kafka.ops.groups.GroupLag;
import io.finflow.kafka.ops.topics.PlanOptions;
import io.finflow.kafka.ops.topics.TopicPlan;
import io.finflow.kafka.ops.topics.TopicsService;
import io.finflow.kafka.producer.ProducerOptions;
import io.finflow.kafka.schema.SchemaValidationException;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Runs the FinFlow event flow end to end and checks it: applies the topic catalog, starts the
 * accounting and notification services, writes the generated stream (valid events, events the
 * producer must refuse, poison bytes), waits until the services caught up, then verifies balances
 * against an independent computation, the rebuild from offset 0, the compacted balances topic,
 * dead letters and consumer lag. The services keep running until {@link #close()}.
 */
public final class DemoRunner implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final ClientConfig config;
    private final TopicCatalog catalog;
    private final DemoOptions options;
    private final MeterRegistry metrics;
    private EventProducer generatorProducer;
    private EventProducer analyticsGeneratorProducer;
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

    /** Runs the flow and returns the summary; {@code progress} receives one line now and then. */
    public DemoSummary run(Consumer<String> progress) throws Exception {
        long started = System.nanoTime();
        String txTopic = catalog.topicForEventType("transaction").name();
        String notificationTopic = catalog.topicForEventType("notification").name();
        String balanceTopic = catalog.topicForEventType("balance").name();
        applyCatalog(progress);

        TransactionGenerator generator = new TransactionGenerator(options.seed(), options.accounts());
        Map<String, String> owners = new HashMap<>();
        generator.accounts().forEach(a -> owners.put(a.accountId(), a.userId()));
        notifications = new NotificationService(config, catalog, metrics).start();
        accounting = new AccountingService(config, catalog, owners::get, options.dropOneTransaction(), metrics).start();
        progress.accept("services started: accounting-service (8 workers), notification-service (4 workers)");

        Ledger expected = new Ledger();
        Map<String, Long> produced = new ConcurrentHashMap<>();
        Map<String, Long> refused = new ConcurrentHashMap<>();
        AtomicLong sendFailures = new AtomicLong();
        AtomicLong invalidAccepted = new AtomicLong();
        AtomicLong transactionsAcked = new AtomicLong();
        long poison = 0;
        long schemaInvalid = 0;
        TopicSpec analytics = catalog.topicForEventType("analytics");
        // Open until close(), like the services: their metrics stay readable after the run.
        EventProducer producer = EventProducer.create(
                ProducerOptions.defaults(config, "/finflow/transaction-generator").withCatalog(catalog)
                        .withMeterRegistry(metrics));
        generatorProducer = producer;
        // analytics-events stores zstd (config/topics.yaml): sent in zstd, the broker keeps batches as sent
        // instead of recompressing them (docs/wire-format.md, "Compression").
        EventProducer analyticsProducer = EventProducer.create(
                ProducerOptions.defaults(config, "/finflow/transaction-generator").withCatalog(catalog)
                        .withCompression(codecOf(analytics)).withMeterRegistry(metrics));
        analyticsGeneratorProducer = analyticsProducer;
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(rawProducerProps(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<CompletableFuture<?>> window = new ArrayList<>();
            long lastProgress = System.nanoTime();
            for (int i = 0; i < options.events(); i++) {
                GeneratedEvent next = generator.next();
                String topic = catalog.topicForEventType(eventTypeOf(next.topic())).name();
                if (next instanceof GeneratedEvent.Valid v) {
                    EventProducer sender = topic.equals(analytics.name()) ? analyticsProducer : producer;
                    window.add(sender.send(topic, v.event()).whenComplete((r, e) -> {
                        if (e != null) {
                            sendFailures.incrementAndGet();
                            return;
                        }
                        produced.merge(next.topic(), 1L, Long::sum);
                        if (v.event() instanceof TransactionEvent tx) {
                            expected.apply(tx);
                            transactionsAcked.incrementAndGet();
                        }
                    }));
                } else if (next instanceof GeneratedEvent.SchemaInvalid bad) {
                    schemaInvalid++;
                    window.add(producer.sendJson(topic, bad.json()).handle((r, e) -> {
                        Throwable cause = e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
                        if (cause instanceof SchemaValidationException) {
                            refused.merge(bad.defect(), 1L, Long::sum);
                        } else {
                            invalidAccepted.incrementAndGet();
                        }
                        return null;
                    }));
                } else if (next instanceof GeneratedEvent.Poison p) {
                    poison++;
                    raw.send(new ProducerRecord<>(topic, p.key().getBytes(StandardCharsets.UTF_8), p.bytes())).get();
                }
                if (window.size() >= 2_000) {
                    CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
                    window.clear();
                }
                if (System.nanoTime() - lastProgress > Duration.ofSeconds(2).toNanos()) {
                    lastProgress = System.nanoTime();
                    progress.accept(progressLine(i + 1));
                }
            }
            CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        }
        progress.accept(progressLine(options.events()) + " (all written; waiting for the services)");

        long poisonWritten = poison;
        long txAcked = transactionsAcked.get();
        boolean caughtUp = awaitCatchUp(txAcked + poisonWritten, progress);
        accounting.flush();
        caughtUp = caughtUp && awaitCatchUp(txAcked + poisonWritten, progress);
        List<GroupLag> lags = awaitZeroLag();

        BalanceRebuilder.Result rebuild = BalanceRebuilder.rebuild(config, txTopic);
        Map<String, BigDecimal> live = accounting.balances();
        Map<String, BigDecimal> compacted = latestBalances(balanceTopic);
        Map<String, Map<String, Long>> dead = new TreeMap<>();
        dead.put(txTopic + ".dlq", dlqReasons(catalog.require(txTopic).dlqTopic()));
        dead.put(notificationTopic + ".dlq", dlqReasons(catalog.require(notificationTopic).dlqTopic()));
        long txDead = dead.get(txTopic + ".dlq").values().stream().mapToLong(Long::longValue).sum();
        long notificationsDead = dead.get(notificationTopic + ".dlq").values().stream().mapToLong(Long::longValue).sum();

        List<DemoSummary.Check> checks = new ArrayList<>();
        long refusedTotal = refused.values().stream().mapToLong(Long::longValue).sum();
        checks.add(new DemoSummary.Check("every valid event acknowledged", sendFailures.get() == 0,
                sendFailures.get() + " send failures"));
        checks.add(new DemoSummary.Check("producer refused every schema-invalid event",
                refusedTotal == schemaInvalid && invalidAccepted.get() == 0,
                refusedTotal + " of " + schemaInvalid + " refused, " + invalidAccepted.get() + " accepted by mistake"));
        checks.add(new DemoSummary.Check("services caught up", caughtUp,
                caughtUp ? "all records handled" : "timed out after " + options.timeout().toSeconds() + " s"));
        long accountingProcessed = accounting.consumer().stats().processed();
        checks.add(new DemoSummary.Check("accounting handled every transaction once",
                accountingProcessed == txAcked, accountingProcessed + " handled, " + txAcked + " acknowledged"));
        checks.add(new DemoSummary.Check("poison records dead-lettered", txDead == poisonWritten,
                txDead + " in " + txTopic + ".dlq, " + poisonWritten + " written"));
        long notificationsHandled = notifications.consumer().stats().processed() + notificationsDead;
        checks.add(new DemoSummary.Check("every notification delivered or dead-lettered",
                notificationsHandled == accounting.notificationsSent(),
                notifications.consumer().stats().processed() + " delivered + " + notificationsDead + " dead-lettered of "
                        + accounting.notificationsSent()));
        checks.add(balanceCheck("balances match an independent computation", live, expected.snapshot(),
                "live", "expected"));
        checks.add(balanceCheck("rebuild from offset 0 equals live balances", rebuild.ledger().snapshot(), live,
                "rebuilt", "live"));
        checks.add(balanceCheck("compacted " + balanceTopic + " holds the live balances", compacted, live,
                "topic", "live"));
        long totalLag = lags.stream().mapToLong(GroupLag::totalLag).sum();
        checks.add(new DemoSummary.Check("final consumer lag is 0", totalLag == 0,
                lags.stream().map(l -> l.groupId() + "=" + l.totalLag()).toList().toString()));

        Map<String, Long> consumed = new TreeMap<>();
        consumed.put(AccountingService.GROUP, accountingProcessed);
        consumed.put(NotificationService.GROUP, notifications.consumer().stats().processed());
        Map<String, Long> delivered = new TreeMap<>();
        notifications.deliveredByChannel().forEach((c, n) -> delivered.put(c.name().toLowerCase(java.util.Locale.ROOT), n));
        Map<String, Long> producedSorted = new TreeMap<>(produced);
        producedSorted.put("notification-events", accounting.notificationsSent());
        return new DemoSummary(producedSorted, new TreeMap<>(refused), poisonWritten, consumed, dead, delivered,
                checks, (System.nanoTime() - started) / 1e9);
    }

    /**
     * The codec a producer of this topic sends: the topic's {@code compression.type} when it names a codec
     * (the broker then stores batches as sent), else the library's default.
     */
    static String codecOf(TopicSpec topic) {
        String codec = topic.extraConfigs().get("compression.type");
        return codec != null && List.of("gzip", "snappy", "lz4", "zstd").contains(codec)
                ? codec : ProducerOptions.DEFAULT_COMPRESSION;
    }

    private static String eventTypeOf(String finflowTopic) {
        return switch (finflowTopic) {
            case "transaction-events" -> "transaction";
            case "user-events" -> "user";
            case "analytics-events" -> "analytics";
            default -> throw new IllegalArgumentException("the generator does not write " + finflowTopic);
        };
    }

    private String progressLine(int written) {
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

    private boolean awaitCatchUp(long transactionRecords, Consumer<String> progress) throws InterruptedException {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        long lastProgress = System.nanoTime();
        while (System.nanoTime() < deadline) {
            var a = accounting.consumer().stats();
            var n = notifications.consumer().stats();
            boolean accountingDone = a.processed() + a.deadLettered() >= transactionRecords;
            boolean notificationsDone = n.processed() + n.deadLettered() >= accounting.notificationsSent();
            if (accountingDone && notificationsDone) {
                return true;
            }
            if (System.nanoTime() - lastProgress > Duration.ofSeconds(2).toNanos()) {
                lastProgress = System.nanoTime();
                progress.accept(progressLine(options.events()));
            }
            Thread.sleep(POLL.toMillis());
        }
        return false;
    }

    private List<GroupLag> awaitZeroLag() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (Admin admin = Admin.create(config.toMap())) {
            ConsumerGroupService groups = new ConsumerGroupService(admin, config.toMap());
            while (true) {
                List<GroupLag> lags = new ArrayList<>();
                lags.addAll(groups.lag(Optional.of(AccountingService.GROUP)));
                lags.addAll(groups.lag(Optional.of(NotificationService.GROUP)));
                lags.removeIf(l -> l.partitions().stream().noneMatch(p -> catalog.find(p.topic()).isPresent()));
                if (lags.stream().allMatch(l -> l.totalLag() == 0) || System.nanoTime() > deadline) {
                    return lags;
                }
                Thread.sleep(POLL.toMillis());
            }
        }
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

    private Map<String, Object> rawProducerProps() {
        Map<String, Object> props = config.toMap();
        props.put("acks", "all");
        props.put("enable.idempotence", true);
        return props;
    }

    /** The topic spec of a FinFlow topic in this run's catalog. */
    public TopicSpec topic(String eventType) {
        return catalog.topicForEventType(eventType);
    }

    /** Stops the services gracefully (they publish their shutdown events). Idempotent. */
    @Override
    public void close() {
        if (generatorProducer != null) {
            generatorProducer.close();
            analyticsGeneratorProducer.close();
            generatorProducer = null;
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
