package io.finflow.examples;

import java.util.UUID;

/**
 * How an accounting service instance runs: immutable, built with {@link #builder()}; each setting is
 * documented on its {@link Builder} method.
 *
 * <pre>{@code
 * AccountingOptions options = AccountingOptions.builder().instanceId("acc-1").build();   // exactly-once
 * }</pre>
 */
public final class AccountingOptions {

    private final boolean exactlyOnce;
    private final String instanceId;
    private final int filterCapacity;
    private final boolean dropOneTransaction;
    private final boolean failRestore;

    private AccountingOptions(Builder b) {
        this.exactlyOnce = b.exactlyOnce;
        this.instanceId = b.instanceId;
        this.filterCapacity = b.filterCapacity;
        this.dropOneTransaction = b.dropOneTransaction;
        this.failRestore = b.failRestore;
    }

    /** A builder holding the defaults: exactly-once, a random instance id, the default duplicate filter. */
    public static Builder builder() {
        return new Builder();
    }

    /** Exactly-once, a random instance id, the default duplicate filter, no fault injected. */
    public static AccountingOptions exactlyOnceDefaults() {
        return builder().build();
    }

    /** A random instance id, e.g. {@code 3f9c2a1b}. */
    public static String randomInstanceId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        return builder().exactlyOnce(exactlyOnce).instanceId(instanceId).filterCapacity(filterCapacity)
                .dropOneTransaction(dropOneTransaction).failRestore(failRestore);
    }

    /** See {@link Builder#exactlyOnce}. */
    public boolean exactlyOnce() {
        return exactlyOnce;
    }

    /** See {@link Builder#instanceId}. */
    public String instanceId() {
        return instanceId;
    }

    /** See {@link Builder#filterCapacity}. */
    public int filterCapacity() {
        return filterCapacity;
    }

    /** See {@link Builder#dropOneTransaction}. */
    public boolean dropOneTransaction() {
        return dropOneTransaction;
    }

    /** See {@link Builder#failRestore}. */
    public boolean failRestore() {
        return failRestore;
    }

    /** The transactional id of this instance's output producer. */
    public String transactionalId() {
        return "accounting-service-" + instanceId;
    }

    /** Builds {@link AccountingOptions}; {@link #build()} checks the values. */
    public static final class Builder {
        private boolean exactlyOnce = true;
        private String instanceId = randomInstanceId();
        private int filterCapacity = DuplicateFilter.DEFAULT_CAPACITY;
        private boolean dropOneTransaction;
        private boolean failRestore;

        private Builder() {
        }

        /**
         * Balances, notifications, transfer legs and the consumed offsets of each record commit in one Kafka
         * transaction (the library's exactly-once mode, one transaction per record). Default true; false:
         * at-least-once with the same handler, several times faster, exact only while the process runs
         * without a crash or rebalance (the in-process demo).
         */
        public Builder exactlyOnce(boolean enabled) {
            this.exactlyOnce = enabled;
            return this;
        }

        /**
         * Names this instance; its transactional id is {@code accounting-service-<instanceId>}. Give a
         * restarted instance the id of the one it replaces, so that it fences that one's unfinished transaction
         * at once instead of waiting for its timeout. Default: random ({@link #randomInstanceId()}); 1 to 100
         * letters, digits, '.', '_' or '-'.
         */
        public Builder instanceId(String id) {
            this.instanceId = id;
            return this;
        }

        /**
         * Transactions remembered per partition by the duplicate filter. Default
         * {@link DuplicateFilter#DEFAULT_CAPACITY}; at least 1.
         */
        public Builder filterCapacity(int capacity) {
            this.filterCapacity = capacity;
            return this;
        }

        /** Fault injection: one completed credit moves nothing, so balance checks must fail. Default false. */
        public Builder dropOneTransaction(boolean drop) {
            this.dropOneTransaction = drop;
            return this;
        }

        /** Fault injection: restoring state fails, so the service's consumer stops. Default false. */
        public Builder failRestore(boolean fail) {
            this.failRestore = fail;
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException the instance id (part of a transactional id) or the filter capacity
         *                                  is invalid, named with its value
         */
        public AccountingOptions build() {
            if (instanceId == null || !instanceId.matches("[A-Za-z0-9._-]{1,100}")) {
                throw new IllegalArgumentException("instance id must be 1 to 100 letters, digits, '.', '_' or '-',"
                        + " was '" + instanceId + "'");
            }
            if (filterCapacity < 1) {
                throw new IllegalArgumentException("duplicate filter capacity must be >= 1, was " + filterCapacity);
            }
            return new AccountingOptions(this);
        }
    }
}
