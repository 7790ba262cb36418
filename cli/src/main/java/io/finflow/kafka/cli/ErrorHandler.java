package io.finflow.kafka.cli;

import java.io.PrintWriter;
import java.util.concurrent.ExecutionException;

import io.finflow.kafka.ops.OpsException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns any failure of a command into one line on stderr and a non-zero exit code. The stack
 * trace is printed only with {@code --verbose}.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        err.println("finflow: error: " + describe(ex));
        if (parseResult.expandedArgs().contains("--verbose") || parseResult.expandedArgs().contains("-v")) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ex instanceof IllegalArgumentException ? ExitCodes.USAGE : ExitCodes.FAILURE;
    }

    /** A one-line explanation, with what to do where we know it. */
    static String describe(Throwable ex) {
        Throwable cause = ex;
        while ((cause instanceof ExecutionException || cause instanceof java.util.concurrent.CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : firstLine(cause.getMessage());
        if (cause instanceof KafkaException && message.startsWith("Failed to ") && cause.getCause() != null) {
            // "Failed to create new KafkaAdminClient" says nothing: the reason is the root cause (a JAAS or SSL
            // setting of --command-config, a config provider that cannot read its file).
            message = message + ": " + reasons(cause);
        }
        if (cause instanceof OpsException) {
            // the ops services already name the resource and the Kafka error; add what to do for security errors
            Throwable root = kafkaCause(cause);
            if (root instanceof AuthenticationException) {
                return message + "; check the credentials in --command-config";
            }
            if (root instanceof AuthorizationException) {
                return message + "; the user needs an ACL for this operation";
            }
            return message;
        }
        if (cause instanceof TimeoutException) {
            return "Kafka did not answer in time (" + message + "); check --bootstrap and that the cluster is up"
                    + " (try `finflow doctor`)";
        }
        if (cause instanceof AuthenticationException) {
            return "authentication failed (" + message + "); check the credentials in --command-config";
        }
        if (cause instanceof AuthorizationException) {
            return "not authorized (" + message + "); the user needs an ACL for this operation";
        }
        return message;
    }

    /** The causes below a generic "Failed to create ..." wrapper, each said once, e.g. which file is missing. */
    private static String reasons(Throwable top) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (Throwable c = top.getCause(); c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage();
            if (m == null || m.startsWith("Failed to create new ") || m.startsWith("Failed to construct ")) {
                continue;
            }
            if (c instanceof java.nio.file.NoSuchFileException) {
                m = m + " does not exist";
            } else if (c instanceof java.nio.file.AccessDeniedException) {
                m = m + " cannot be read (permission denied)";
            }
            m = firstLine(m);
            if (parts.isEmpty() || !parts.get(parts.size() - 1).contains(m)) {
                parts.add(m);
            }
        }
        return parts.isEmpty() ? top.getCause().getClass().getSimpleName() : String.join(": ", parts);
    }

    private static Throwable kafkaCause(Throwable t) {
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c instanceof AuthenticationException || c instanceof AuthorizationException) {
                return c;
            }
        }
        return null;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
