package io.finflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.producer.EventEncoder;
import io.finflow.kafka.producer.ProducerOptions;
import io.finflow.kafka.schema.SchemaRegistry;
import org.junit.jupiter.api.Test;

class EventCorpusTest {

    private static final EventEncoder ENCODER = new EventEncoder(TopicCatalog.fromClasspath("dev"),
            SchemaRegistry.fromClasspath(), BenchSuite.SOURCE, ProducerOptions.DEFAULT_MAX_EVENT_BYTES);

    private static EventCorpus corpus(long seed) {
        return EventCorpus.generate(500, 50, seed, ENCODER, BenchSuite.CORPUS_TOPIC);
    }

    @Test
    void eventsAreValidTransactionsOfThreeToFourHundredBytes() {
        EventCorpus corpus = corpus(42);

        assertThat(corpus.meanValueBytes()).isBetween(300.0, 400.0);
        assertThat(corpus.meanHeaderBytes()).isPositive();
        for (int i = 0; i < corpus.size(); i++) {
            byte[] value = corpus.encoded(i).value();
            assertThat(EventJson.fromBytes(value, TransactionEvent.class)).isEqualTo(corpus.event(i));
            assertThat(corpus.encoded(i).key()).isEqualTo(corpus.event(i).accountId());
        }
    }

    @Test
    void theSameSeedGivesTheSameBytes() {
        EventCorpus a = corpus(7);
        EventCorpus b = corpus(7);

        for (int i = 0; i < a.size(); i++) {
            assertThat(a.encoded(i).value()).isEqualTo(b.encoded(i).value());
        }
        assertThat(corpus(8).encoded(0).value()).isNotEqualTo(a.encoded(0).value());
    }

    @Test
    void runsCycleThroughTheCorpus() {
        EventCorpus corpus = corpus(42);

        assertThat(corpus.event(corpus.size() + 3)).isSameAs(corpus.event(3));
        assertThat(corpus.valueBytes(2 * corpus.size())).isEqualTo(2 * corpus.valueBytes(corpus.size()));
        assertThat(corpus.valueBytes(1)).isEqualTo(corpus.encoded(0).value().length);
    }
}
