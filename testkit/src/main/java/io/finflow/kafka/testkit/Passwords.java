package io.finflow.kafka.testkit;

import java.security.SecureRandom;
import java.util.Base64;

/** Random passwords for generated users and key stores. Thread-safe. */
public final class Passwords {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BYTES = 24;

    private Passwords() {
    }

    /** A new 32-character password of letters, digits, '-' and '_': safe in JAAS and SCRAM arguments. */
    public static String random() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
