package io.finflow.kafka.testkit;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Waits until clients can talk to a freshly started broker, or until any other condition holds. */
final class Readiness {

    private static final long POLL_INTERVAL_MS = 50;

    private Readiness() {
    }

    /**
     * Blocks until an Admin client sees {@code expectedBrokers} brokers, or fails after the timeout.
     */
    static void awaitBrokers(Map<String, Object> clientProps, int expectedBrokers, Duration timeout) {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(props)) {
            await("Kafka at " + clientProps.get("bootstrap.servers") + " to be ready", timeout,
                    () -> admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() >= expectedBrokers);
        }
    }

    /**
     * Polls {@code condition} until it returns true. An exception from the condition counts as
     * "not yet" and is reported if time runs out.
     *
     * @throws IllegalStateException when the condition does not hold within the timeout
     */
    static void await(String what, Duration timeout, Callable<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() >= deadline) {
                break;
            }
            try {
                Thread.sleep(POLL_INTERVAL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
        throw new IllegalStateException("timed out after " + timeout.toMillis() + " ms waiting for " + what
                + (last == null ? "" : ": " + last), last);
    }
}
