package io.finflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.event.NotificationEvent;
import io.finflow.kafka.internal.TransactionalCommitter;
import io.finflow.kafka.internal.TransactionalCommitter.FatalTransactionException;
import io.finflow.kafka.producer.ProducerOptions;
import io.finflow.kafka.producer.TransactionSendException;
import io.finflow.kafka.schema.SchemaValidationException;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TransactionAbortableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * How transaction errors are classified (pure logic over Kafka's {@code MockProducer}; the real
 * broker cases, a failed send and a fenced zombie, are in ExactlyOnceIT).
 */
class TransactionClassificationTest {

    private static final TopicPartition INPUT = new TopicPartition("transaction-events", 0);
    /** A consumer's group metadata, as the poll thread hands it to the committer. */
    private static final ConsumerGroupMetadata GROUP;

    static {
        try (MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest")) {
            GROUP = consumer.groupMetadata();
        }
    }

    /** commitTransaction throws the given errors in turn, then commits. */
    private static final class ScriptedProducer extends MockProducer<String, byte[]> {
        private final RuntimeException[] commitErrors;
        final AtomicInteger commitCalls = new AtomicInteger();

        ScriptedProducer(RuntimeException... commitErrors) {
            super(true, null, new StringSerializer(), new ByteArraySerializer());
            this.commitErrors = commitErrors;
            initTransactions();
        }

        @Override
        public void commitTransaction() {
            int call = commitCalls.getAndIncrement();
            if (call < commitErrors.length) {
                throw commitErrors[call];
            }
            super.commitTransaction();
        }
    }

    private static EventProducer producer(MockProducer<String, byte[]> mock) {
        ProducerOptions options = ProducerOptions.builder(ClientConfig.of("127.0.0.1:1"), "/finflow/test")
                .catalog(TopicCatalog.fromClasspath("dev")).transactionalId("accounting-1").build();
        return new EventProducer(options, mock);
    }

    private static TransactionalCommitter committer(EventProducer producer) {
        return new TransactionalCommitter(producer, () -> GROUP);
    }

    @Test
    void aCommitThatTimesOutIsRetriedAndNotAborted() throws Exception {
        ScriptedProducer mock = new ScriptedProducer(new TimeoutException("no answer"), new TimeoutException("no answer"));
        committer(producer(mock)).run(INPUT, 8, () -> { });
        assertThat(mock.commitCalls.get()).isEqualTo(3);
        assertThat(mock.transactionCommitted()).isTrue();
        assertThat(mock.transactionAborted()).isFalse();
        assertThat(mock.consumerGroupOffsetsHistory()).hasSize(1);
    }

    @Test
    void aCommitThatKeepsTimingOutIsFatalNeverAborted() {
        TimeoutException timeout = new TimeoutException("no answer");
        ScriptedProducer mock = new ScriptedProducer(timeout, timeout, timeout, timeout, timeout, timeout);
        assertThatThrownBy(() -> committer(producer(mock)).run(INPUT, 8, () -> { }))
                .isInstanceOf(FatalTransactionException.class).hasMessageContaining("outcome is unknown");
        assertThat(mock.transactionAborted()).isFalse();
    }

    @Test
    void aFencedProducerIsFatalAndNothingIsAbortedOrCommitted() {
        MockProducer<String, byte[]> mock = new ScriptedProducer();
        EventProducer producer = producer(mock);
        assertThatThrownBy(() -> committer(producer).run(INPUT, 8, mock::fenceProducer))
                .isInstanceOf(FatalTransactionException.class).hasCauseInstanceOf(ProducerFencedException.class);
        assertThat(mock.transactionCommitted()).isFalse();
        assertThat(mock.consumerGroupOffsetsHistory()).isEmpty();
        // The next record's transaction cannot even begin: fatal as well.
        assertThatThrownBy(() -> committer(producer).run(INPUT, 9, () -> { }))
                .isInstanceOf(FatalTransactionException.class);
    }

    @Test
    void aTransactionEndedByTheCoordinatorIsFatalNeverRetried() {
        // A new instance took the transactional id while this one was mid-transaction: the coordinator
        // aborted it, and Kafka's producer treats INVALID_TXN_STATE as fatal. Retrying would loop forever.
        ScriptedProducer mock = new ScriptedProducer(new InvalidTxnStateException("transaction ended by the coordinator"));
        assertThatThrownBy(() -> committer(producer(mock)).run(INPUT, 8, () -> { }))
                .isInstanceOf(FatalTransactionException.class).hasCauseInstanceOf(InvalidTxnStateException.class);
        assertThat(mock.commitCalls.get()).isEqualTo(1);
        assertThat(mock.transactionAborted()).isFalse();
        assertThat(mock.consumerGroupOffsetsHistory()).isEmpty();
    }

    @Test
    void anAbortableCommitErrorAbortsAndIsThrownForARetry() {
        ScriptedProducer mock = new ScriptedProducer(new TransactionAbortableException("coordinator moved"));
        assertThatThrownBy(() -> committer(producer(mock)).run(INPUT, 8, () -> { }))
                .isInstanceOf(TransactionAbortableException.class);
        assertThat(mock.transactionAborted()).isTrue();
    }

    @Test
    void aFailedSendInTheTransactionAbortsItEvenWhenItsFutureWasIgnored() {
        ScriptedProducer mock = new ScriptedProducer();
        EventProducer producer = producer(mock);
        assertThatThrownBy(() -> committer(producer).run(INPUT, 8, () -> {
            producer.send("notification-events", NotificationEvent.of("user-1", NotificationEvent.Channel.EMAIL,
                    "transaction-booked", Map.of()));
            producer.sendJson("notification-events", Map.of("userId", "user-1"));
        })).isInstanceOf(TransactionSendException.class).hasCauseInstanceOf(SchemaValidationException.class)
                .hasMessageContaining("1 of 2 send(s)");
        assertThat(mock.transactionAborted()).isTrue();
        assertThat(mock.transactionCommitted()).isFalse();
        assertThat(mock.commitCalls.get()).isZero();
    }

    @Test
    void aSendThatMeetsFencingIsFatalNotRetried() {
        // An idle zombie learns of its successor from its next send: the broker answers its produce request
        // with INVALID_PRODUCER_EPOCH. The transaction is aborted like any failed send, but retrying the record
        // would meet the same answer until the retry budget dead-letters it: the producer is done.
        MockProducer<String, byte[]> mock = new MockProducer<>(false, null, new StringSerializer(),
                new ByteArraySerializer());
        mock.initTransactions();
        EventProducer producer = producer(mock);
        assertThatThrownBy(() -> committer(producer).run(INPUT, 8, () -> {
            producer.send("notification-events", NotificationEvent.of("user-1", NotificationEvent.Channel.EMAIL,
                    "transaction-booked", Map.of()));
            mock.errorNext(new InvalidProducerEpochException("a newer epoch of accounting-1 exists"));
        })).isInstanceOf(FatalTransactionException.class).hasCauseInstanceOf(InvalidProducerEpochException.class);
        assertThat(mock.transactionCommitted()).isFalse();
    }
}
