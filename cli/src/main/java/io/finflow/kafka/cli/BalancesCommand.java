package io.finflow.kafka.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code finflow balances}: the auditor's view of account balances. */
@Command(name = "balances",
        header = "Verify the published account balances against the transaction log.",
        mixinStandardHelpOptions = true,
        description = {"Account balances: verify the published balances against the transaction log."},
        subcommands = {
            BalancesVerifyCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Examples:",
            "  finflow balances verify",
            "  finflow balances verify --bootstrap kafka-1:9092 --profile prod --output json"
        })
final class BalancesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
