package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemasCommandTest {

    private static final Path REPO_SCHEMAS = Path.of("..", "schemas");

    @Test
    void theRepositorysSchemasAreBackwardCompatible() {
        CliRun run = CliRun.run("schemas", "check", "--dir", REPO_SCHEMAS.toString());
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).startsWith("OK: ").contains("backward compatible");
    }

    @Test
    void anIncompatibleNewVersionIsReportedOneLinePerProblemWithExitCode1(@TempDir Path dir) throws IOException {
        copy(REPO_SCHEMAS, dir);
        String v1 = Files.readString(dir.resolve("user/v1.json"));
        // v2 makes a new field required and drops "suspended" from the type enum: old events break.
        String v2 = v1.replace("user/v1.json", "user/v2.json")
                .replaceFirst("\"required\"\\s*:\\s*\\[", "\"required\": [\"phone\", ")
                .replace("\"suspended\",", "");
        assertThat(v2).isNotEqualTo(v1);
        Files.writeString(dir.resolve("user/v2.json"), v2);
        Path index = dir.resolve("index.json");
        Files.writeString(index, Files.readString(index).replaceFirst("\"user\"\\s*:\\s*\\[1]", "\"user\": [1, 2]"));

        CliRun run = CliRun.run("schemas", "check", "--dir", dir.toString());
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.out().lines()).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(line -> assertThat(line).startsWith("user v1 -> v2"));
        assertThat(run.out()).contains("phone").contains("suspended");
        assertThat(run.err()).contains("incompatible change(s)");
    }

    @Test
    void aMissingFolderIsAUsageError() {
        CliRun run = CliRun.run("schemas", "check", "--dir", "no-such-folder");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("schemas folder no-such-folder does not exist");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
