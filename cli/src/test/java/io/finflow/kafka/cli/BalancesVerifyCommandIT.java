package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;

import io.finflow.kafka.EventProducer;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.event.BalanceEvent;
import io.finflow.kafka.producer.ProducerOptions;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.KafkaExtension;
import io.finflow.kafka.testkit.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code finflow balances verify}: the rebuild from offset 0 against the published balances. */
@ExtendWith(KafkaExtension.class)
class BalancesVerifyCommandIT {

    @Test
    void passesAfterTheDemoAndCatchesATamperedBalance(EmbeddedKafka kafka, TestNames names) throws Exception {
        String prefix = names.topic("bal") + ".";
        CliRun demo = CliRun.run("demo", "--bootstrap", kafka.bootstrapServers(), "--events", "600",
                "--accounts", "30", "--topic-prefix", prefix);
        assertThat(demo.exitCode()).as(demo.describe()).isZero();

        CliRun verified = CliRun.run("balances", "verify", "--bootstrap", kafka.bootstrapServers(), "--topic-prefix", prefix);
        assertThat(verified.exitCode()).as(verified.describe()).isZero();
        assertThat(verified.out()).contains("Rebuilt 30 accounts from")
                .contains("OK: every account in " + prefix + "account-balances equals the rebuild");

        // Someone writes a wrong balance for acc-00007 past the accounting service.
        TopicCatalog catalog = TopicCatalog.fromClasspath("dev").withPrefix(prefix);
        try (EventProducer producer = EventProducer.create(ProducerOptions.defaults(
                ClientConfig.of(kafka.bootstrapServers()), "/finflow/intruder").withCatalog(catalog))) {
            producer.send(catalog.topicForEventType("balance").name(), BalanceEvent.of("acc-00007",
                    new BigDecimal("1000000.00"), "EUR", 1, "00000000-0000-0000-0000-000000000000"))
                    .get(30, TimeUnit.SECONDS);
        }

        CliRun tampered = CliRun.run("balances", "verify", "--bootstrap", kafka.bootstrapServers(), "--topic-prefix", prefix);
        assertThat(tampered.exitCode()).as(tampered.describe()).isEqualTo(ExitCodes.FAILURE);
        assertThat(tampered.out()).contains("1 accounts differ").contains("acc-00007").contains("1000000.00");
        assertThat(tampered.err()).contains("1 of 30 accounts differ between " + prefix + "account-balances");

        CliRun json = CliRun.run("balances", "verify", "--bootstrap", kafka.bootstrapServers(), "--topic-prefix", prefix,
                "--output", "json");
        assertThat(json.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(json.out()).contains("\"passed\" : false").contains("\"accountId\" : \"acc-00007\"");
    }
}
