package io.finflow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.event.TransactionEvent.Status;
import org.junit.jupiter.api.Test;

class TransactionGeneratorTest {

    private static List<TransactionEvent> transactions(long seed, int events) {
        TransactionGenerator generator = new TransactionGenerator(seed, 40);
        List<TransactionEvent> out = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            if (generator.next() instanceof GeneratedEvent.Valid v && v.event() instanceof TransactionEvent tx) {
                out.add(tx);
            }
        }
        return out;
    }

    @Test
    void transactionsFollowTheirLifecycleWithTheSameTransactionId() {
        Map<String, List<Status>> lifecycles = new HashMap<>();
        Map<String, TransactionEvent.Type> types = new HashMap<>();
        for (TransactionEvent tx : transactions(42, 6_000)) {
            lifecycles.computeIfAbsent(tx.transactionId(), k -> new ArrayList<>()).add(tx.status());
            types.put(tx.transactionId(), tx.type());
        }
        assertThat(lifecycles.values()).allSatisfy(statuses -> assertThat(statuses).isIn(
                List.of(Status.COMPLETED), List.of(Status.PENDING), List.of(Status.PENDING, Status.COMPLETED),
                List.of(Status.PENDING, Status.FAILED), List.of(Status.COMPLETED, Status.REVERSED),
                List.of(Status.PENDING, Status.COMPLETED, Status.REVERSED)));
        assertThat(lifecycles.values()).contains(List.of(Status.PENDING, Status.COMPLETED),
                List.of(Status.PENDING, Status.FAILED));
        assertThat(lifecycles.values()).anyMatch(s -> s.contains(Status.REVERSED));
        assertThat(lifecycles.entrySet()).as("a transfer is reversed too")
                .anyMatch(e -> e.getValue().contains(Status.REVERSED)
                        && types.get(e.getKey()) == TransactionEvent.Type.TRANSFER);
    }

    @Test
    void theSameSeedGeneratesTheSameStream() {
        List<String> a = transactions(7, 2_000).stream().map(t -> t.type() + " " + t.status() + " " + t.accountId()
                + " " + t.amount()).toList();
        List<String> b = transactions(7, 2_000).stream().map(t -> t.type() + " " + t.status() + " " + t.accountId()
                + " " + t.amount()).toList();
        assertThat(a).isEqualTo(b).isNotEmpty();
    }

    @Test
    void aSmallPopulationWhereSomeCurrencyHasOneAccountStillGeneratesTransfersBetweenPeers() {
        for (int accounts = 2; accounts <= 12; accounts++) {
            TransactionGenerator generator = new TransactionGenerator(accounts, accounts);
            java.util.Map<String, String> currencyOf = new HashMap<>();
            generator.accounts().forEach(a -> currencyOf.put(a.accountId(), a.currency()));
            for (int i = 0; i < 3_000; i++) {
                if (generator.next() instanceof GeneratedEvent.Valid v && v.event() instanceof TransactionEvent tx
                        && tx.type() == TransactionEvent.Type.TRANSFER) {
                    assertThat(tx.counterpartyAccountId()).isNotEqualTo(tx.accountId());
                    assertThat(currencyOf.get(tx.counterpartyAccountId())).isEqualTo(tx.currency());
                }
            }
        }
    }

    @Test
    void usersOwnTheAccountsOfTheSameNumber() {
        assertThat(TransactionGenerator.userOf("acc-00042")).isEqualTo("user-00042");
    }
}
