package io.finflow.examples.spring;

import io.finflow.kafka.consumer.EventMetadata;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.spring.FinFlowListener;
import org.springframework.stereotype.Component;

/**
 * Applies every transaction of {@code transaction-events} to the {@link Balances}, as a member of
 * {@code accounting-service-group} with 8 workers: transactions of one account in order, accounts in parallel. The
 * offset of a transaction is committed once {@link #apply} returned; on shutdown the transactions in flight finish
 * and are committed before the application exits.
 */
@Component
public class LedgerListener {

    private final Balances balances;

    /** Listens for the given balances. */
    public LedgerListener(Balances balances) {
        this.balances = balances;
    }

    /** One transaction; {@code metadata.eventId()} is the idempotency key that {@link Balances} uses. */
    @FinFlowListener(topic = "transaction-events", group = "${accounting.group:accounting-service-group}",
            concurrency = 8)
    public void apply(TransactionEvent tx, EventMetadata metadata) {
        balances.apply(tx);
    }
}
