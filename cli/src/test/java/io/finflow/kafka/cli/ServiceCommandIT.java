package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.finflow.examples.NotificationService;
import io.finflow.kafka.EventProducer;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.event.NotificationEvent;
import io.finflow.kafka.producer.ProducerOptions;
import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.junit.KafkaExtension;
import io.finflow.kafka.testkit.junit.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code finflow service run}: the reference services as processes. */
@ExtendWith(KafkaExtension.class)
class ServiceCommandIT {

    @Test
    void theNotificationServiceDeliversUntilSigtermThenDrainsCommitsAndExitsZero(EmbeddedKafka kafka, TestNames names)
            throws Exception {
        String prefix = names.topic("svc") + ".";
        TopicCatalog catalog = AccountingFaultIT.createTopics(kafka, prefix);
        String topic = catalog.topicForEventType("notification").name();
        int total = 120;
        int pushes = 0;
        try (ChildCli service = ChildCli.start(List.of("-Xmx256m"), "service", "run", "notifications", "--bootstrap",
                kafka.bootstrapServers(), "--topic-prefix", prefix, "--metrics-port", "0");
             Kafka k = new Kafka(kafka);
             EventProducer producer = EventProducer.create(ProducerOptions.builder(
                     ClientConfig.of(kafka.bootstrapServers()), "/finflow/test").catalog(catalog).build())) {
            service.awaitStdout("notification-service running: group notification-service-group", Duration.ofMinutes(2));
            List<CompletableFuture<?>> sent = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                NotificationEvent.Channel channel = i % 2 == 0 ? NotificationEvent.Channel.PUSH : NotificationEvent.Channel.EMAIL;
                pushes += channel == NotificationEvent.Channel.PUSH ? 1 : 0;
                sent.add(producer.send(topic, NotificationEvent.of("user-" + i, channel, "payment_received",
                        Map.of("amount", "10.00"))));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() ->
                    k.committed(NotificationService.GROUP, topic).equals(k.logEnds(topic)));
            int expired = pushes / 20; // every twentieth push token is expired: dead-lettered after its retries
            PrometheusSamples metrics = scrape(service);
            assertThat(metrics.sum("finflow_consumer_records_total", l -> topic.equals(l.get("topic"))
                    && "success".equals(l.get("outcome")))).as("delivered, read from --metrics-port").isEqualTo(total - expired);
            assertThat(metrics.sum("finflow_consumer_records_total", l -> topic.equals(l.get("topic"))
                    && "dead_lettered".equals(l.get("outcome")))).isEqualTo(expired);
            assertThat(metrics.sum("finflow_consumer_state", l -> "running".equals(l.get("state")))).isEqualTo(1);
            assertThat(metrics.named("kafka_consumer_fetch_manager_records_lag_max"))
                    .as("the Kafka client's own metrics are served too").isNotEmpty();

            int exit = service.terminate(Duration.ofSeconds(60));

            assertThat(exit).as(service.describe()).isZero();
            assertThat(service.stdout()).as(service.describe())
                    .contains("notification-service stopped (TERM): " + (total - expired) + " delivered")
                    .contains(expired + " dead-lettered");
            assertThat(k.readAll(catalog.require(topic).dlqTopic())).hasSize(expired);
        }
    }

    private static PrometheusSamples scrape(ChildCli service) throws Exception {
        Matcher url = Pattern.compile("metrics at (http://\\S+)").matcher(service.stdout());
        assertThat(url.find()).as("the metrics URL is printed\n" + service.describe()).isTrue();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url.group(1)))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return PrometheusSamples.parse(response.body());
    }

    @Test
    void aServiceDoesNotStartWithoutItsTopicsAndSaysWhatToDo(EmbeddedKafka kafka, TestNames names) {
        CliRun run = CliRun.run("service", "run", "accounting", "--bootstrap", kafka.bootstrapServers(),
                "--topic-prefix", names.topic("none") + ".");
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).contains("do not exist; create the catalog's topics first");
    }

    @Test
    void commandLineMistakesAreUsageErrors() {
        CliRun unknown = CliRun.run("service", "run", "payments");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("payments");
        CliRun misplaced = CliRun.run("service", "run", "notifications", "--instance-id", "x");
        assertThat(misplaced.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(misplaced.err()).contains("--instance-id applies to the accounting service only");
    }
}
