package io.finflow.kafka.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code finflow dlq}: dead letter topics. */
@Command(name = "dlq",
        header = "Dead letter topics: list, show, replay to the original topic or park.",
        mixinStandardHelpOptions = true,
        description = {
            "Dead letter topics (<topic>.dlq): list them, show their records and why they failed, replay"
                + " them to their original topic once the cause is fixed."
        },
        subcommands = {
            DlqListCommand.class,
            DlqShowCommand.class,
            DlqReplayCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Examples:",
            "  finflow dlq list",
            "  finflow dlq show transaction-events.dlq --limit 20",
            "  finflow dlq replay transaction-events.dlq --filter exception=Timeout",
            "  finflow dlq replay transaction-events.dlq --rate 500/s --execute"
        })
final class DlqCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
