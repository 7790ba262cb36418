package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.finflow.kafka.testkit.SecuredKafka;
import io.finflow.kafka.testkit.SecuredKafkaExtension;
import io.finflow.kafka.testkit.TestNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code finflow users add|list|remove} as an operator runs them (the packaged CLI, the password piped on
 * standard input or in a file), checked by logging in with plain Kafka clients.
 */
@ExtendWith(SecuredKafkaExtension.class)
class UsersCommandIT {

    private static final Duration RUN = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void addListRemoveRoundTripWithThePasswordOnStdinOrInAFile(SecuredKafka kafka, TestNames names) throws Exception {
        Path admin = new Secured(kafka, dir).clientFile("admin", kafka.clientProperties());
        String user = "svc-" + Integer.toHexString(names.group().hashCode());
        String password = "first-Passw0rd-" + user;

        CliRun add = ChildCli.runToEnd(RUN, password + "\n", Map.of(), "users", "add", user, "--command-config",
                admin.toString());
        assertThat(add.exitCode()).as(add.describe()).isZero();
        assertThat(add.out()).contains("User '" + user + "' has a new SCRAM-SHA-512 password");
        assertThat(add.out() + add.err()).doesNotContain(password);
        assertThat(canLogIn(kafka, user, password)).isTrue();

        CliRun list = CliRun.run("users", "list", "--command-config", admin.toString());
        assertThat(list.exitCode()).as(list.describe()).isZero();
        assertThat(list.out()).containsPattern(user + "\\s+SCRAM-SHA-512 \\(4096 iterations\\)")
                .containsPattern("admin\\s+SCRAM-SHA-512").doesNotContain(password);

        String second = "second-Passw0rd-" + user;
        Path file = Files.writeString(dir.resolve("password.txt"), second + "\n");
        CliRun change = CliRun.run("users", "add", user, "--password-file", file.toString(),
                "--command-config", admin.toString());
        assertThat(change.exitCode()).as(change.describe()).isZero();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> canLogIn(kafka, user, second));
        assertThat(canLogIn(kafka, user, password)).as("the old password no longer works").isFalse();

        CliRun remove = CliRun.run("users", "remove", user, "--command-config", admin.toString());
        assertThat(remove.exitCode()).as(remove.describe()).isZero();
        assertThat(remove.out()).contains("User '" + user + "' removed");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !canLogIn(kafka, user, second));
        CliRun after = CliRun.run("users", "list", "--command-config", admin.toString());
        assertThat(after.out()).as(after.describe()).doesNotContain(user);

        CliRun again = CliRun.run("users", "remove", user, "--command-config", admin.toString());
        assertThat(again.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(again.err()).contains("user '" + user + "' does not exist");
    }

    @Test
    void aPasswordIsNeverTakenFromTheCommandLineNorEchoed(SecuredKafka kafka) throws Exception {
        Path admin = new Secured(kafka, dir).clientFile("admin", kafka.clientProperties());
        CliRun extra = CliRun.run("users", "add", "bob", "hunter2-secret", "--command-config", admin.toString());
        assertThat(extra.exitCode()).as(extra.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(extra.err()).contains("never as an argument").doesNotContain("hunter2-secret");

        CliRun option = CliRun.run("users", "add", "bob", "--password", "hunter2-secret");
        assertThat(option.exitCode()).as(option.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(option.err()).contains("the password is read from standard input or --password-file")
                .doesNotContain("hunter2-secret");

        CliRun help = CliRun.run("users", "add", "--help");
        assertThat(help.out()).contains("--password-file").doesNotContainPattern("--password[ =]");

        CliRun empty = ChildCli.runToEnd(RUN, "\n", Map.of(), "users", "add", "bob", "--command-config",
                admin.toString());
        assertThat(empty.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(empty.err()).contains("the password of user 'bob' is empty");
    }

    private static boolean canLogIn(SecuredKafka kafka, String user, String password) throws Exception {
        Map<String, Object> props = kafka.clientPropertiesFor(user, password);
        props.put("request.timeout.ms", 10_000);
        props.put("default.api.timeout.ms", 10_000);
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().nodes().get(15, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SaslAuthenticationException) {
                return false;
            }
            throw e;
        }
    }
}
