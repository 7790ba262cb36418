package io.finflow.kafka.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code finflow topics}: topics as code (plan, apply) and topic inspection (list, describe). */
@Command(name = "topics",
        header = "Topics as code: plan and apply the catalog, list and describe topics.",
        mixinStandardHelpOptions = true,
        description = {
            "Topics as code: compare the topic catalog with the cluster (plan), converge it (apply), and"
                + " look at the cluster's topics (list, describe)."
        },
        subcommands = {
            TopicsPlanCommand.class,
            TopicsApplyCommand.class,
            TopicsListCommand.class,
            TopicsDescribeCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Examples:",
            "  finflow topics plan --profile prod --command-config prod.properties",
            "  finflow topics apply --profile dev",
            "  finflow topics describe transaction-events"
        })
final class TopicsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
