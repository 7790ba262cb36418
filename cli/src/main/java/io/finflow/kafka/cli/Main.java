package io.finflow.kafka.cli;

import picocli.CommandLine;

/** Entry point of the {@code finflow} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        configureLogging(args);
        int exitCode = FinflowCommand.commandLine().execute(args);
        System.exit(exitCode);
    }

    /**
     * Points log4j at the CLI's own configuration before any logger exists (Kafka's test kit jar
     * ships a log4j2.yaml that would otherwise win); {@code --verbose} lowers the level and adds stack traces.
     */
    static void configureLogging(String[] args) {
        System.setProperty("log4j2.configurationFile", "classpath:finflow-log4j2.xml");
        for (String arg : args) {
            if (arg.equals("--verbose") || arg.equals("-v")) {
                System.setProperty("finflow.log.level", "INFO");
                System.setProperty("finflow.client.log.level", "INFO");
                System.setProperty("finflow.log.stacktrace", "full");
            }
        }
    }

    /** Exists only so tests can reference the class without running it. */
    static CommandLine newCommandLine() {
        return FinflowCommand.commandLine();
    }
}
