package io.finflow.kafka.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * A command-line mistake: one line saying what is wrong, one line saying where help is. For commands that
 * read a secret ({@code users add}) the arguments are not echoed.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        if (cmd.getCommandSpec().userObject() instanceof UsersAddCommand) {
            // never echo what was typed: it may be a password given as an argument by mistake
            err.println("finflow: users add takes NAME and options only; the password is read from standard input or"
                    + " --password-file (the arguments are not shown: one may be a password)");
        } else {
            err.println("finflow: " + ex.getMessage());
        }
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }
}
