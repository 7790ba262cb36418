package io.finflow.kafka.testkit;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Waits until clients can talk to a freshly started broker. */
final class Readiness {

    private Readiness() {
    }

    /**
     * Blocks until an Admin client sees {@code expectedBrokers} brokers, or fails after the timeout.
     */
    static void awaitBrokers(Map<String, Object> clientProps, int expectedBrokers, Duration timeout) {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        try (Admin admin = Admin.create(props)) {
            while (System.nanoTime() < deadline) {
                try {
                    int brokers = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
                    if (brokers >= expectedBrokers) {
                        return;
                    }
                } catch (Exception e) {
                    last = e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for Kafka", e);
                }
            }
        }
        throw new IllegalStateException("Kafka at " + clientProps.get("bootstrap.servers")
                + " was not ready within " + timeout.toSeconds() + " s"
                + (last == null ? "" : ": " + last.getMessage()), last);
    }
}
