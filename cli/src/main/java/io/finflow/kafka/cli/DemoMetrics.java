package io.finflow.kafka.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.finflow.examples.DemoSummary;
import io.finflow.kafka.metrics.PrometheusEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The demo's metrics: one registry for the generator and both services, served on {@code --metrics-port}
 * when given, and read back after the run, the way Prometheus reads them, to check that they agree with the
 * services' own counts.
 */
final class DemoMetrics implements AutoCloseable {

    /** One count compared: what the metrics say and what the services counted. */
    record Row(String what, long metrics, long services) {
    }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PrometheusEndpoint endpoint;

    private DemoMetrics(Integer port) {
        this.endpoint = port == null ? null : PrometheusEndpoint.start(registry, new InetSocketAddress("127.0.0.1", port));
    }

    /** A registry, served on 127.0.0.1:{@code port} unless {@code port} is null. */
    static DemoMetrics start(Integer port) {
        return new DemoMetrics(port);
    }

    MeterRegistry registry() {
        return registry;
    }

    /** The URL Prometheus scrapes, or null when not served. */
    String url() {
        return endpoint == null ? null : endpoint.url().toString();
    }

    /** Where the read-back comes from, for the summary. */
    String source() {
        return endpoint == null ? "the services' registry (--metrics-port serves it)" : url();
    }

    /** The metrics as a scrape returns them: over HTTP when served, else the registry's own rendering. */
    PrometheusSamples read() throws IOException, InterruptedException {
        if (endpoint == null) {
            return PrometheusSamples.parse(registry.scrape());
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.url())
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + endpoint.url() + " answered " + response.statusCode());
        }
        return PrometheusSamples.parse(response.body());
    }

    /**
     * The summary's counts next to the same counts read from the metrics.
     *
     * @param prefix the run's topic prefix: the summary names produced topics without it (its dead letter
     *               topics carry it), the metrics always with it
     */
    static List<Row> compare(PrometheusSamples m, DemoSummary s, String prefix) {
        List<Row> rows = new ArrayList<>();
        s.producedPerTopic().forEach((topic, n) -> rows.add(new Row("produced to " + topic,
                count(m, "finflow_producer_events_total", Map.of("topic", prefix + topic, "outcome", "acknowledged")),
                n)));
        rows.add(new Row("refused at the producer",
                count(m, "finflow_producer_events_total", Map.of("outcome", "refused")),
                s.refusedAtProducer().values().stream().mapToLong(Long::longValue).sum()));
        s.consumedPerService().forEach((group, n) -> rows.add(new Row("consumed by " + group,
                count(m, "finflow_consumer_records_total", Map.of("group", group, "outcome", "success")), n)));
        s.deadLettered().forEach((dlq, reasons) -> rows.add(new Row("dead-lettered to " + dlq,
                count(m, "finflow_consumer_dlq_writes_total", Map.of("dlq_topic", dlq,
                        "outcome", "acknowledged")),
                reasons.values().stream().mapToLong(Long::longValue).sum())));
        return rows;
    }

    /** The check that every row agrees. */
    static DemoSummary.Check check(List<Row> rows) {
        List<Row> differ = rows.stream().filter(r -> r.metrics() != r.services()).toList();
        return new DemoSummary.Check("metrics agree with the services' counts", differ.isEmpty(), differ.isEmpty()
                ? rows.size() + " counts equal"
                : differ.size() + " differ, e.g. " + differ.get(0).what() + ": metrics " + differ.get(0).metrics()
                        + ", services " + differ.get(0).services());
    }

    private static long count(PrometheusSamples m, String name, Map<String, String> labels) {
        return Math.round(m.sum(name, l -> labels.entrySet().stream()
                .allMatch(e -> e.getValue().equals(l.get(e.getKey())))));
    }

    @Override
    public void close() {
        if (endpoint != null) {
            endpoint.close();
        }
        registry.close();
    }
}
