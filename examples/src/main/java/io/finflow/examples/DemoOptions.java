package io.finflow.examples;

import java.time.Duration;

/**
 * What the demo runs.
 *
 * @param events                events the generator writes (valid, schema-invalid and poison together)
 * @param accounts              accounts in the generated population
 * @param seed                  random seed: the same seed generates the same stream
 * @param topicPrefix           prefix of every topic name, to isolate a run on a shared cluster ("" for none)
 * @param dropOneTransaction    fault injection: the accounting service silently skips one credit, so the
 *                              balance checks must fail
 * @param timeout               how long the services may take to catch up after the last event
 * @param exactlyOnce           runs the accounting service exactly-once (one Kafka transaction per record,
 *                              far slower); the demo's default is at-least-once with the same handler
 * @param failAccountingRestore fault injection: the accounting service cannot restore its state, so its
 *                              consumer stops and the demo must stop with that cause
 */
public record DemoOptions(int events, int accounts, long seed, String topicPrefix, boolean dropOneTransaction,
                          Duration timeout, boolean exactlyOnce, boolean failAccountingRestore) {

    public static final int DEFAULT_EVENTS = 20_000;
    public static final int DEFAULT_ACCOUNTS = 200;
    public static final long DEFAULT_SEED = 42;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);

    public DemoOptions {
        if (events < 1) {
            throw new IllegalArgumentException("events must be >= 1, was " + events);
        }
        if (accounts < 2) {
            throw new IllegalArgumentException("accounts must be >= 2, was " + accounts);
        }
        topicPrefix = topicPrefix == null ? "" : topicPrefix;
    }

    public static DemoOptions defaults() {
        return new DemoOptions(DEFAULT_EVENTS, DEFAULT_ACCOUNTS, DEFAULT_SEED, "", false, DEFAULT_TIMEOUT, false, false);
    }

    public DemoOptions withEvents(int n) {
        return new DemoOptions(n, accounts, seed, topicPrefix, dropOneTransaction, timeout, exactlyOnce,
                failAccountingRestore);
    }

    public DemoOptions withAccounts(int n) {
        return new DemoOptions(events, n, seed, topicPrefix, dropOneTransaction, timeout, exactlyOnce,
                failAccountingRestore);
    }

    public DemoOptions withSeed(long s) {
        return new DemoOptions(events, accounts, s, topicPrefix, dropOneTransaction, timeout, exactlyOnce,
                failAccountingRestore);
    }

    public DemoOptions withTopicPrefix(String prefix) {
        return new DemoOptions(events, accounts, seed, prefix, dropOneTransaction, timeout, exactlyOnce,
                failAccountingRestore);
    }

    public DemoOptions withDropOneTransaction(boolean drop) {
        return new DemoOptions(events, accounts, seed, topicPrefix, drop, timeout, exactlyOnce, failAccountingRestore);
    }

    public DemoOptions withTimeout(Duration t) {
        return new DemoOptions(events, accounts, seed, topicPrefix, dropOneTransaction, t, exactlyOnce,
                failAccountingRestore);
    }

    public DemoOptions withExactlyOnce(boolean enabled) {
        return new DemoOptions(events, accounts, seed, topicPrefix, dropOneTransaction, timeout, enabled,
                failAccountingRestore);
    }

    public DemoOptions withFailAccountingRestore(boolean fail) {
        return new DemoOptions(events, accounts, seed, topicPrefix, dropOneTransaction, timeout, exactlyOnce, fail);
    }
}
