package io.finflow.examples;

import java.util.UUID;

/**
 * How an accounting service instance runs.
 *
 * @param exactlyOnce        balances, notifications, transfer legs and the consumed offsets of each record
 *                           commit in one Kafka transaction (the library's exactly-once mode, one
 *                           transaction per record); false: at-least-once with the same handler, several
 *                           times faster, exact only while the process runs without a crash or rebalance
 *                           (the in-process demo)
 * @param instanceId         names this instance; its transactional id is {@code accounting-service-<instanceId>}.
 *                           Give a restarted instance the id of the one it replaces, so that it fences
 *                           that one's unfinished transaction at once instead of waiting for its timeout
 * @param filterCapacity     transactions remembered per partition by the duplicate filter
 * @param dropOneTransaction fault injection: one completed credit moves nothing, so balance checks must fail
 * @param failRestore        fault injection: restoring state fails, so the service's consumer stops
 */
public record AccountingOptions(boolean exactlyOnce, String instanceId, int filterCapacity,
                                boolean dropOneTransaction, boolean failRestore) {

    /** Checks the instance id (it becomes part of a transactional id) and the filter capacity. */
    public AccountingOptions {
        if (instanceId == null || !instanceId.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("instance id must be 1 to 100 letters, digits, '.', '_' or '-', was '"
                    + instanceId + "'");
        }
        if (filterCapacity < 1) {
            throw new IllegalArgumentException("duplicate filter capacity must be >= 1, was " + filterCapacity);
        }
    }

    /** Exactly-once, a random instance id, the default duplicate filter, no fault injected. */
    public static AccountingOptions exactlyOnceDefaults() {
        return new AccountingOptions(true, randomInstanceId(), DuplicateFilter.DEFAULT_CAPACITY, false, false);
    }

    /** A random instance id, e.g. {@code 3f9c2a1b}. */
    public static String randomInstanceId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A copy in exactly-once ({@code true}) or at-least-once mode. */
    public AccountingOptions withExactlyOnce(boolean enabled) {
        return new AccountingOptions(enabled, instanceId, filterCapacity, dropOneTransaction, failRestore);
    }

    /** A copy with this instance id. */
    public AccountingOptions withInstanceId(String id) {
        return new AccountingOptions(exactlyOnce, id, filterCapacity, dropOneTransaction, failRestore);
    }

    /** A copy whose duplicate filter remembers this many transactions per partition. */
    public AccountingOptions withFilterCapacity(int capacity) {
        return new AccountingOptions(exactlyOnce, instanceId, capacity, dropOneTransaction, failRestore);
    }

    /** A copy that drops one completed credit (fault injection). */
    public AccountingOptions withDropOneTransaction(boolean drop) {
        return new AccountingOptions(exactlyOnce, instanceId, filterCapacity, drop, failRestore);
    }

    /** A copy whose state restore fails (fault injection). */
    public AccountingOptions withFailRestore(boolean fail) {
        return new AccountingOptions(exactlyOnce, instanceId, filterCapacity, dropOneTransaction, fail);
    }

    /** The transactional id of this instance's output producer. */
    public String transactionalId() {
        return "accounting-service-" + instanceId;
    }
}
