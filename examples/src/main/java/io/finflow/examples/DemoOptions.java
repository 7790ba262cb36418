package io.finflow.examples;

import java.time.Duration;
import java.util.Objects;

/**
 * What the demo runs: immutable, built with {@link #builder()}; each setting is documented on its
 * {@link Builder} method.
 *
 * <pre>{@code
 * DemoOptions options = DemoOptions.builder().events(5_000).accounts(200).topicPrefix("demo-1.").build();
 * }</pre>
 */
public final class DemoOptions {

    /** Events the generator writes by default. */
    public static final int DEFAULT_EVENTS = 20_000;
    /** Accounts in the generated population by default. */
    public static final int DEFAULT_ACCOUNTS = 200;
    /** The generator's default seed. */
    public static final long DEFAULT_SEED = 42;
    /** How long the services may take to catch up after the last event. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);

    private final int events;
    private final int accounts;
    private final long seed;
    private final String topicPrefix;
    private final boolean dropOneTransaction;
    private final Duration timeout;
    private final boolean exactlyOnce;
    private final boolean failAccountingRestore;

    private DemoOptions(Builder b) {
        this.events = b.events;
        this.accounts = b.accounts;
        this.seed = b.seed;
        this.topicPrefix = b.topicPrefix;
        this.dropOneTransaction = b.dropOneTransaction;
        this.timeout = b.timeout;
        this.exactlyOnce = b.exactlyOnce;
        this.failAccountingRestore = b.failAccountingRestore;
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults, built. */
    public static DemoOptions defaults() {
        return builder().build();
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        return builder().events(events).accounts(accounts).seed(seed).topicPrefix(topicPrefix)
                .dropOneTransaction(dropOneTransaction).timeout(timeout).exactlyOnce(exactlyOnce)
                .failAccountingRestore(failAccountingRestore);
    }

    /** See {@link Builder#events}. */
    public int events() {
        return events;
    }

    /** See {@link Builder#accounts}. */
    public int accounts() {
        return accounts;
    }

    /** See {@link Builder#seed}. */
    public long seed() {
        return seed;
    }

    /** See {@link Builder#topicPrefix}. */
    public String topicPrefix() {
        return topicPrefix;
    }

    /** See {@link Builder#dropOneTransaction}. */
    public boolean dropOneTransaction() {
        return dropOneTransaction;
    }

    /** See {@link Builder#timeout}. */
    public Duration timeout() {
        return timeout;
    }

    /** See {@link Builder#exactlyOnce}. */
    public boolean exactlyOnce() {
        return exactlyOnce;
    }

    /** See {@link Builder#failAccountingRestore}. */
    public boolean failAccountingRestore() {
        return failAccountingRestore;
    }

    /** Builds {@link DemoOptions}; {@link #build()} checks the values. */
    public static final class Builder {
        private int events = DEFAULT_EVENTS;
        private int accounts = DEFAULT_ACCOUNTS;
        private long seed = DEFAULT_SEED;
        private String topicPrefix = "";
        private boolean dropOneTransaction;
        private Duration timeout = DEFAULT_TIMEOUT;
        private boolean exactlyOnce;
        private boolean failAccountingRestore;

        private Builder() {
        }

        /**
         * Events the generator writes (valid, schema-invalid and poison together). Default {@link #DEFAULT_EVENTS};
         * at least 1.
         */
        public Builder events(int n) {
            this.events = n;
            return this;
        }

        /** Accounts in the generated population. Default {@link #DEFAULT_ACCOUNTS}; at least 2. */
        public Builder accounts(int n) {
            this.accounts = n;
            return this;
        }

        /** Random seed: the same seed generates the same stream. Default {@link #DEFAULT_SEED}. */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /**
         * Prefix of every topic name, to isolate a run on a shared cluster. Default none ({@code ""}; null means
         * none).
         */
        public Builder topicPrefix(String prefix) {
            this.topicPrefix = prefix == null ? "" : prefix;
            return this;
        }

        /**
         * Fault injection: the accounting service silently skips one credit, so the balance checks must fail.
         * Default false.
         */
        public Builder dropOneTransaction(boolean drop) {
            this.dropOneTransaction = drop;
            return this;
        }

        /**
         * How long the services may take to catch up after the last event. Default {@link #DEFAULT_TIMEOUT};
         * positive.
         */
        public Builder timeout(Duration t) {
            this.timeout = t;
            return this;
        }

        /**
         * Runs the accounting service exactly-once (one Kafka transaction per record, far slower). Default false:
         * at-least-once with the same handler.
         */
        public Builder exactlyOnce(boolean enabled) {
            this.exactlyOnce = enabled;
            return this;
        }

        /**
         * Fault injection: the accounting service cannot restore its state, so its consumer stops and the demo
         * must stop with that cause. Default false.
         */
        public Builder failAccountingRestore(boolean fail) {
            this.failAccountingRestore = fail;
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException a value is out of its limits, named with the value
         */
        public DemoOptions build() {
            if (events < 1) {
                throw new IllegalArgumentException("events must be >= 1, was " + events);
            }
            if (accounts < 2) {
                throw new IllegalArgumentException("accounts must be >= 2, was " + accounts);
            }
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            return new DemoOptions(this);
        }
    }
}
