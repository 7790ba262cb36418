package io.finflow.kafka.ops.users;

import static io.finflow.kafka.ops.internal.KafkaCalls.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.finflow.kafka.ops.OpsException;
import io.finflow.kafka.ops.internal.KafkaCalls;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;
import org.apache.kafka.common.errors.ResourceNotFoundException;

/**
 * SCRAM-SHA-512 users through the Admin API ({@code alterUserScramCredentials},
 * {@code describeUserScramCredentials}): the users that log in over SASL_SSL. Passwords are taken as
 * {@code char[]}-like strings from the caller, sent only to Kafka (which stores a salted hash), and
 * never appear in an exception message. Each change returns once the brokers serve it.
 *
 * <pre>{@code
 * ScramUserService users = new ScramUserService(admin, Duration.ofSeconds(10));
 * users.upsert("accounting-service", passwordReadFromStdin);
 * }</pre>
 *
 * Needs an admin (ALTER and DESCRIBE on the cluster). Does not close the {@code Admin}.
 */
public final class ScramUserService {

    /** The only mechanism FinFlow uses. */
    public static final ScramMechanism MECHANISM = ScramMechanism.SCRAM_SHA_512;
    /** Kafka's default and the minimum for SCRAM-SHA-512. */
    public static final int DEFAULT_ITERATIONS = 4096;
    /** Longest password accepted. */
    public static final int MAX_PASSWORD_LENGTH = 1024;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final long POLL_MS = 100;

    private final Admin admin;
    private final Duration timeout;

    /** A service whose calls may take {@code timeout} each. */
    public ScramUserService(Admin admin, Duration timeout) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.timeout = KafkaCalls.requirePositive(timeout);
    }

    /**
     * Creates the user, or sets a new password, and waits until the brokers list it.
     *
     * @throws IllegalArgumentException for a bad name or password (the message never holds the password)
     * @throws OpsException             when Kafka refuses the change
     */
    public void upsert(String name, String password) {
        requireName(name);
        requirePassword(name, password);
        UserScramCredentialUpsertion upsertion = new UserScramCredentialUpsertion(name,
                new ScramCredentialInfo(MECHANISM, DEFAULT_ITERATIONS), password);
        await(admin.alterUserScramCredentials(List.of(upsertion)).all(), timeout,
                "set the SCRAM credential of user '" + name + "'");
        awaitListing("user '" + name + "' to be listed", users -> users.stream().anyMatch(u -> u.name().equals(name)));
    }

    /**
     * Deletes the user's SCRAM-SHA-512 credential and waits until the brokers no longer list it. Its ACLs stay.
     *
     * @throws OpsException "user 'x' does not exist" when there is no such user
     */
    public void remove(String name) {
        requireName(name);
        try {
            await(admin.alterUserScramCredentials(List.of(new UserScramCredentialDeletion(name, MECHANISM))).all(),
                    timeout, "delete the SCRAM credential of user '" + name + "'");
        } catch (OpsException e) {
            if (e.getCause() instanceof ResourceNotFoundException) {
                throw new OpsException("user '" + name + "' does not exist (no " + MECHANISM.mechanismName()
                        + " credential); finflow users list shows the users", e.getCause());
            }
            throw e;
        }
        awaitListing("user '" + name + "' to be gone", users -> users.stream().noneMatch(u -> u.name().equals(name)));
    }

    /** Every user with a SCRAM credential, sorted by name. */
    public List<ScramUser> list() {
        Map<String, UserScramCredentialsDescription> described = await(admin.describeUserScramCredentials().all(),
                timeout, "list the SCRAM users");
        List<ScramUser> users = new ArrayList<>();
        described.forEach((name, d) -> users.add(new ScramUser(name, d.credentialInfos().stream()
                .map(i -> i.mechanism().mechanismName() + " (" + i.iterations() + " iterations)").sorted().toList())));
        users.sort(Comparator.comparing(ScramUser::name));
        return users;
    }

    /** Rejects names Kafka or a JAAS line would mangle, naming the value. */
    public static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("user name must be 1-64 letters, digits, '.', '_' or '-', was '"
                    + name + "'");
        }
    }

    /** Rejects empty, over-long or multi-line passwords, without ever echoing the password. */
    public static void requirePassword(String name, String password) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the password of user '" + name + "' is empty");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("the password of user '" + name + "' is longer than "
                    + MAX_PASSWORD_LENGTH + " characters");
        }
        if (password.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0)) {
            throw new IllegalArgumentException("the password of user '" + name + "' spans several lines: give one"
                    + " line");
        }
    }

    private void awaitListing(String what, Predicate<List<ScramUser>> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(list())) {
            if (System.nanoTime() > deadline) {
                throw new OpsException("Kafka accepted the change but did not show " + what + " within "
                        + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OpsException("interrupted while waiting for " + what, e);
            }
        }
    }
}
