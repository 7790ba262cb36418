package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an outside tool that tools/test-tools.sh installs (promtool, docker-compose, prometheus). */
final class Tools {

    /** What a tool printed and how it ended. */
    record Result(int exitCode, String output) {
    }

    private Tools() {
    }

    /** Runs {@code command} in {@code dir}, both streams together; a missing tool fails the test with the fix. */
    static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " is needed for this test; tools/test-tools.sh installs it before"
                    + " the integration tests (Debian package: " + (command.get(0).equals("docker-compose")
                    ? "docker-compose" : "prometheus") + ")", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command) + " finished").isTrue();
        return new Result(p.exitValue(), out);
    }
}
