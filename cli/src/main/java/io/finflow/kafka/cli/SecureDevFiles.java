package io.finflow.kafka.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

import io.finflow.kafka.testkit.SecuredKafka;

/**
 * The files {@code finflow dev --secure} writes for a developer: {@code DIR/client.properties} (the admin's
 * credentials, for {@code --command-config} and Java clients), {@code DIR/clients/<user>.properties} (one per
 * user of the ACL catalog) and {@code DIR/ca.pem} (the CA, for non-Java clients such as kcat and kafkajs).
 *
 * <p>These files hold passwords in clear, which committed configs never do: kcat and kafkajs cannot read
 * Kafka's config providers. They are created with mode 0600 (the folder, when created here, 0700), hold
 * nothing but a local throw-away broker's credentials, and say so in their first lines.
 */
final class SecureDevFiles {

    static final String ADMIN_FILE = "client.properties";
    static final String CA_FILE = "ca.pem";
    static final String CLIENTS_DIR = "clients";

    /**
     * What was written.
     *
     * @param dir     the folder
     * @param admin   the admin's client properties
     * @param ca      the CA certificate
     * @param clients each user's client properties, in ACL catalog order
     */
    record Written(Path dir, Path admin, Path ca, Map<String, Path> clients) {
    }

    private SecureDevFiles() {
    }

    /** Writes every file; {@code passwords} are the users' (the admin's comes from {@code kafka}). */
    static Written write(Path dir, SecuredKafka kafka, Map<String, String> passwords) {
        try {
            Path root = dir.toAbsolutePath().normalize();
            createPrivateDir(root);
            Path clients = root.resolve(CLIENTS_DIR);
            createPrivateDir(clients);
            Path ca = root.resolve(CA_FILE);
            writePrivate(ca, Files.readString(kafka.caPemPath()));
            Path admin = root.resolve(ADMIN_FILE);
            writePrivate(admin, properties(kafka, ca, SecuredKafka.ADMIN_USER + " (super user)",
                    kafka.clientProperties().get("sasl.jaas.config").toString()));
            Map<String, Path> written = new LinkedHashMap<>();
            for (Map.Entry<String, String> user : passwords.entrySet()) {
                Path file = clients.resolve(user.getKey() + ".properties");
                String jaas = kafka.clientPropertiesFor(user.getKey(), user.getValue()).get("sasl.jaas.config").toString();
                writePrivate(file, properties(kafka, ca, user.getKey(), jaas));
                written.put(user.getKey(), file);
            }
            return new Written(root, admin, ca, written);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the client files to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String properties(SecuredKafka kafka, Path ca, String who, String jaas) {
        return "# Written by finflow dev --secure: credentials of user " + who + " for the local broker at "
                + kafka.bootstrapServers() + ".\n"
                + "# Local development only: this file holds a password in clear (mode 0600); never commit it.\n"
                + "# Shared and committed configs reference secrets through config providers instead"
                + " (config/clients/prod.properties).\n"
                + "bootstrap.servers=" + escape(kafka.bootstrapServers()) + "\n"
                + "security.protocol=SASL_SSL\n"
                + "sasl.mechanism=" + SecuredKafka.SASL_MECHANISM + "\n"
                + "sasl.jaas.config=" + escape(jaas) + "\n"
                + "ssl.truststore.type=PEM\n"
                + "ssl.truststore.location=" + escape(ca.toString()) + "\n";
    }

    /** A properties-file value: backslashes doubled (nothing else in these values needs escaping). */
    private static String escape(String value) {
        return value.replace("\\", "\\\\");
    }

    private static void createPrivateDir(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(dir);
        }
    }

    /** Writes a file readable by its owner only: created 0600 before any byte is written. */
    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException raced) {
            throw new IOException(file + " was created by someone else while writing it", raced);
        }
        Files.writeString(file, content);
    }
}
