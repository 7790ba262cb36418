package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.finflow.kafka.EventConsumer;
import io.finflow.kafka.EventProducer;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.consumer.ConsumerOptions;
import io.finflow.kafka.event.SystemEvent;
import io.finflow.kafka.producer.ProducerOptions;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.KafkaExtension;
import io.finflow.kafka.testkit.TestNames;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code finflow lag-exporter} as an operator runs it (the packaged CLI in its own JVM), scraped over HTTP:
 * its offset lag against Kafka's own consumer-groups tool, and its Burrow-style status on a group whose
 * handler blocks.
 */
@ExtendWith(KafkaExtension.class)
class LagExporterIT {

    @TempDir
    Path dir;

    @Test
    void offsetLagEqualsKafkasConsumerGroupsToolOnEveryPartition(EmbeddedKafka broker, TestNames names)
            throws Exception {
        try (Kafka kafka = new Kafka(broker)) {
            String topic = names.topic();
            kafka.createTopic(topic, 4);
            try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
                for (int p = 0; p < 4; p++) {
                    for (int i = 0; i < 10 + 5 * p; i++) {
                        producer.send(new ProducerRecord<>(topic, p, Kafka.bytes("k"), Kafka.bytes("v" + i)));
                    }
                }
            }
            String prefix = names.group();
            String behind = prefix + "-behind";
            String mixed = prefix + "-mixed";
            kafka.commit(behind, topic, Map.of(0, 0L, 1, 3L, 2, 7L, 3, 20L));
            kafka.commit(mixed, topic, Map.of(0, 10L, 1, 15L, 3, 1L)); // caught up on 0 and 1, none on 2

            try (ChildCli exporter = ChildCli.start("lag-exporter", "--bootstrap", kafka.bootstrap(), "--port", "0",
                    "--host", "127.0.0.1", "--interval", "1s", "--window", "3", "--group",
                    java.util.regex.Pattern.quote(prefix) + "-.*")) {
                exporter.awaitStdout("/metrics", Duration.ofSeconds(60));
                URI url = Scrape.urlIn(exporter.stdout());
                assertThat(exporter.stdout()).contains("Serving consumer lag of groups matching");
                for (String group : List.of(behind, mixed)) {
                    Map<Integer, long[]> tool = consumerGroupsTool(kafka.bootstrap(), group, topic);
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                        PrometheusSamples s = Scrape.of(url);
                        Map<Integer, long[]> exported = new TreeMap<>();
                        for (var sample : s.named("kafka_consumergroup_group_lag")) {
                            if (sample.labels().get("group").equals(group)) {
                                int p = Integer.parseInt(sample.labels().get("partition"));
                                long offset = (long) s.sum("kafka_consumergroup_group_offset", l ->
                                        group.equals(l.get("group")) && String.valueOf(p).equals(l.get("partition")));
                                long end = (long) s.sum("kafka_partition_latest_offset", l ->
                                        topic.equals(l.get("topic")) && String.valueOf(p).equals(l.get("partition")));
                                exported.put(p, new long[] {offset, end, (long) sample.value()});
                            }
                        }
                        assertThat(exported.keySet()).as(group).isEqualTo(tool.keySet());
                        tool.forEach((p, row) -> assertThat(exported.get(p))
                                .as("%s partition %d: current offset, log end offset, lag", group, p)
                                .containsExactly(row));
                    });
                }
            }
        }
    }

    @Test
    void aGroupWhoseHandlerBlocksShowsStallOrStopAndAGrowingTimeLagThenOkOnceItRecovers(EmbeddedKafka broker,
                                                                                        TestNames names)
            throws Exception {
        String topic = names.topic("system");
        Path catalogFile = Kafka.catalog(dir, "catalog.yaml", 1, "P1D", topic);
        TopicCatalog catalog = TopicCatalog.load(catalogFile, "dev");
        String group = names.group();
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean blockNext = new AtomicBoolean(false);
        ClientConfig config = ClientConfig.of(broker.bootstrapServers());
        try (Kafka kafka = new Kafka(broker);
             EventProducer producer = EventProducer.create(ProducerOptions.defaults(config, "/finflow/test")
                     .withCatalog(catalog));
             EventConsumer consumer = EventConsumer.create(ConsumerOptions.defaults(config, group).withCatalog(catalog)
                     .withCommitInterval(Duration.ofMillis(200)))) {
            kafka.createTopic(topic, 1);
            consumer.subscribe(topic, SystemEvent.class, (event, meta) -> {
                if (blockNext.get()) {
                    release.await(); // the stall: a handler that blocks
                }
            }).start();
            send(producer, topic, 5);
            await().atMost(Duration.ofSeconds(60)).until(() -> kafka.committed(group, topic).getOrDefault(0, 0L) == 5);

            try (ChildCli exporter = ChildCli.start("lag-exporter", "--bootstrap", kafka.bootstrap(), "--port", "0",
                    "--host", "127.0.0.1", "--interval", "1s", "--window", "3", "--group",
                    java.util.regex.Pattern.quote(group))) {
                exporter.awaitStdout("/metrics", Duration.ofSeconds(60));
                URI url = Scrape.urlIn(exporter.stdout());
                await().atMost(Duration.ofSeconds(60)).until(() -> status(url, group).equals("OK")
                        && Scrape.of(url).named("kafka_consumergroup_group_status").size() == 3);

                blockNext.set(true);
                long stalledAt = System.nanoTime();
                send(producer, topic, 3);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> status(url, group).equals("ERR"));
                assertThat(partitionStatus(url, group)).isIn("STALL", "STOP");
                assertThat(Duration.ofNanos(System.nanoTime() - stalledAt)).as("a stall shows within a minute")
                        .isLessThan(Duration.ofMinutes(1));
                double first = lagSeconds(url, group);
                assertThat(first).isPositive();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                        .until(() -> lagSeconds(url, group) >= first + 2);
                assertThat(lag(url, group)).isEqualTo(3);

                release.countDown();
                blockNext.set(false);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> status(url, group).equals("OK"));
                assertThat(partitionStatus(url, group)).isEqualTo("OK");
                assertThat(lag(url, group)).isZero();
                assertThat(lagSeconds(url, group)).isZero();
            }
        } finally {
            release.countDown();
        }
    }

    @Test
    void withKafkaUnreachableTheExporterServesAnEmptyScrapeAndSaysWhyUntilKafkaAnswers() throws Exception {
        int nothing = Ports.free();
        try (ChildCli exporter = ChildCli.start("lag-exporter", "--bootstrap", "127.0.0.1:" + nothing, "--timeout", "2",
                "--port", "0", "--host", "127.0.0.1")) {
            exporter.awaitStdout("/metrics", Duration.ofSeconds(60));
            URI url = Scrape.urlIn(exporter.stdout());
            assertThat(Scrape.of(url).named("kafka_consumergroup_group_lag")).as("up, no lag yet").isEmpty();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(exporter.stderr())
                    .contains("finflow: warning: ").contains("127.0.0.1:" + nothing).contains("retrying every"));
            exporter.terminate(Duration.ofSeconds(30)); // stops on SIGTERM while waiting for Kafka
        }
    }

    private static void send(EventProducer producer, String topic, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            producer.send(topic, SystemEvent.startup("svc-" + i, "1.0.0", "host")).get(30, TimeUnit.SECONDS);
        }
    }

    /** The group's status (the one-hot series at 1), "" before the exporter reports the group. */
    private static String status(URI url, String group) throws Exception {
        return Scrape.of(url).named("kafka_consumergroup_group_status").stream()
                .filter(s -> group.equals(s.labels().get("group")) && s.value() == 1)
                .map(s -> s.labels().get("status")).findFirst().orElse("");
    }

    private static String partitionStatus(URI url, String group) throws Exception {
        return Scrape.of(url).named("kafka_consumergroup_group_partition_status").stream()
                .filter(s -> group.equals(s.labels().get("group")) && s.value() == 1)
                .map(s -> s.labels().get("status")).findFirst().orElse("");
    }

    private static double lagSeconds(URI url, String group) throws Exception {
        return Scrape.of(url).sum("kafka_consumergroup_group_lag_seconds", l -> group.equals(l.get("group")));
    }

    private static long lag(URI url, String group) throws Exception {
        return (long) Scrape.of(url).sum("kafka_consumergroup_group_lag", l -> group.equals(l.get("group")));
    }

    /**
     * {@code kafka-consumer-groups --describe} (Kafka's ConsumerGroupCommand, in its own JVM): per partition of
     * {@code topic}, current offset, log end offset and lag.
     */
    private static Map<Integer, long[]> consumerGroupsTool(String bootstrap, String group, String topic)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(ChildCli.javaBin(), "-cp", System.getProperty("java.class.path"),
                "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand", "--bootstrap-server", bootstrap,
                "--describe", "--group", group).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        Map<Integer, long[]> rows = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 6 && f[0].equals(group) && f[1].equals(topic) && !f[3].equals("-")) {
                rows.put(Integer.parseInt(f[2]),
                        new long[] {Long.parseLong(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5])});
            }
        }
        assertThat(rows).as("the tool's table:\n" + out).isNotEmpty();
        return new TreeMap<>(rows);
    }
}
