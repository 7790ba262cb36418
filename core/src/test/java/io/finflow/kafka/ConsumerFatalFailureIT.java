package io.finflow.kafka;

import static io.finflow.kafka.ConsumerTestSupport.consumerOptions;
import static io.finflow.kafka.ConsumerTestSupport.sendTransactions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.consumer.ConsumerState;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.KafkaExtension;
import io.finflow.kafka.testkit.junit.TestNames;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class ConsumerFatalFailureIT {

    @Test
    void anErrorFromAHandlerStopsTheConsumerWithTheCauseLoggedAndNothingIsCommittedPastIt(
            EmbeddedKafka kafka, TestNames names) throws Exception {
        TopicCatalog catalog = TestCatalog.create(kafka, names);
        String topic = TestCatalog.topic(catalog, "transaction-events");
        // One account: one partition, so "past it" is well defined.
        List<TransactionEvent> sent = sendTransactions(kafka, catalog, topic, 10, 1);
        String brokenId = sent.get(4).eventId();
        Set<String> handled = ConcurrentHashMap.newKeySet();
        List<Throwable> told = new CopyOnWriteArrayList<>();
        String group = names.group();
        try (LogCapture logs = LogCapture.start();
             EventConsumer consumer = EventConsumer.create(consumerOptions(kafka, catalog, group))) {
            consumer.subscribe(topic, TransactionEvent.class, (tx, meta) -> {
                if (tx.eventId().equals(brokenId)) {
                    throw new StackOverflowError("ledger recursion on " + tx.accountId());
                }
                handled.add(tx.eventId());
            }).onFailure(told::add).start();
            await().atMost(Duration.ofSeconds(30)).until(() -> !told.isEmpty());
            assertThat(consumer.state()).isEqualTo(ConsumerState.FAILED);
            assertThat(consumer.failure()).get().isInstanceOf(StackOverflowError.class);
            assertThat(told).containsExactly(consumer.failure().orElseThrow());
            assertThat(logs.lines(Level.ERROR, "StackOverflowError"))
                    .as("logged at ERROR with the record and the cause").isNotEmpty()
                    .anySatisfy(l -> {
                        assertThat(l.message()).contains(topic + "-").contains("@4");
                        assertThat(l.thrown()).isInstanceOf(StackOverflowError.class);
                    });
        }
        assertThat(handled).containsExactlyInAnyOrderElementsOf(sent.subList(0, 4).stream()
                .map(TransactionEvent::eventId).toList());
        assertThat(ConsumerTestSupport.committed(kafka, group).values())
                .as("committed up to the record whose handler threw the Error, never past it").containsExactly(4L);
    }
}
