package io.finflow.kafka.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import io.finflow.kafka.ops.acls.AclCatalog;
import picocli.CommandLine.Option;

/**
 * {@code --acls FILE}: which ACL catalog a command works with. Without it, {@value AclCatalog#DEFAULT_FILE}
 * in the current folder is used when it exists, else the one bundled with FinFlow.
 */
public final class AclsOptions {

    @Option(names = "--acls", paramLabel = "FILE",
            description = "ACL catalog file (default: " + AclCatalog.DEFAULT_FILE + " if present, else the bundled one).")
    Path file;

    /** The ACL catalog. */
    public AclCatalog acls() {
        if (file != null) {
            return AclCatalog.load(file);
        }
        Path local = Path.of(AclCatalog.DEFAULT_FILE);
        return Files.isRegularFile(local) ? AclCatalog.load(local) : AclCatalog.fromClasspath();
    }
}
