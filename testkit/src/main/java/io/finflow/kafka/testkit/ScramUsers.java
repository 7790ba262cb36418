package io.finflow.kafka.testkit;

import java.util.regex.Pattern;

/** SCRAM-SHA-512 user names and passwords as the broker's formatter, Admin and JAAS expect them. */
final class ScramUsers {

    static final String MECHANISM = "SCRAM-SHA-512";
    /** Kafka's default and the minimum for SCRAM-SHA-512. */
    static final int ITERATIONS = 4096;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** No ',' (splits formatter arguments), '"' or '\' (JAAS quoting) and no white space. */
    private static final Pattern PASSWORD = Pattern.compile("[^,\"\\\\\\s]{1,128}");

    private ScramUsers() {
    }

    /**
     * Rejects names and passwords that would not survive the formatter's argument syntax or a JAAS
     * line, naming the bad value (never the password itself).
     */
    static void validate(String name, String password) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("user name must be 1-64 letters, digits, '.', '_' or '-', was '"
                    + name + "'");
        }
        if (password == null || !PASSWORD.matcher(password).matches()) {
            throw new IllegalArgumentException("password of user '" + name + "' must be 1-128 characters"
                    + " without ',', '\"', '\\' or white space");
        }
    }

    /** The {@code kafka-storage format --add-scram} argument that bootstraps this user. */
    static String formatterArgument(String name, String password) {
        return MECHANISM + "=[name=" + name + ",password=" + password + "]";
    }

    /** A {@code sasl.jaas.config} value that logs in as this user. */
    static String jaasConfig(String name, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + name
                + "\" password=\"" + password + "\";";
    }
}
