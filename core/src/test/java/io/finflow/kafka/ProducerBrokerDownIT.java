package io.finflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.producer.DeliveryTimeoutException;
import io.finflow.kafka.producer.ProducerOptions;
import io.finflow.kafka.producer.SendResult;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uses its own broker (not the shared one) because it stops it. */
class ProducerBrokerDownIT {

    @Test
    void sendFailsWithAClearTimeoutWhileTheBrokerIsDownAndSucceedsOnceItIsBack(@TempDir Path dataDir) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dataDir).start();
        int port = Integer.parseInt(kafka.bootstrapServers().split(":")[1]);
        TopicCatalog catalog = TestCatalog.create(kafka, TestNames.forTest("ProducerBrokerDownIT", "down"));
        String topic = TestCatalog.topic(catalog, "transaction-events");
        Duration deadline = Duration.ofSeconds(4);
        ProducerOptions options = ProducerOptions.builder(ClientConfig.of(kafka.bootstrapServers()), "/finflow/test")
                .catalog(catalog)
                .deliveryTimeout(deadline)
                .maxBlock(Duration.ofSeconds(2)).build();
        try (EventProducer producer = EventProducer.create(options)) {
            SendResult first = producer.send(topic, TransactionEvent.credit("acc-1", "10.00", "EUR"))
                    .get(30, TimeUnit.SECONDS);
            assertThat(first.offset()).isZero();

            kafka.close();
            long start = System.nanoTime();
            Throwable failure = ProducerRefusalIT.failureOf(
                    producer.send(topic, TransactionEvent.credit("acc-1", "20.00", "EUR")));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(failure).isInstanceOf(DeliveryTimeoutException.class)
                    .hasMessageContaining("was not acknowledged within the deadline")
                    .hasMessageContaining("reachable");
            assertThat(((DeliveryTimeoutException) failure).isRetriable()).isTrue();
            assertThat(took).as("fails at the configured deadline, not Kafka's 2 minute default")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(Duration.ofSeconds(15));

            try (EmbeddedKafka restarted = EmbeddedKafka.builder().port(port).dataDir(dataDir).start()) {
                assertThat(restarted.bootstrapServers()).endsWith(":" + port);
                SendResult after = producer.send(topic, TransactionEvent.credit("acc-1", "30.00", "EUR"))
                        .get(60, TimeUnit.SECONDS);
                assertThat(after.topic()).isEqualTo(topic);
                assertThat(after.partition()).isEqualTo(first.partition());
                assertThat(after.offset()).as("the same producer recovered without a restart")
                        .isGreaterThan(first.offset());
            }
        } finally {
            kafka.close();
        }
    }
}
