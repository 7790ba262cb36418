package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.finflow.kafka.testkit.EmbeddedKafka;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Doctor looks at a whole cluster, so each test gets its own broker rather than the shared one: other
 * tests' groups and topics would be findings too.
 */
@SuppressWarnings("try") // test helpers: close() may throw InterruptedException; resources held, not read
class DoctorCommandIT {

    @TempDir
    Path dir;

    @Test
    void aHealthyClusterExitsZeroAndEveryProblemIsReportedWithWhatToDo() throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.builder().start(); Kafka kafka = new Kafka(broker)) {
            Path catalog = Kafka.catalog(dir, "topics.yaml", 2, "P1D", "payments", "ledger");
            assertThat(kafka.run("topics", "apply", "--catalog", catalog.toString()).exitCode()).isZero();
            kafka.awaitLeaders("payments");
            try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>("payments", i % 2, null, Kafka.bytes("v" + i))).get();
                }
            }
            kafka.commit("caught-up", "payments", Map.of(0, 5L, 1, 5L));

            CliRun healthy = kafka.run("doctor", "--catalog", catalog.toString(), "--sample-interval", "0");
            assertThat(healthy.exitCode()).as(healthy.describe()).isZero();
            assertThat(healthy.out()).containsPattern("OK\\s+connectivity\\s+cluster \\S+ at " + kafka.bootstrap()
                            + ": 1 broker\\(s\\), controller 1")
                    .containsPattern("OK\\s+catalog\\s+topics match the catalog \\(profile dev, 4 topics\\)")
                    .containsPattern("OK\\s+partitions\\s+")
                    .containsPattern("OK\\s+groups\\s+1 consumer group\\(s\\) keeping up")
                    .containsPattern("OK\\s+dlq\\s+2 dead letter topic\\(s\\), none waiting")
                    .contains("Healthy: no problems found.");
            assertThat(healthy.err()).isEmpty();

            // drift, a group lagging with no member, a dead letter record
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "ledger");
            kafka.admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                    new ConfigEntry("retention.ms", "1000"), AlterConfigOp.OpType.SET)))).all()
                    .get(30, TimeUnit.SECONDS);
            kafka.commit("stalled", "payments", Map.of(0, 1L, 1, 2L));
            try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
                RecordHeaders h = new RecordHeaders();
                h.add("dlq.original.topic", Kafka.bytes("payments"));
                producer.send(new ProducerRecord<>("payments.dlq", 0, null, null, Kafka.bytes("x"), h)).get();
            }

            CliRun sick = kafka.run("doctor", "--catalog", catalog.toString(), "--sample-interval", "0");
            assertThat(sick.exitCode()).as(sick.describe()).isEqualTo(ExitCodes.FAILURE);
            assertThat(sick.out())
                    .containsPattern("PROBLEMS\\s+catalog\\s+1 difference\\(s\\) from the catalog")
                    .contains("WARNING  ledger: drift: retention.ms is 1000 on the cluster (set on the topic),"
                            + " the catalog wants 86400000")
                    .contains("what to do: review with finflow topics plan --profile dev, then converge with"
                            + " finflow topics apply --profile dev")
                    .contains("WARNING  stalled: lag 7")
                    .contains("and no members: nothing is consuming")
                    .contains("what to do: start the group's consumers")
                    .contains("WARNING  payments.dlq: 1 dead letter record(s) not replayed")
                    .contains("what to do: inspect with finflow dlq show payments.dlq")
                    .contains("Found 3 problem(s): 0 error(s), 3 warning(s).");
            assertThat(sick.err()).isEqualTo("finflow: error: doctor found 3 problem(s) on " + kafka.bootstrap()
                    + System.lineSeparator());
        }
    }

    @Test
    void aMemberThatDoesNotCommitWhileLaggingIsFoundBetweenTwoSamples() throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.builder().start(); Kafka kafka = new Kafka(broker)) {
            Path catalog = Kafka.catalog(dir, "topics.yaml", 1, "P1D", "orders");
            assertThat(kafka.run("topics", "apply", "--catalog", catalog.toString()).exitCode()).isZero();
            kafka.awaitLeaders("orders");
            try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
                for (int i = 0; i < 20; i++) {
                    producer.send(new ProducerRecord<>("orders", 0, null, Kafka.bytes("v" + i))).get();
                }
            }
            kafka.commit("stuck", "orders", Map.of(0, 3L));
            try (StuckConsumer stuck = new StuckConsumer(kafka, "stuck", "orders")) {
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> stuck.polled > 0);
                CliRun run = kafka.run("doctor", "--catalog", catalog.toString(), "--sample-interval", "2");
                assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.FAILURE);
                assertThat(run.out()).contains("ERROR  stuck: lag 17")
                        .contains("1 member(s), but no offset was committed in 2 s")
                        .contains("what to do: the consumers are stuck or failing before commit");
            }
        }
    }

    @Test
    void anUnreachableClusterIsOneFindingAndTheOtherChecksAreSkipped() {
        CliRun run = CliRun.run("doctor", "--bootstrap", "127.0.0.1:1", "--timeout", "2", "--sample-interval", "0");
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.out()).containsPattern("PROBLEMS\\s+connectivity\\s+connection refused at 127.0.0.1:1:"
                        + " nothing listens on 127.0.0.1:1")
                .contains("what to do: start the broker (locally: finflow dev) or fix --bootstrap")
                .containsPattern("SKIPPED\\s+catalog\\s+skipped: Kafka could not be reached");
        assertThat(run.err()).isEqualTo("finflow: error: doctor found 1 problem(s) on 127.0.0.1:1"
                + System.lineSeparator());
    }

    /** A member that polls but never commits. */
    static final class StuckConsumer implements AutoCloseable {
        private final org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> consumer;
        private final Thread thread;
        volatile long polled;
        private volatile boolean running = true;

        StuckConsumer(Kafka kafka, String group, String topic) {
            Map<String, Object> props = new java.util.HashMap<>(kafka.broker.clientProperties());
            props.put("group.id", group);
            props.put("enable.auto.commit", false);
            props.put("max.poll.records", 1);
            consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(props,
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer());
            consumer.subscribe(List.of(topic));
            thread = new Thread(() -> {
                try {
                    while (running) {
                        polled += consumer.poll(java.time.Duration.ofMillis(100)).count();
                    }
                } catch (org.apache.kafka.common.errors.WakeupException e) {
                    // closing
                } finally {
                    consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(java.time.Duration.ofSeconds(10)));
                }
            }, "stuck-consumer");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            consumer.wakeup();
            thread.join(20_000);
        }
    }
}
