package io.finflow.kafka.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import io.finflow.kafka.config.ClientConfig;
import org.junit.jupiter.api.Test;

class ProducerOptionsTest {

    private static final ClientConfig CONFIG = ClientConfig.of("127.0.0.1:9");

    @Test
    void theDefaultsAreTheNamedConstantsAndDurabilityIsFixed() {
        ProducerOptions o = ProducerOptions.defaults(CONFIG, "/finflow/payments");
        assertThat(o.deliveryTimeout()).isEqualTo(ProducerOptions.DEFAULT_DELIVERY_TIMEOUT);
        assertThat(o.requestTimeout()).isEqualTo(ProducerOptions.DEFAULT_REQUEST_TIMEOUT);
        assertThat(o.linger()).isEqualTo(ProducerOptions.DEFAULT_LINGER);
        assertThat(o.batchSize()).isEqualTo(ProducerOptions.DEFAULT_BATCH_SIZE);
        assertThat(o.compression()).isEqualTo(Compression.LZ4);
        assertThat(o.transactionalId()).isNull();
        assertThat(o.toKafkaProperties()).containsEntry("acks", "all").containsEntry("enable.idempotence", true)
                .containsEntry("compression.type", "lz4").doesNotContainKey("transactional.id");
    }

    @Test
    void anUnsetRequestTimeoutFollowsAShortDeliveryTimeoutAndASetOneIsChecked() {
        ProducerOptions shortDeadline = ProducerOptions.builder(CONFIG, "/finflow/p")
                .deliveryTimeout(Duration.ofSeconds(3)).build();
        assertThat(shortDeadline.requestTimeout()).isEqualTo(Duration.ofSeconds(3).minus(ProducerOptions.DEFAULT_LINGER));
        assertThat(shortDeadline.toBuilder().deliveryTimeout(Duration.ofMinutes(2)).build().requestTimeout())
                .as("still unset: back to the default").isEqualTo(ProducerOptions.DEFAULT_REQUEST_TIMEOUT);
        assertThatThrownBy(() -> ProducerOptions.builder(CONFIG, "/finflow/p").requestTimeout(Duration.ofSeconds(40))
                .build()).hasMessage("deliveryTimeout (PT30S) must be >= requestTimeout + linger (PT40.005S)");
    }

    @Test
    void toBuilderCopiesEverySettingAndDerivesATransactionalProducer() {
        ProducerOptions base = ProducerOptions.builder(CONFIG, "/finflow/p").compression(Compression.ZSTD)
                .linger(Duration.ofMillis(20)).batchSize(1024).maxEventBytes(5000).kafkaOverride("client.id", "p1")
                .retryBackoff(Duration.ofMillis(50)).retryBackoffMax(Duration.ofMillis(500)).build();
        ProducerOptions tx = base.toBuilder().transactionalId("p-1").build();
        assertThat(tx.toKafkaProperties()).containsEntry("transactional.id", "p-1")
                .containsEntry("compression.type", "zstd").containsEntry("linger.ms", 20).containsEntry("batch.size", 1024)
                .containsEntry("client.id", "p1").containsEntry("retry.backoff.max.ms", 500L);
        assertThat(base.transactionalId()).isNull();
        assertThat(base.toBuilder().build().toKafkaProperties()).isEqualTo(base.toKafkaProperties());
    }

    @Test
    void badValuesAreRefusedWhenBuilt() {
        assertThatThrownBy(() -> ProducerOptions.builder(CONFIG, "/finflow/p").kafkaOverride("acks", "1").build())
                .hasMessageContaining("acks cannot be overridden");
        assertThatThrownBy(() -> ProducerOptions.builder(CONFIG, "/finflow/p").batchSize(-1).build())
                .hasMessage("batchSize must be >= 0, was -1");
        assertThatThrownBy(() -> ProducerOptions.builder(CONFIG, "has spaces").build())
                .hasMessageContaining("source must be a URI reference");
        assertThatThrownBy(() -> Compression.of("brotli"))
                .hasMessage("compression must be none, gzip, snappy, lz4, zstd, was 'brotli'");
        assertThat(Compression.of("ZSTD")).isEqualTo(Compression.ZSTD);
    }
}
