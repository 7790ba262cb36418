package io.finflow.kafka.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code finflow service}: FinFlow's reference services as processes. */
@Command(name = "service",
        header = "Run a reference service (accounting, notifications) as a process.",
        mixinStandardHelpOptions = true,
        description = {
            "Run a FinFlow reference service as its own process, as in production: one",
            "process per service instance; several instances share the work through their",
            "consumer group."
        },
        subcommands = {
            ServiceRunCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Examples:",
            "  finflow service run accounting --instance-id acc-1",
            "  finflow service run notifications --bootstrap kafka-1:9092 \\",
            "      --command-config prod.properties"
        })
final class ServiceCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
