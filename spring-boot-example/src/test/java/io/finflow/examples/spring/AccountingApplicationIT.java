package io.finflow.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.finflow.kafka.EventProducer;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.catalog.TopicSpec;
import io.finflow.kafka.consumer.ConsumerState;
import io.finflow.kafka.consumer.EventMetadata;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.producer.SendResult;
import io.finflow.kafka.spring.FinFlowListener;
import io.finflow.kafka.spring.FinFlowListenerContainer;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.KafkaExtension;
import io.finflow.kafka.testkit.junit.TestNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The example application booted against the testkit's broker: HTTP in, Kafka through, the listener's balances
 * and the Actuator's health and metrics out over HTTP, and a shutdown that loses nothing.
 */
@ExtendWith(KafkaExtension.class)
class AccountingApplicationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LEDGER = "LedgerListener.apply(TransactionEvent, EventMetadata)";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void transactionsSentOverHttpReachTheBalancesHealthIsUpAndEveryOffsetIsCommittedAtShutdown(EmbeddedKafka kafka,
            TestNames names) throws Exception {
        String prefix = createTopics(kafka, names);
        String group = names.group();
        String topic = prefix + "transaction-events";
        ConfigurableApplicationContext context = start(kafka, prefix, group, AccountingApplication.class);
        try {
            String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
            assertThat(post(base + "/transactions", "credit", "acc-1", "100.50").path("topic").asText()).isEqualTo(topic);
            post(base + "/transactions", "debit", "acc-1", "30.25");
            post(base + "/transactions", "credit", "acc-2", "7.00");
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() ->
                    assertThat(get(base + "/balances/acc-1").path("EUR").decimalValue())
                            .isEqualByComparingTo(new BigDecimal("70.25")));

            HttpResponse<String> refused = send(base + "/transactions", "credit", "acc-3", "1.00", "euro");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(refused.body()).contains("currency");

            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
                JsonNode health = get(base + "/actuator/health");
                assertThat(health.path("status").asText()).isEqualTo("UP");
                JsonNode ledger = health.path("components").path("finflow").path("details").path("listeners")
                        .path(LEDGER);
                assertThat(ledger.path("state").asText()).isEqualTo("RUNNING");
                assertThat(ledger.path("group").asText()).isEqualTo(group);
                assertThat(ledger.path("topic").asText()).isEqualTo(topic);
                assertThat(ledger.path("processed").asLong()).isEqualTo(3);
                assertThat(ledger.path("lag").asLong()).as(ledger.toString()).isZero();
            });
            JsonNode records = get(base + "/actuator/metrics/finflow.consumer.records?tag=group:" + group);
            assertThat(records.path("measurements").get(0).path("value").asDouble()).isEqualTo(3.0);
            JsonNode produced = get(base + "/actuator/metrics/finflow.producer.events?tag=outcome:acknowledged");
            assertThat(produced.path("measurements").get(0).path("value").asDouble()).isEqualTo(3.0);
        } finally {
            context.close();
        }
        assertThat(uncommitted(kafka, group, topic)).as("records past the group's committed offsets").isZero();
    }

    @Test
    void aHandlerRunningWhenTheContextClosesFinishesAndItsOffsetIsCommittedNotRedelivered(EmbeddedKafka kafka,
            TestNames names) throws Exception {
        String prefix = createTopics(kafka, names);
        String gatedGroup = names.group();
        GatedListener.reset();
        ConfigurableApplicationContext context = start(kafka, prefix, names.group(), AccountingApplication.class,
                GatedListener.class, "gated.group=" + gatedGroup);
        FinFlowListenerContainer gated = context.getBeansOfType(FinFlowListenerContainer.class).values().stream()
                .filter(c -> c.group().equals(gatedGroup)).findFirst().orElseThrow();
        TransactionEvent tx = TransactionEvent.credit("acc-9", new BigDecimal("5.00"), "EUR");
        SendResult sent = context.getBean(EventProducer.class).send(prefix + "transaction-events", tx)
                .get(30, TimeUnit.SECONDS);
        assertThat(GatedListener.entered.await(60, TimeUnit.SECONDS)).as("the handler started").isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
        await().atMost(Duration.ofMinutes(1)).until(() -> gated.consumer().orElseThrow().state() == ConsumerState.CLOSING);
        assertThat(closing).as("the context waits for the handler in flight").isNotDone();
        GatedListener.release.countDown();
        closing.get(2, TimeUnit.MINUTES);

        assertThat(GatedListener.finished).containsExactly(tx.eventId());
        assertThat(GatedListener.calls.get()).isEqualTo(1);
        assertThat(gated.consumer().orElseThrow().state()).isEqualTo(ConsumerState.CLOSED);
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(gatedGroup)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            assertThat(committed.get(new TopicPartition(sent.topic(), sent.partition())))
                    .as("the record finished during shutdown is committed, so a restart does not redeliver it")
                    .isNotNull()
                    .extracting(OffsetAndMetadata::offset).isEqualTo(sent.offset() + 1);
        }
    }

    /** A listener that holds its first record until the test releases it. */
    static class GatedListener {
        static volatile CountDownLatch entered;
        static volatile CountDownLatch release;
        static final AtomicInteger calls = new AtomicInteger();
        static final Set<String> finished = ConcurrentHashMap.newKeySet();

        static void reset() {
            entered = new CountDownLatch(1);
            release = new CountDownLatch(1);
            calls.set(0);
            finished.clear();
        }

        @FinFlowListener(topic = "transaction-events", group = "${gated.group}")
        public void hold(TransactionEvent tx, EventMetadata metadata) throws InterruptedException {
            calls.incrementAndGet();
            entered.countDown();
            if (!release.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("never released");
            }
            finished.add(tx.eventId());
        }
    }

    private static ConfigurableApplicationContext start(EmbeddedKafka kafka, String prefix, String group,
                                                        Object... sourcesAndProperties) {
        List<Class<?>> sources = new ArrayList<>();
        List<String> properties = new ArrayList<>(List.of(
                "server.port=0",
                "server.address=127.0.0.1",
                "finflow.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "finflow.kafka.topic-catalog.prefix=" + prefix,
                "accounting.group=" + group));
        for (Object item : sourcesAndProperties) {
            if (item instanceof Class<?> source) {
                sources.add(source);
            } else {
                properties.add(item.toString());
            }
        }
        return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
                .properties(properties.toArray(String[]::new))
                .run();
    }

    /** Creates the prefixed transaction topic and its dead letter topic as the catalog describes them. */
    private static String createTopics(EmbeddedKafka kafka, TestNames names) throws Exception {
        String prefix = names.topic("boot") + ".";
        TopicSpec spec = TopicCatalog.fromClasspath("dev").withPrefix(prefix).require(prefix + "transaction-events");
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            admin.createTopics(List.of(new NewTopic(spec.name(), spec.partitions(), (short) 1),
                    new NewTopic(spec.dlqTopic(), 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return prefix;
    }

    /** Records of the topic past the group's committed offsets (a partition without a commit counts from 0). */
    private static long uncommitted(EmbeddedKafka kafka, String group, String topic) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            int partitions = admin.describeTopics(Set.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet()
                    .stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            return ends.entrySet().stream().mapToLong(e -> e.getValue()
                    - (committed.get(e.getKey()) == null ? 0 : committed.get(e.getKey()).offset())).sum();
        }
    }

    private JsonNode post(String url, String type, String account, String amount) throws Exception {
        HttpResponse<String> response = send(url, type, account, amount, "EUR");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String url, String type, String account, String amount, String currency)
            throws Exception {
        String body = JSON.writeValueAsString(Map.of("type", type, "accountId", account, "amount", amount,
                "currency", currency));
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isIn(200, 503);
        return JSON.readTree(response.body());
    }
}
