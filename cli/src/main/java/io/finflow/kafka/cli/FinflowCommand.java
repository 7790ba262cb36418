package io.finflow.kafka.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code finflow} command: FinFlow's event backbone tooling. */
@Command(name = "finflow",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "FinFlow Kafka: run, inspect and operate FinFlow's event backbone on Apache Kafka.",
            ""
        },
        subcommands = {
            DevCommand.class,
            DemoCommand.class,
            ServiceCommand.class,
            GenerateCommand.class,
            BalancesCommand.class,
            SchemasCommand.class,
            TopicsCommand.class,
            GroupsCommand.class,
            DlqCommand.class,
            TailCommand.class,
            ProduceCommand.class,
            DoctorCommand.class,
            AclsCommand.class,
            UsersCommand.class,
            ConfigCommand.class,
            LagExporterCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Commands that connect to Kafka take --bootstrap, --command-config FILE (security settings) and"
                + " --timeout SECONDS (default 10); precedence: command line > file > environment"
                + " (FINFLOW_BOOTSTRAP, FINFLOW_KAFKA_*) > default 127.0.0.1:9092 (see finflow config show).",
            "Exit codes: 0 success, 1 failure or problems found, 2 command-line mistake."
        })
public final class FinflowCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Show more: INFO logs and stack traces on errors.")
    boolean verbose;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A configured command line: error handler, exit codes, case-insensitive enums. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new FinflowCommand());
        cmd.setExecutionExceptionHandler(new ErrorHandler());
        cmd.setParameterExceptionHandler(new UsageErrorHandler());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setUsageHelpAutoWidth(true);
        return cmd;
    }
}
