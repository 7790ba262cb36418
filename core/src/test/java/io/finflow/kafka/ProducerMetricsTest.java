package io.finflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;

import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.metrics.MeterNames;
import io.finflow.kafka.producer.ProducerOptions;
import io.finflow.kafka.producer.SendResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Producer outcomes that need an injected broker failure: Kafka refusing or timing out a send. */
class ProducerMetricsTest {

    @Test
    void anEventKafkaDoesNotAcknowledgeCountsAsFailedNotAcknowledged() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MockProducer<String, byte[]> mock = new MockProducer<>(false, null, new StringSerializer(),
                new ByteArraySerializer());
        ProducerOptions options = ProducerOptions.defaults(ClientConfig.of("127.0.0.1:1"), "/finflow/test")
                .withMeterRegistry(registry);
        try (EventProducer producer = new EventProducer(options, mock)) {
            CompletableFuture<SendResult> ok = producer.send("transaction-events",
                    TransactionEvent.credit("acc-1", "1.00", "EUR"));
            CompletableFuture<SendResult> failed = producer.send("transaction-events",
                    TransactionEvent.credit("acc-2", "1.00", "EUR"));
            mock.completeNext();
            mock.errorNext(new NotEnoughReplicasException("only 1 in-sync replica"));
            assertThat(ok).isCompleted();
            assertThat(failed).isCompletedExceptionally();

            assertThat(registry.get(MeterNames.PRODUCER_EVENTS).tag("topic", "transaction-events")
                    .tag("outcome", MeterNames.ACKNOWLEDGED).counter().count()).isEqualTo(1);
            assertThat(registry.get(MeterNames.PRODUCER_EVENTS).tag("topic", "transaction-events")
                    .tag("outcome", MeterNames.FAILED).counter().count()).isEqualTo(1);
            assertThat(registry.get(MeterNames.PRODUCER_EVENTS).tag("outcome", MeterNames.ACKNOWLEDGED).counter()
                    .getId().getTag("client.id")).as("a mock has no Kafka metrics: a generated client id")
                    .startsWith("finflow-producer-");
        }
        assertThat(registry.find(MeterNames.PRODUCER_EVENTS).meters()).isEmpty();
    }

    @Test
    void withoutARegistryNothingIsRegisteredAnywhere() {
        MockProducer<String, byte[]> mock = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        ProducerOptions options = ProducerOptions.defaults(ClientConfig.of("127.0.0.1:1"), "/finflow/test");
        assertThat(options.meterRegistry()).isNull();
        try (EventProducer producer = new EventProducer(options, mock)) {
            assertThat(producer.send("transaction-events", TransactionEvent.credit("acc-1", "1.00", "EUR")))
                    .isCompleted();
        }
        assertThat(io.micrometer.core.instrument.Metrics.globalRegistry.getMeters()).isEmpty();
    }
}
