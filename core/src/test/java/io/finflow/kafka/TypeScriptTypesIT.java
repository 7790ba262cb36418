package io.finflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TypeScript types committed under interop/kafkajs/types (and catalog.json) are exactly what the JSON
 * Schemas and config/topics.yaml generate, and they compile: a schema change cannot leave TypeScript services
 * behind. An integration test because it runs node and the fixture's npm packages, which tools/test-tools.sh
 * installs before the integration tests.
 */
class TypeScriptTypesIT {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void committedTypesAreWhatTheSchemasGenerate() throws Exception {
        Run run = node("generate-types.js", "--check");
        assertThat(run.exitCode()).as("types out of date? %s", run).isZero();
        assertThat(run.out()).contains("TypeScript types up to date");
    }

    @Test
    void typesAndTheClientModuleCompileAndRejectAWrongEventForATopic() throws Exception {
        // typecheck/example.ts also holds @ts-expect-error lines: a user event sent to transaction-events, a
        // numeric amount, a misspelled field and an unknown status must each fail to compile, or tsc fails.
        Run run = node("node_modules/typescript/bin/tsc", "-p", "tsconfig.json");
        assertThat(run.exitCode()).as("tsc: %s", run).isZero();
    }

    @Test
    void aSchemaChangeWithoutRegeneratedTypesFailsTheCheck(@TempDir Path root) throws Exception {
        copy(REPO.resolve("schemas"), root.resolve("schemas"));
        Files.createDirectories(root.resolve("config"));
        Files.copy(REPO.resolve("config/topics.yaml"), root.resolve("config/topics.yaml"));
        Path userSchema = root.resolve("schemas/user/v1.json");
        Files.writeString(userSchema, Files.readString(userSchema)
                .replace("\"reason\": {", "\"nickname\": {\"type\": \"string\"},\n    \"reason\": {"));

        Run run = node("generate-types.js", "--check", "--root", root.toString());

        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        assertThat(run.err()).contains("types/user.d.ts: differs from the schemas")
                .contains("nickname?: string;")
                .contains("npm run generate");
        assertThat(run.err()).doesNotContain("types/transaction.d.ts");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    private static Run node(String script, String... args) throws IOException, InterruptedException {
        KafkajsPeer.assertFixtureInstalled();
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("node", ".out");
        Path err = Files.createTempFile("node", ".err");
        try {
            Process p = new ProcessBuilder(command).directory(KafkajsPeer.FIXTURE.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("node %s finished", script).isTrue();
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout: " + out + "\nstderr: " + err;
        }
    }
}
