package io.finflow.kafka.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.finflow.kafka.EventProducer;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.catalog.TopicSpec;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.spring.health.FinFlowHealthIndicator;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.KafkaExtension;
import io.finflow.kafka.testkit.junit.TestNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A listener stopped by a fatal failure turns the finflow health DOWN, with the cause, on a real broker. */
@ExtendWith(KafkaExtension.class)
class FinFlowListenerHealthIT {

    @Test
    void aListenerStoppedByAFatalFailureMakesTheHealthDownWithTheCause(EmbeddedKafka kafka, TestNames names)
            throws Exception {
        String prefix = names.topic("health") + ".";
        TopicSpec spec = TopicCatalog.fromClasspath("dev").withPrefix(prefix).require(prefix + "transaction-events");
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            admin.createTopics(List.of(new NewTopic(spec.name(), 2, (short) 1),
                    new NewTopic(spec.dlqTopic(), 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FinFlowKafkaAutoConfiguration.class,
                        FinFlowHealthAutoConfiguration.class))
                .withPropertyValues("finflow.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                        "finflow.kafka.topic-catalog.prefix=" + prefix,
                        "listener.group=" + names.group())
                .withBean(BrokenListener.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    FinFlowHealthIndicator health = context.getBean(FinFlowHealthIndicator.class);
                    await().atMost(Duration.ofMinutes(1)).until(() -> health.health().getStatus().equals(Status.UP));
                    context.getBean(EventProducer.class).send(spec.name(),
                            TransactionEvent.credit("acc-1", new BigDecimal("1.00"), "EUR")).get(30, TimeUnit.SECONDS);

                    await().atMost(Duration.ofMinutes(1)).until(() -> health.health().getStatus().equals(Status.DOWN));
                    Health down = health.health();
                    @SuppressWarnings("unchecked")
                    Map<String, Map<String, Object>> listeners =
                            (Map<String, Map<String, Object>>) down.getDetails().get("listeners");
                    Map<String, Object> broken = listeners.get("BrokenListener.onTransaction(TransactionEvent)");
                    assertThat(broken).containsEntry("state", "FAILED").containsEntry("topic", spec.name());
                    assertThat(String.valueOf(broken.get("failure"))).contains("ledger corrupted");
                    assertThat((Long) broken.get("lag")).as("the failed record stays uncommitted").isEqualTo(1L);
                });
    }

    static class BrokenListener {
        @FinFlowListener(topic = "transaction-events", group = "${listener.group}")
        void onTransaction(TransactionEvent tx) {
            throw new LinkageError("ledger corrupted"); // an Error is fatal: the consumer stops
        }
    }
}
