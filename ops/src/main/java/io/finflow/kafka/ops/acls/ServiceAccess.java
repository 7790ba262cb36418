package io.finflow.kafka.ops.acls;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one FinFlow service may do, as declared in {@code config/acls.yaml}.
 *
 * @param user                  the user name: SCRAM user, or client certificate CN (principal {@code User:<user>})
 * @param description           what the service is, for people
 * @param produces              topics it writes: WRITE and DESCRIBE
 * @param consumes              topics it reads: READ and DESCRIBE
 * @param groups                consumer groups it joins: READ; with groups, WRITE and DESCRIBE on the dead letter
 *                              topic of every consumed topic (FinFlow consumers dead-letter)
 * @param idempotent            its producers are idempotent (every FinFlow producer is): IDEMPOTENT_WRITE on the cluster
 * @param transactionalIdPrefix prefix of its transactional ids (exactly-once), or null: WRITE and DESCRIBE on
 *                              every transactional id starting with it
 */
public record ServiceAccess(String user, String description, List<String> produces, List<String> consumes,
                            List<String> groups, boolean idempotent, String transactionalIdPrefix) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern RESOURCE = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    /** Validates names, naming the bad value. */
    public ServiceAccess {
        if (user == null || !NAME.matcher(user).matches()) {
            throw new IllegalArgumentException("user name must be 1-64 letters, digits, '.', '_' or '-', was '"
                    + user + "'");
        }
        description = description == null ? "" : description;
        produces = List.copyOf(Objects.requireNonNullElse(produces, List.of()));
        consumes = List.copyOf(Objects.requireNonNullElse(consumes, List.of()));
        groups = List.copyOf(Objects.requireNonNullElse(groups, List.of()));
        for (List<String> names : List.of(produces, consumes, groups)) {
            for (String n : names) {
                if (n == null || !RESOURCE.matcher(n).matches()) {
                    throw new IllegalArgumentException("user '" + user + "': topic or group name '" + n
                            + "' must be 1-249 letters, digits, '.', '_' or '-'");
                }
            }
        }
        if (transactionalIdPrefix != null && !RESOURCE.matcher(transactionalIdPrefix).matches()) {
            throw new IllegalArgumentException("user '" + user + "': transactionalIdPrefix must be 1-249 letters,"
                    + " digits, '.', '_' or '-', was '" + transactionalIdPrefix + "'");
        }
    }

    /** The Kafka principal, {@code User:<user>}. */
    public String principal() {
        return "User:" + user;
    }
}
