package io.finflow.kafka.cli;

/** Exit codes of every {@code finflow} command. */
public final class ExitCodes {

    /** Success: everything asked for was done, every check passed. */
    public static final int OK = 0;
    /** The command ran but failed, or found problems (doctor, schemas check, a refused plan). */
    public static final int FAILURE = 1;
    /** The command line was wrong: unknown option, missing or invalid value. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
