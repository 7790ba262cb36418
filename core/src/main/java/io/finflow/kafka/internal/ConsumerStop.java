package io.finflow.kafka.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stops a consumer at a record: the partition stops there, uncommitted, and the consumer fails. */
final class ConsumerStop {

    private static final Logger log = LoggerFactory.getLogger(ConsumerStop.class);

    private ConsumerStop() {
    }

    /**
     * Stops the record's partition at the record and fails the consumer with {@code cause}; the first
     * failure of a consumer is logged at ERROR with {@code reason}.
     */
    static void at(InFlightRecord r, ConsumerLifecycle lifecycle, String reason, Throwable cause) {
        r.state.stop(reason);
        if (lifecycle.fail(cause)) {
            log.error(reason, cause);
        }
    }

    /** The transactional producer can no longer be used: no dead letter, no commit, the consumer stops. */
    static void transactionFailed(InFlightRecord r, ConsumerLifecycle lifecycle, String groupId, Throwable cause) {
        at(r, lifecycle, "the transactional producer of group " + groupId + " can no longer be used while processing "
                + r.where() + " (" + cause + "): another instance with the same transactional id has taken over"
                + " (this one is a zombie), or the producer lacks authorization. The consumer stops without writing"
                + " a dead letter or committing anything more; the partition's owner processes the record",
                cause);
    }
}
