package io.finflow.kafka.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import io.finflow.kafka.metrics.PrometheusEndpoint;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.jmx.JmxCollector;

/**
 * Serves the MBeans of the brokers running in this JVM in Prometheus format, through the Prometheus JMX
 * exporter's collector and the rules in {@code deploy/jmx-exporter/kafka-broker.yml} (bundled as
 * {@value #RULES}), the same rules the compose stack gives the exporter's Java agent. Each scrape reads the
 * MBeans at that moment. {@link #close()} stops serving.
 */
final class BrokerMetrics implements AutoCloseable {

    /** Where the rules file is on the class path. */
    static final String RULES = "finflow/jmx-exporter/kafka-broker.yml";

    private final PrometheusEndpoint endpoint;

    private BrokerMetrics(PrometheusEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** Starts serving on {@code address} (port 0: a free port). */
    static BrokerMetrics start(InetSocketAddress address) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try {
            new JmxCollector(rules()).register(registry.getPrometheusRegistry());
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalStateException("the bundled JMX exporter rules are invalid: " + e.getMessage(), e);
        }
        return new BrokerMetrics(PrometheusEndpoint.start(registry, address));
    }

    private static String rules() {
        try (InputStream in = BrokerMetrics.class.getClassLoader().getResourceAsStream(RULES)) {
            if (in == null) {
                throw new IllegalStateException(RULES + " is missing from the CLI jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL Prometheus scrapes. */
    String url() {
        return endpoint.url().toString();
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
