package io.finflow.kafka.cli;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged {@code finflow} CLI ({@code target/finflow-cli.jar}) running as a child process, as a user
 * runs it. Both streams go to files so they can be read after the process is stopped (a destroyed
 * process's pipes are closed).
 */
final class ChildCli implements AutoCloseable {

    static final Path JAR = Path.of("target", "finflow-cli.jar");

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ChildCli(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code java -jar finflow-cli.jar ARGS}. */
    static ChildCli start(String... args) throws IOException {
        return start(java.util.Map.of(), List.of(), args);
    }

    /** Starts {@code java JVM_OPTIONS -jar finflow-cli.jar ARGS}. */
    static ChildCli start(List<String> jvmOptions, String... args) throws IOException {
        return start(java.util.Map.of(), jvmOptions, args);
    }

    /** Starts {@code java -jar finflow-cli.jar ARGS} with these extra environment variables. */
    static ChildCli start(java.util.Map<String, String> env, String... args) throws IOException {
        return start(env, List.of(), args);
    }

    /** Starts {@code java JVM_OPTIONS -jar finflow-cli.jar ARGS} with these extra environment variables. */
    static ChildCli start(java.util.Map<String, String> env, List<String> jvmOptions, String... args)
            throws IOException {
        if (!Files.exists(JAR)) {
            throw new AssertionError("the CLI jar is built by the package phase: " + JAR.toAbsolutePath());
        }
        Path out = Files.createTempFile("finflow-cli", ".out");
        Path err = Files.createTempFile("finflow-cli", ".err");
        List<String> command = new ArrayList<>(List.of(javaBin()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        return new ChildCli(builder.start(), out, err);
    }

    /**
     * Runs the CLI to its end with {@code stdin} as standard input and extra environment variables, and
     * returns what it printed.
     */
    static CliRun runToEnd(Duration timeout, String stdin, java.util.Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        try (ChildCli cli = start(env, args)) {
            try (java.io.OutputStream in = cli.process.getOutputStream()) {
                in.write(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            if (!cli.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("finflow " + String.join(" ", args) + " still running after "
                        + timeout.toSeconds() + " s\n" + cli.describe());
            }
            return new CliRun(cli.process.exitValue(), cli.stdout(), cli.stderr());
        }
    }

    /** True while the process runs. */
    boolean isAlive() {
        return process.isAlive();
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Waits until stdout holds {@code text}; fails early, with both streams, if the process exits. */
    void awaitStdout(String text, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive() && !stdout().contains(text)) {
                throw new AssertionError("exited with " + process.exitValue() + " before printing '" + text + "'\n"
                        + describe());
            }
            return stdout().contains(text);
        });
    }

    /** Sends SIGTERM and waits for the exit; returns the exit code. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running " + timeout.toSeconds() + " s after SIGTERM\n" + describe());
        }
        return process.exitValue();
    }

    /** Sends SIGKILL: the process ends at once, without shutdown hooks or a last commit. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("still running 30 s after SIGKILL\n" + describe());
        }
    }

    /** Waits for the process to exit by itself; returns the exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout.toSeconds() + " s\n" + describe()
                    + "--- threads ---\n" + threadDump());
        }
        return process.exitValue();
    }

    /** The child's threads, from the JDK's jcmd, to show where a process that should have stopped waits. */
    String threadDump() {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(process.pid()), "Thread.print").redirectErrorStream(true).start();
            String dump = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            jcmd.waitFor(30, TimeUnit.SECONDS);
            return dump;
        } catch (IOException e) {
            return "(no thread dump: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(no thread dump: interrupted)";
        }
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    /** Both streams, for assertion messages. */
    String describe() {
        return "--- stdout ---\n" + stdout() + "--- stderr ---\n" + stderr();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
    }
}
