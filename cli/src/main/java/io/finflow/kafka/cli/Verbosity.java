package io.finflow.kafka.cli;

import picocli.CommandLine.Model.CommandSpec;

/** Whether {@code --verbose} was given anywhere on the command line. */
final class Verbosity {

    private Verbosity() {
    }

    static boolean isVerbose(CommandSpec spec) {
        var parsed = spec.root().commandLine().getParseResult();
        if (parsed == null) {
            return false;
        }
        return parsed.expandedArgs().contains("--verbose") || parsed.expandedArgs().contains("-v");
    }
}
