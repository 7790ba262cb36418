package io.finflow.kafka.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.finflow.kafka.ops.users.ScramUserService;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code finflow users add NAME}: create a SCRAM user or change its password. */
@Command(name = "add",
        header = "Create a SCRAM user, or set a new password.",
        mixinStandardHelpOptions = true,
        description = {
            "Create a SCRAM-SHA-512 user (4096 iterations), or set a new password for an",
            "existing one. The password is the first line of standard input, or of",
            "--password-file; it is never taken as an argument. Returns once the",
            "brokers list the user. Grant its ACLs with finflow acls apply."
        },
        footer = {
            "",
            "Examples:",
            "  finflow users add accounting-service --password-file secret.txt \\",
            "      --command-config admin.properties",
            "  printf '%s\\n' \"$PASSWORD\" | finflow users add accounting-service \\",
            "      --command-config admin.properties"
        })
final class UsersAddCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "NAME", description = "The user name (principal User:NAME).")
    String name;

    /** Catches a password typed as an argument, to refuse it without echoing it. */
    @Parameters(index = "1..*", hidden = true)
    List<String> extra;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the password from the first line of FILE (default: standard input).")
    Path passwordFile;

    @Override
    public Integer call() throws IOException {
        if (extra != null && !extra.isEmpty()) {
            throw new IllegalArgumentException("users add takes only NAME: give the password on standard input or"
                    + " with --password-file, never as an argument (shell history and ps would keep it); the extra"
                    + " argument was not used nor shown");
        }
        ScramUserService.requireName(name);
        String password = readPassword();
        ScramUserService.requirePassword(name, password);
        try (Admin admin = KafkaClients.admin(client)) {
            new ScramUserService(admin, client.timeout()).upsert(name, password);
        }
        spec.commandLine().getOut().println("User '" + name + "' has a new SCRAM-SHA-512 password (principal User:"
                + name + "). Its ACLs: finflow acls plan.");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private String readPassword() throws IOException {
        byte[] bytes;
        if (passwordFile != null) {
            try {
                bytes = Files.readAllBytes(passwordFile);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("password file " + passwordFile + " does not exist", e);
            }
        } else {
            if (System.console() != null) {
                char[] typed = System.console().readPassword("Password for user '%s': ", name);
                return typed == null ? "" : new String(typed);
            }
            bytes = readLimited(System.in);
        }
        return firstLine(new String(bytes, StandardCharsets.UTF_8));
    }

    /** The first line without its line break; the rest of the input must be empty. */
    static String firstLine(String text) {
        int nl = text.indexOf('\n');
        String line = nl < 0 ? text : text.substring(0, nl);
        String rest = nl < 0 ? "" : text.substring(nl + 1);
        if (!rest.isBlank()) {
            throw new IllegalArgumentException("the password input has more than one line: give the password alone");
        }
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static byte[] readLimited(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
            if (out.size() > 4 * ScramUserService.MAX_PASSWORD_LENGTH) {
                throw new IllegalArgumentException("the password input is longer than "
                        + ScramUserService.MAX_PASSWORD_LENGTH + " characters");
            }
        }
        return out.toByteArray();
    }
}
