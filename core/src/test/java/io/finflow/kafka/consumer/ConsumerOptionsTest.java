package io.finflow.kafka.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import io.finflow.kafka.config.ClientConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class ConsumerOptionsTest {

    private static final ClientConfig CONFIG = ClientConfig.of("127.0.0.1:9");

    @Test
    void theDefaultsAreTheNamedConstants() {
        ConsumerOptions o = ConsumerOptions.defaults(CONFIG, "accounting-service-group");
        assertThat(o.groupId()).isEqualTo("accounting-service-group");
        assertThat(o.concurrency()).isEqualTo(ConsumerOptions.DEFAULT_CONCURRENCY);
        assertThat(o.ordering()).isEqualTo(ConsumerOptions.DEFAULT_ORDERING);
        assertThat(o.maxPollRecords()).isEqualTo(ConsumerOptions.DEFAULT_MAX_POLL_RECORDS);
        assertThat(o.maxBufferedPerPartition()).isEqualTo(ConsumerOptions.DEFAULT_MAX_BUFFERED_PER_PARTITION);
        assertThat(o.commitInterval()).isEqualTo(ConsumerOptions.DEFAULT_COMMIT_INTERVAL);
        assertThat(o.shutdownTimeout()).isEqualTo(ConsumerOptions.DEFAULT_SHUTDOWN_TIMEOUT);
        assertThat(o.revokeTimeout()).isEqualTo(ConsumerOptions.DEFAULT_REVOKE_TIMEOUT);
        assertThat(o.autoOffsetReset()).isEqualTo(ConsumerOptions.DEFAULT_OFFSET_RESET);
        assertThat(o.deadLetterMaxBlock()).isEqualTo(ConsumerOptions.DEFAULT_DEAD_LETTER_MAX_BLOCK);
        assertThat(o.shutdownHook()).isEqualTo(ConsumerOptions.DEFAULT_SHUTDOWN_HOOK);
        assertThat(o.meterRegistry()).isNull();
        assertThat(o.retry()).isEqualTo(RetryPolicy.defaults());
        assertThat(o.kafkaOverrides()).isEmpty();
        assertThat(o.catalog().profile()).isEqualTo("dev");
    }

    @Test
    void theDefaultProtocolIsConsumerNotChosenSoItMayFallBack() {
        ConsumerOptions byDefault = ConsumerOptions.defaults(CONFIG, "g");
        assertThat(byDefault.groupProtocol()).isEqualTo(GroupProtocol.CONSUMER);
        assertThat(byDefault.groupProtocolChosen()).isFalse();
        assertThat(byDefault.toKafkaProperties()).containsEntry("group.protocol", "consumer")
                .doesNotContainKey("partition.assignment.strategy");

        ConsumerOptions chosen = byDefault.toBuilder().groupProtocol(GroupProtocol.CONSUMER).build();
        assertThat(chosen.groupProtocolChosen()).isTrue();
        assertThat(chosen.toBuilder().concurrency(2).build().groupProtocolChosen())
                .as("toBuilder keeps the choice").isTrue();
        assertThat(chosen.toBuilder().groupProtocol(null).build().groupProtocolChosen())
                .as("null restores the default").isFalse();

        ConsumerOptions classic = byDefault.toBuilder().groupProtocol(GroupProtocol.CLASSIC)
                .kafkaOverride("session.timeout.ms", 10_000).build();
        assertThat(classic.toKafkaProperties()).containsEntry("group.protocol", "classic")
                .containsEntry("partition.assignment.strategy",
                        "org.apache.kafka.clients.consumer.CooperativeStickyAssignor")
                .containsEntry("session.timeout.ms", 10_000);
    }

    @Test
    void toBuilderCopiesEverySettingAndTheOriginalStaysUnchanged() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ConsumerOptions original = ConsumerOptions.builder(CONFIG, "g")
                .concurrency(8).ordering(OrderingMode.PARTITION).maxPollRecords(50).maxBufferedPerPartition(70)
                .commitInterval(Duration.ofMillis(300)).shutdownTimeout(Duration.ofSeconds(4))
                .revokeTimeout(Duration.ofSeconds(3)).autoOffsetReset(OffsetReset.LATEST)
                .deadLetterMaxBlock(Duration.ofSeconds(2)).shutdownHook(true).kafkaOverride("client.id", "c1")
                .retry(RetryPolicy.noRetries()).meterRegistry(registry).build();
        ConsumerOptions copy = original.toBuilder().build();
        assertThat(copy.toString()).isEqualTo(original.toString());
        assertThat(copy.toKafkaProperties()).isEqualTo(original.toKafkaProperties());
        assertThat(copy.meterRegistry()).isSameAs(registry);
        assertThat(copy.catalog()).isSameAs(original.catalog());

        ConsumerOptions changed = original.toBuilder().concurrency(2).kafkaOverride("fetch.min.bytes", 1).build();
        assertThat(original.concurrency()).isEqualTo(8);
        assertThat(original.kafkaOverrides()).doesNotContainKey("fetch.min.bytes");
        assertThat(changed.kafkaOverrides()).containsEntry("client.id", "c1").containsEntry("fetch.min.bytes", 1);
        assertThat(changed.toKafkaProperties()).containsEntry("auto.offset.reset", "latest")
                .containsEntry("max.poll.records", 50).containsEntry("enable.auto.commit", false);
    }

    @Test
    void badValuesAreRefusedWhenBuiltNamingTheSettingAndTheValue() {
        ConsumerOptions.Builder b = ConsumerOptions.builder(CONFIG, "g");
        assertThatThrownBy(() -> b.concurrency(0).build()).hasMessage("concurrency must be between 1 and 1024, was 0");
        assertThatThrownBy(() -> ConsumerOptions.builder(CONFIG, "g").commitInterval(Duration.ZERO).build())
                .hasMessage("commitInterval must be positive, was PT0S");
        assertThatThrownBy(() -> ConsumerOptions.builder(CONFIG, "g").kafkaOverride("group.protocol", "classic")
                .build()).hasMessageContaining("group.protocol cannot be overridden");
        assertThatThrownBy(() -> ConsumerOptions.builder(CONFIG, "g").kafkaOverrides(Map.of("session.timeout.ms", 1))
                .build().toKafkaProperties())
                .hasMessageContaining("session.timeout.ms is a setting of the classic group protocol");
        assertThatThrownBy(() -> ConsumerOptions.builder(CONFIG, " ").build()).hasMessageContaining("groupId");
    }

    @Test
    void enumsParseTheirKafkaNamesAndNameABadOne() {
        assertThat(GroupProtocol.of("CLASSIC")).isEqualTo(GroupProtocol.CLASSIC);
        assertThat(OffsetReset.of("latest")).isEqualTo(OffsetReset.LATEST);
        assertThat(GroupProtocol.CONSUMER.kafkaName()).isEqualTo("consumer");
        assertThatThrownBy(() -> OffsetReset.of("none")).hasMessage("offset reset must be earliest or latest, was 'none'");
    }
}
