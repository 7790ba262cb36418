package io.finflow.kafka.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.finflow.kafka.ops.OpsException;
import io.finflow.kafka.ops.diagnosis.AccessAdvisor;
import io.finflow.kafka.ops.diagnosis.ClientContext;
import io.finflow.kafka.ops.diagnosis.ConnectionDiagnoser;
import io.finflow.kafka.ops.diagnosis.ConnectionProblemException;
import io.finflow.kafka.ops.diagnosis.SecretScrubber;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.errors.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * Turns any failure of a command into one line on stderr and a non-zero exit code. Kafka's security
 * failures become what is missing and the command that fixes it ({@link AccessAdvisor},
 * {@link ConnectionDiagnoser}); a Kafka timeout is diagnosed (refused, unknown host, TLS, SASL, ...).
 * The stack trace is printed only with {@code --verbose}. Everything printed is scrubbed of the command's
 * client secrets ({@link SecretScrubber}).
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        ClientOptions client = clientOptions(commandLine.getCommandSpec());
        ClientContext context = contextOf(client);
        SecretScrubber scrubber = context == null ? SecretScrubber.NONE : context.scrubber();
        err.println("finflow: error: " + scrubber.scrub(describe(ex, client, context)));
        if (parseResult.expandedArgs().contains("--verbose") || parseResult.expandedArgs().contains("-v")) {
            StringWriter trace = new StringWriter();
            ex.printStackTrace(new PrintWriter(trace));
            err.print(scrubber.scrub(trace.toString()));
        }
        err.flush();
        return ex instanceof IllegalArgumentException ? ExitCodes.USAGE : ExitCodes.FAILURE;
    }

    /** A one-line explanation, with what to do where we know it; no client context: generic advice. */
    static String describe(Throwable ex) {
        return describe(ex, null, null);
    }

    static String describe(Throwable ex, ClientOptions client, ClientContext context) {
        Throwable cause = unwrap(ex);
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : firstLine(cause.getMessage());
        if (cause instanceof KafkaException && message.startsWith("Failed to ") && cause.getCause() != null) {
            // "Failed to create new KafkaAdminClient" says nothing: the reason is the root cause (a JAAS or SSL
            // setting of --command-config, a config provider that cannot read its file).
            message = message + ": " + reasons(cause);
        }
        if (cause instanceof ConnectionProblemException) {
            return message;
        }
        boolean security = AccessAdvisor.isSecurityFailure(cause);
        if (context != null && security) {
            String explanation = isAuthorization(cause)
                    ? AccessAdvisor.explain(cause, context).orElse(message)
                    : new ConnectionDiagnoser(context, client.timeout()).explain(cause).message();
            return what(cause).map(w -> w + ": " + explanation).orElse(explanation);
        }
        if (context != null && isTimeout(cause)) {
            // Kafka only says it timed out: find out why now, within --timeout
            return new ConnectionDiagnoser(context, client.timeout()).diagnose()
                    .map(p -> what(cause).map(w -> w + ": ").orElse("") + p.message())
                    .orElse(message + " (the cluster answers now: run the command again)");
        }
        if (cause instanceof OpsException || cause instanceof io.finflow.kafka.FinFlowException) {
            if (security) {
                return message + (isAuthorization(cause) ? "; the user needs an ACL for this operation"
                        : "; check the credentials in --command-config");
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

    /** "could not list topics" from "could not list topics: CAUSE", for prefixing an explanation. */
    private static java.util.Optional<String> what(Throwable cause) {
        String m = cause.getMessage();
        if (!(cause instanceof OpsException) || m == null) {
            return java.util.Optional.empty();
        }
        int first = m.indexOf("; first: ");
        if (first > 0) {
            return java.util.Optional.of(m.substring(0, first));
        }
        int colon = m.indexOf(": ");
        return m.startsWith("could not ") && colon > 0 ? java.util.Optional.of(m.substring(0, colon))
                : java.util.Optional.empty();
    }

    private static boolean isAuthorization(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof AuthorizationException || c instanceof SecurityDisabledException) {
                return true;
            }
            if (c instanceof AuthenticationException) {
                return false;
            }
        }
        return false;
    }

    private static boolean isTimeout(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof TimeoutException || c instanceof java.util.concurrent.TimeoutException
                    || c instanceof io.finflow.kafka.producer.DeliveryTimeoutException) {
                return true;
            }
        }
        String m = String.valueOf(t.getMessage());
        return m.contains("no answer from Kafka");
    }

    private static Throwable unwrap(Throwable ex) {
        Throwable cause = ex;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The command's {@link ClientOptions} mixin, if it has one. */
    static ClientOptions clientOptions(CommandSpec spec) {
        for (CommandSpec mixin : spec.mixins().values()) {
            if (mixin.userObject() instanceof ClientOptions options) {
                return options;
            }
        }
        return null;
    }

    private static ClientContext contextOf(ClientOptions client) {
        if (client == null) {
            return null;
        }
        try {
            client.timeout();
            return client.context();
        } catch (RuntimeException badOptions) {
            return null; // the options themselves are what failed; describe() says so
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
