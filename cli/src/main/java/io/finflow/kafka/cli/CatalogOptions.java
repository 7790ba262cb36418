package io.finflow.kafka.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.schema.SchemaRegistry;
import picocli.CommandLine.Option;

/**
 * {@code --catalog FILE} and {@code --profile NAME}: which topic catalog a command works with. Without
 * {@code --catalog}, {@value #DEFAULT_FILE} in the current folder is used when it exists, else the catalog
 * bundled with FinFlow.
 */
public final class CatalogOptions {

    /** The catalog file looked for in the current folder. */
    public static final String DEFAULT_FILE = "config/topics.yaml";

    @Option(names = "--catalog", paramLabel = "FILE",
            description = "Topic catalog file (default: " + DEFAULT_FILE + " if present, else the bundled catalog).")
    Path file;

    @Option(names = "--profile", defaultValue = "dev", paramLabel = "PROFILE",
            description = "Catalog profile: dev or prod, which set replication (default: ${DEFAULT-VALUE}).")
    String profile = "dev";

    /**
     * The catalog resolved for the profile, checked against the bundled schemas: every topic's event type has a
     * schema and its key field is a required property of it (else every event to it would be refused).
     */
    public TopicCatalog catalog() {
        Path chosen = chosenFile();
        TopicCatalog catalog = chosen == null ? TopicCatalog.fromClasspath(profile) : TopicCatalog.load(chosen, profile);
        return catalog.requireSchemas(SchemaRegistry.fromClasspath());
    }

    /** Where the catalog comes from, for messages: a file path or "bundled catalog". */
    public String source() {
        Path chosen = chosenFile();
        return chosen == null ? "bundled catalog" : chosen.toString();
    }

    /** The profile name. */
    public String profile() {
        return profile;
    }

    private Path chosenFile() {
        if (file != null) {
            return file;
        }
        Path local = Path.of(DEFAULT_FILE);
        return Files.isRegularFile(local) ? local : null;
    }
}
