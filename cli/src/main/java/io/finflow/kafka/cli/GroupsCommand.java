package io.finflow.kafka.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code finflow groups}: consumer groups, their lag, and offset resets. */
@Command(name = "groups",
        header = "Consumer groups: list, describe, lag (offsets and time), reset offsets.",
        mixinStandardHelpOptions = true,
        description = {
            "Consumer groups: list them, describe one, show lag (offsets and time), reset offsets with a backup."
        },
        subcommands = {
            GroupsListCommand.class,
            GroupsDescribeCommand.class,
            GroupsLagCommand.class,
            GroupsResetOffsetsCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Examples:",
            "  finflow groups lag accounting-service-group",
            "  finflow groups reset-offsets --group accounting-service-group \\",
            "      --topic transaction-events --to-datetime 2026-01-01T10:00:00Z"
        })
final class GroupsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
