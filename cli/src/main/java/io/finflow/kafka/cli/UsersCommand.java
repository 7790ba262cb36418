package io.finflow.kafka.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code finflow users}: SCRAM users. */
@Command(name = "users",
        header = "Manage SCRAM users: add (or change a password), list, remove.",
        mixinStandardHelpOptions = true,
        description = {
            "Manage the SCRAM-SHA-512 users that clients log in as over SASL_SSL,",
            "through Kafka's Admin API. A password is read from standard input or from",
            "--password-file, never from the command line (where shell history and ps",
            "would keep it). Kafka stores only a salted hash. Needs an admin's",
            "--command-config."
        },
        subcommands = {
            UsersAddCommand.class,
            UsersListCommand.class,
            UsersRemoveCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Examples:",
            "  finflow users add accounting-service --password-file /run/secrets/accounting \\",
            "      --command-config admin.properties",
            "  openssl rand -base64 24 | finflow users add accounting-service --command-config admin.properties",
            "  finflow users list --command-config admin.properties"
        })
final class UsersCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
