package io.finflow.kafka.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code finflow config}: the client configuration. */
@Command(name = "config",
        header = "Show the effective client configuration and where each value comes from.",
        mixinStandardHelpOptions = true,
        description = "The client configuration every command builds from --bootstrap, --command-config,"
                + " FINFLOW_* environment variables and defaults.",
        subcommands = {
            ConfigShowCommand.class,
            CommandLine.HelpCommand.class
        })
final class ConfigCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
