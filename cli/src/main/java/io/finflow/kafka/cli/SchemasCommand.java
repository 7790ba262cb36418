package io.finflow.kafka.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.finflow.kafka.schema.CompatibilityChecker;
import io.finflow.kafka.schema.Incompatibility;
import io.finflow.kafka.schema.SchemaRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code finflow schemas}: work with the FinFlow event schemas. */
@Command(name = "schemas",
        mixinStandardHelpOptions = true,
        description = "Check the FinFlow event schemas.",
        subcommands = SchemasCommand.Check.class)
final class SchemasCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code finflow schemas check}. */
    @Command(name = "check",
            mixinStandardHelpOptions = true,
            description = {
                "Check that every schema version is backward compatible with all earlier ones.",
                "",
                "A consumer on the newest version must read every older event (transitively: v1 -> v2, v1 -> v3,"
                        + " v2 -> v3, ...). Prints each incompatibility on one line and exits 1 if there is any."
                        + " The rules are in docs/schemas.md."
            })
    static final class Check implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--dir", paramLabel = "DIR",
                description = "Schemas folder (default: ./schemas when present, else the schemas bundled with finflow).")
        Path dir;

        @Override
        public Integer call() {
            Path folder = dir != null ? dir : (Files.isDirectory(Path.of("schemas")) ? Path.of("schemas") : null);
            if (dir != null && !Files.isDirectory(dir)) {
                throw new IllegalArgumentException("schemas folder " + dir + " does not exist");
            }
            SchemaRegistry registry = folder == null ? SchemaRegistry.fromClasspath() : SchemaRegistry.load(folder);
            List<Incompatibility> problems = new CompatibilityChecker().check(registry);
            String source = folder == null ? "bundled schemas" : folder.toString();
            int versions = registry.eventTypes().stream().mapToInt(t -> registry.versions(t).size()).sum();
            if (problems.isEmpty()) {
                spec.commandLine().getOut().printf("OK: %d event types, %d schema versions in %s are backward"
                        + " compatible%n", registry.eventTypes().size(), versions, source);
                return ExitCodes.OK;
            }
            problems.forEach(p -> spec.commandLine().getOut().println(p));
            spec.commandLine().getErr().printf("finflow: %d incompatible change(s) in %s%n", problems.size(), source);
            return ExitCodes.FAILURE;
        }
    }
}
