package io.finflow.kafka.ops.users;

import java.util.List;

/**
 * A user with SCRAM credentials on the cluster (never the password: Kafka keeps only salted hashes).
 *
 * @param name        the user name (principal {@code User:<name>})
 * @param credentials the mechanisms and iteration counts, e.g. {@code SCRAM-SHA-512 (4096 iterations)}
 */
public record ScramUser(String name, List<String> credentials) {

    /** Copies the list. */
    public ScramUser {
        credentials = List.copyOf(credentials);
    }
}
