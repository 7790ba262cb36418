package io.finflow.kafka.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.finflow.kafka.EventConsumer;
import io.finflow.kafka.EventProducer;
import io.finflow.kafka.TestCatalog;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.consumer.ConsumerOptions;
import io.finflow.kafka.consumer.ConsumerState;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.producer.ProducerOptions;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.TestNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The only broker of a cluster is stopped and started again (same port, same data folder) while an
 * {@link EventProducer} sends and an {@link EventConsumer} (4 workers) handles: neither client is restarted or told
 * anything. The producer's sends made while the broker is down wait for it (in {@code send}, for the topic's metadata,
 * or in its buffer) and are acknowledged afterwards; the consumer's commits fail while it is down and succeed again; every acknowledged event is
 * handled, and once the consumer closes everything is committed. Uses its own broker, not the shared one, because it
 * stops it.
 */
@Tag("reliability")
class BrokerRestartIT {

    /** Events sent after the broker is back, at least: the stream goes on through and past the restart. */
    private static final int SENT_AFTER_RESTART = 3_000;
    /**
     * The producer's deadlines: a send waits for a broker this long (in {@code send} for the topic's metadata, then
     * for the acknowledgement). Longer than the defaults (10 s and 30 s) so that a slow machine's restart fits.
     */
    private static final Duration PRODUCER_DEADLINE = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void producerAndConsumerRideOutARestartOfTheBrokerByThemselvesLosingNoAcknowledgedEvent(@TempDir Path dataDir)
            throws Exception {
        TestNames names = TestNames.forTest(getClass().getSimpleName(), "restart");
        EmbeddedKafka first = EmbeddedKafka.builder().dataDir(dataDir).start();
        String bootstrap = first.bootstrapServers();
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        List<EmbeddedKafka> brokers = new ArrayList<>(List.of(first));
        Map<String, Integer> handled = new ConcurrentHashMap<>();
        Set<ConsumerState> statesSeen = ConcurrentHashMap.newKeySet();
        AtomicBoolean restarted = new AtomicBoolean();
        AckedSends sends;
        int sentAtStop;
        int ackedAtStop;
        int sentAtRestart;
        long downMs;
        String group = names.group();
        try {
            TopicCatalog catalog = TestCatalog.create(first, names);
            String topic = TestCatalog.topic(catalog, "transaction-events");
            EventConsumer consumer = EventConsumer.create(ConsumerOptions.builder(ClientConfig.of(bootstrap), group)
                    .catalog(catalog).concurrency(4).commitInterval(Duration.ofMillis(200)).build());
            try (EventProducer producer = EventProducer.create(ProducerOptions.builder(ClientConfig.of(bootstrap),
                    "/finflow/test").catalog(catalog).maxBlock(PRODUCER_DEADLINE)
                    .deliveryTimeout(PRODUCER_DEADLINE).build())) {
                consumer.subscribe(topic, TransactionEvent.class, (tx, meta) -> handled.merge(tx.eventId(), 1,
                        Integer::sum)).start();
                AckedSends stream = new AckedSends(producer, topic, 200);
                sends = stream;
                Thread sender = new Thread(() -> {
                    int afterRestart = 0;
                    try {
                        while (afterRestart < SENT_AFTER_RESTART) {
                            if (restarted.get()) {
                                afterRestart++;
                            }
                            stream.sendOne();
                            if (stream.sent() % 50 == 0) {
                                Thread.sleep(10); // pacing, so that the stream flows while the broker is down
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "restart-sender");
                sender.start();
                await().atMost(WAIT).until(() -> handled.size() >= 2_000);
                sentAtStop = stream.sent();
                ackedAtStop = stream.acked().size();
                long stopped = System.nanoTime();
                first.close();
                statesSeen.add(consumer.state());
                brokers.add(EmbeddedKafka.builder().port(port).dataDir(dataDir).start());
                downMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped);
                sentAtRestart = stream.sent();
                restarted.set(true);
                sender.join(WAIT.toMillis());
                assertThat(sender.isAlive()).as("the sender finished").isFalse();
                stream.awaitOutcomes(WAIT);
                await().atMost(WAIT).until(() -> {
                    statesSeen.add(consumer.state());
                    return handled.keySet().containsAll(stream.acked());
                });
            } finally {
                consumer.close();
            }
            EmbeddedKafka current = brokers.get(brokers.size() - 1);
            Set<String> lost = new HashSet<>(sends.acked());
            lost.removeAll(handled.keySet());
            long inTopic = TopicContents.recordCount(current, topic);
            new FaultFigures("broker-restart", sends.sent(), sends.acked().size(), handled.size(), lost.size(),
                    TopicContents.duplicates(handled), TopicContents.recordCount(current, topic + ".dlq"),
                    "broker stopped after " + sentAtStop + " sent and " + ackedAtStop + " acknowledged, back after "
                    + downMs + " ms with " + (sentAtRestart - sentAtStop) + " sent meanwhile; send() blocked up to "
                    + sends.longestSendMs() + " ms; send failures " + sends.failures().size() + "; " + inTopic + " in the topic;"
                    + " consumer states seen " + statesSeen).print();

            assertThat(sends.failures()).as("sends that failed (the broker was back within the producer's deadlines)")
                    .isEmpty();
            assertThat(lost).as("acknowledged events never handled").isEmpty();
            assertThat(handled.keySet()).isEqualTo(sends.acked());
            assertThat(statesSeen).as("the consumer kept running by itself").containsOnly(ConsumerState.RUNNING);
            assertThat(committed(current, group)).as("everything committed once the consumer closed").isEqualTo(inTopic);
        } finally {
            for (EmbeddedKafka broker : brokers) {
                broker.close();
            }
        }
    }

    /** The sum of the group's committed offsets. */
    private static long committed(EmbeddedKafka kafka, String group) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            return offsets.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
        }
    }
}
