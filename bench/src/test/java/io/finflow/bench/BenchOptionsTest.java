package io.finflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void noArgumentsRunTheWholeSuiteOnAnEmbeddedBroker() {
        BenchOptions o = BenchOptions.parse();

        assertThat(o.embedded()).isTrue();
        assertThat(o.sections()).containsExactlyInAnyOrder(BenchOptions.Section.values());
        assertThat(o.rounds()).isEqualTo(BenchOptions.DEFAULT_ROUNDS);
        assertThat(o.producerRecords()).isEqualTo(BenchOptions.DEFAULT_PRODUCER_RECORDS);
    }

    @Test
    void readsBothOptionFormsAndASubsetOfSections() {
        BenchOptions o = BenchOptions.parse("--bootstrap", "127.0.0.1:9092", "--only=producer,compression",
                "--rounds", "5", "--producer-records=200_000", "--out", "/tmp/r.md");

        assertThat(o.bootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(o.embedded()).isFalse();
        assertThat(o.sections()).isEqualTo(EnumSet.of(BenchOptions.Section.PRODUCER, BenchOptions.Section.COMPRESSION));
        assertThat(o.rounds()).isEqualTo(5);
        assertThat(o.producerRecords()).isEqualTo(200_000);
        assertThat(o.out()).isEqualTo(Path.of("/tmp/r.md"));
    }

    @Test
    void badValuesAreRefusedNamingTheOptionAndTheValue() {
        assertThatThrownBy(() -> BenchOptions.parse("--rounds", "0"))
                .hasMessage("--rounds must be >= 1, was 0");
        assertThatThrownBy(() -> BenchOptions.parse("--consumer-records", "many"))
                .hasMessage("--consumer-records must be a whole number, was 'many'");
        assertThatThrownBy(() -> BenchOptions.parse("--only", "producer,latency"))
                .hasMessageContaining("unknown benchmark 'latency'")
                .hasMessageContaining("serde,lag,producer,consumer,ordered,e2e,compression");
        assertThatThrownBy(() -> BenchOptions.parse("--output", "xml"))
                .hasMessage("--output must be md or json, was 'xml'");
        assertThatThrownBy(() -> BenchOptions.parse("--records", "5"))
                .hasMessage("unknown option '--records'; see --help");
        assertThatThrownBy(() -> BenchOptions.parse("--rounds"))
                .hasMessage("--rounds needs a value");
    }

    @Test
    void quickIsASmallRunOfEverythingThatOtherOptionsStillChange() {
        BenchOptions o = BenchOptions.parse("--quick", "--output", "json", "--rounds", "2");

        assertThat(o.sections()).containsExactlyInAnyOrder(BenchOptions.Section.values());
        assertThat(o.producerRecords()).isLessThan(BenchOptions.DEFAULT_PRODUCER_RECORDS / 100);
        assertThat(o.rounds()).isEqualTo(2);
        assertThat(o.output()).isEqualTo(BenchOptions.Output.JSON);
    }

    @Test
    void helpIsAFlag() {
        assertThat(BenchOptions.parse("--help").help()).isTrue();
        assertThat(BenchOptions.usage()).contains("--bootstrap").contains("--only");
    }
}
