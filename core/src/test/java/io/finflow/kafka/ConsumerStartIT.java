package io.finflow.kafka;

import static io.finflow.kafka.ConsumerTestSupport.consumerOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.consumer.ConsumerState;
import io.finflow.kafka.consumer.GroupProtocol;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.KafkaExtension;
import io.finflow.kafka.testkit.junit.TestNames;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class ConsumerStartIT {

    @Test
    void aStartThatCannotCreateTheKafkaConsumerThrowsAndLeavesNoThreadBehind(EmbeddedKafka kafka, TestNames names) {
        TopicCatalog catalog = TestCatalog.load(names.topic("cat"));
        String topic = TestCatalog.topic(catalog, "transaction-events");
        String group = names.group();
        EventConsumer consumer = EventConsumer.create(consumerOptions(kafka, catalog, group).toBuilder()
                .kafkaOverrides(Map.of("max.poll.interval.ms", "not-a-number")).build());
        consumer.subscribe(topic, TransactionEvent.class, (tx, meta) -> { });
        assertThatThrownBy(consumer::start).isInstanceOf(KafkaException.class)
                .hasMessageContaining("max.poll.interval.ms");
        assertThat(threadsOf(group)).as("threads of the group left running (dead letter producer, workers)").isEmpty();
        assertThat(consumer.state()).isEqualTo(ConsumerState.FAILED);
        assertThat(consumer.isRunning()).isFalse();
        consumer.close();
    }

    @Test
    void settingsOfTheClassicProtocolAreRefusedUpFrontUnderTheConsumerProtocol(EmbeddedKafka kafka, TestNames names) {
        TopicCatalog catalog = TestCatalog.load(names.topic("cat"));
        String topic = TestCatalog.topic(catalog, "transaction-events");
        for (String setting : List.of("session.timeout.ms", "heartbeat.interval.ms", "partition.assignment.strategy")) {
            String group = names.group();
            Object value = setting.equals("partition.assignment.strategy")
                    ? "org.apache.kafka.clients.consumer.RangeAssignor" : "10000";
            EventConsumer consumer = EventConsumer.create(consumerOptions(kafka, catalog, group).toBuilder()
                    .kafkaOverrides(Map.of(setting, value)).build());
            consumer.subscribe(topic, TransactionEvent.class, (tx, meta) -> { });
            assertThatThrownBy(consumer::start).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(setting).hasMessageContaining("classic");
            assertThat(threadsOf(group)).isEmpty();
        }
        // The same setting is fine once the classic protocol is chosen.
        String group = names.group();
        EventConsumer classic = EventConsumer.create(consumerOptions(kafka, catalog, group).toBuilder()
                .groupProtocol(GroupProtocol.CLASSIC)
                .kafkaOverrides(Map.of("session.timeout.ms", 10_000)).build());
        TestCatalog.createTopics(kafka, catalog);
        classic.subscribe(topic, TransactionEvent.class, (tx, meta) -> { }).start();
        try {
            assertThat(classic.state()).isEqualTo(ConsumerState.RUNNING);
        } finally {
            classic.close();
        }
    }

    private static List<String> threadsOf(String group) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.contains(group)).toList();
    }
}
