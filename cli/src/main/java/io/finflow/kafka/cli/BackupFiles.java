package io.finflow.kafka.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Default names of offset reset backups. */
final class BackupFiles {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private BackupFiles() {
    }

    /**
     * {@code offsets-backup-<group>-<UTC timestamp>.csv} in {@code dir}; characters of the group that do not
     * belong in a file name become {@code _}.
     */
    static Path defaultFor(Path dir, String group, Instant now) {
        String safe = group.replaceAll("[^A-Za-z0-9._-]", "_");
        return dir.resolve("offsets-backup-" + safe + "-" + STAMP.format(now) + ".csv");
    }
}
