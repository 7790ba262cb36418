package io.finflow.examples;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.event.BalanceEvent;
import io.finflow.kafka.event.EventJson;

/**
 * The auditor's check ({@code finflow balances verify}): rebuilds every balance from offset 0 of
 * {@code transaction-events} and compares it with the latest balance of every account published on
 * {@code account-balances}, both the amount and the number of moves counted
 * ({@code transactionsApplied}), so that a transaction counted twice or lost shows even when amounts
 * happen to cancel out. Read with {@code read_committed}; meaningful once the accounting service has
 * caught up (consumer lag 0), since the rebuild includes transactions it may not have handled yet.
 */
public final class BalanceVerifier {

    /**
     * An account whose published balance is not the rebuilt one.
     *
     * @param accountId      the account
     * @param published      latest balance on account-balances, null when none was published
     * @param rebuilt        balance rebuilt from transaction-events
     * @param publishedMoves moves counted by the published balance (0 when none)
     * @param rebuiltMoves   moves of the account in the rebuild
     */
    public record Difference(String accountId, BigDecimal published, BigDecimal rebuilt, long publishedMoves,
                             long rebuiltMoves) {
    }

    /**
     * The outcome of a verification.
     *
     * @param accounts          accounts compared (published or rebuilt)
     * @param transactionEvents transaction events the rebuild applied
     * @param legsSkipped       transfer legs the rebuild skipped
     * @param invalidSkipped    records the rebuild skipped as not transaction events
     * @param balanceRecords    balance records read (the compacted topic may hold fewer than were written)
     * @param differences       accounts that differ, sorted
     */
    public record Report(int accounts, long transactionEvents, long legsSkipped, long invalidSkipped,
                         long balanceRecords, List<Difference> differences) {

        /** True when every account matches. */
        public boolean passed() {
            return differences.isEmpty();
        }
    }

    private BalanceVerifier() {
    }

    /** Compares the rebuild with the published balances of a catalog's topics. */
    public static Report verify(ClientConfig config, TopicCatalog catalog) {
        String transactions = catalog.topicForEventType("transaction").name();
        String balances = catalog.topicForEventType("balance").name();
        BalanceRebuilder.Result rebuild = BalanceRebuilder.rebuild(config, transactions);
        Map<String, BalanceEvent> published = new TreeMap<>();
        long[] records = new long[1];
        BalanceRebuilder.readToEnd(config, balances, record -> {
            records[0]++;
            BalanceEvent b;
            try {
                b = EventJson.fromBytes(record.value(), BalanceEvent.class);
            } catch (RuntimeException e) {
                throw new IllegalStateException(record.topic() + "-" + record.partition() + "@" + record.offset()
                        + " is not a balance event: " + e.getMessage(), e);
            }
            published.put(b.accountId(), b);
        });
        Map<String, BigDecimal> rebuilt = rebuild.ledger().snapshot();
        Map<String, Long> moves = rebuild.ledger().moveCounts();
        Set<String> accounts = new TreeSet<>(rebuilt.keySet());
        accounts.addAll(published.keySet());
        List<Difference> differences = new ArrayList<>();
        for (String account : accounts) {
            BalanceEvent p = published.get(account);
            BigDecimal r = rebuilt.getOrDefault(account, BigDecimal.ZERO);
            long rm = moves.getOrDefault(account, 0L);
            long pm = p == null ? 0 : p.transactionsApplied();
            boolean same = p == null ? r.signum() == 0 && rm == 0 : p.balance().compareTo(r) == 0 && pm == rm;
            if (!same) {
                differences.add(new Difference(account, p == null ? null : p.balance(), r, pm, rm));
            }
        }
        return new Report(accounts.size(), rebuild.transactionEvents(), rebuild.legsSkipped(),
                rebuild.invalidSkipped(), records[0], differences);
    }
}
