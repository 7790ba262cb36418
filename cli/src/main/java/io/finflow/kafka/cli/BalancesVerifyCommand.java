package io.finflow.kafka.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.finflow.examples.BalanceVerifier;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code finflow balances verify}: rebuild from offset 0 versus the published balances. */
@Command(name = "verify",
        header = "Rebuild balances from transaction-events, compare with account-balances.",
        mixinStandardHelpOptions = true,
        description = {
            "The auditor's check after any incident: rebuild every balance from offset 0 of",
            "transaction-events, by the transaction rule (a completed transaction moves",
            "money once, a reversed one undoes it once, pending and failed move nothing, a",
            "transfer debits accountId and credits counterpartyAccountId; the accounting",
            "service's transfer legs are skipped), and compare it with the latest balance",
            "of every account in account-balances: the amount and the number of moves",
            "counted, so a transaction counted twice or lost shows. Reads committed data",
            "only. Run it once the accounting service has caught up (finflow groups lag",
            "shows 0), or the newest transactions show as differences.",
            "",
            "Prints the accounts that differ. Exit code 0 when none does, 1 otherwise."
        },
        footer = {
            "",
            "Examples:",
            "  finflow balances verify",
            "  finflow balances verify --topic-prefix demo-1767225600. --output json"
        })
final class BalancesVerifyCommand implements Callable<Integer> {

    /** Differences printed at most in table output (all of them in JSON). */
    static final int MAX_PRINTED = 50;

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Mixin
    CatalogOptions catalogOptions;

    @Mixin
    OutputOptions output;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "",
            description = "Prefix of every catalog topic, as given to the services (default: none).")
    String topicPrefix;

    @Override
    public Integer call() throws Exception {
        ClientConfig config = client.clientConfig();
        TopicCatalog catalog = catalogOptions.catalog().withPrefix(topicPrefix);
        String transactions = catalog.topicForEventType("transaction").name();
        String balances = catalog.topicForEventType("balance").name();
        try (Admin admin = KafkaClients.admin(client)) {
            RequiredTopics.check(admin, List.of(transactions, balances), topicPrefix);
        }
        BalanceVerifier.Report report = BalanceVerifier.verify(config, catalog);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("passed", report.passed());
            json.put("accounts", report.accounts());
            json.put("transactionEvents", report.transactionEvents());
            json.put("transferLegsSkipped", report.legsSkipped());
            json.put("invalidRecordsSkipped", report.invalidSkipped());
            json.put("balanceRecords", report.balanceRecords());
            json.put("differences", report.differences());
            output.printJson(out, json);
        } else {
            print(out, report, transactions, balances);
        }
        if (!report.passed()) {
            spec.commandLine().getErr().println("finflow: error: " + report.differences().size() + " of "
                    + report.accounts() + " accounts differ between " + balances + " and the rebuild from " + transactions);
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, BalanceVerifier.Report report, String transactions, String balances) {
        out.printf("Rebuilt %,d accounts from %,d transaction events of %s (%,d transfer legs and %,d invalid records"
                        + " skipped); read %,d balance records of %s%n", report.accounts(), report.transactionEvents(),
                transactions, report.legsSkipped(), report.invalidSkipped(), report.balanceRecords(), balances);
        if (report.passed()) {
            out.printf("OK: every account in %s equals the rebuild (balance and moves counted)%n", balances);
        } else {
            out.printf("%,d accounts differ:%n", report.differences().size());
            Table table = new Table("ACCOUNT", "PUBLISHED", "REBUILT", "MOVES PUBLISHED", "MOVES REBUILT");
            report.differences().stream().limit(MAX_PRINTED).forEach(d -> table.row(d.accountId(),
                    d.published() == null ? null : d.published().toPlainString(), d.rebuilt().toPlainString(),
                    d.publishedMoves(), d.rebuiltMoves()));
            table.print(out);
            if (report.differences().size() > MAX_PRINTED) {
                out.printf("... and %,d more (--output json lists them all)%n",
                        report.differences().size() - MAX_PRINTED);
            }
        }
        out.flush();
    }
}
