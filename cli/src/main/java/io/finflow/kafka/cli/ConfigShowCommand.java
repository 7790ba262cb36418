package io.finflow.kafka.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.ops.diagnosis.ClientContext;
import io.finflow.kafka.ops.diagnosis.ResolvedClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code finflow config show}: the effective client configuration, secrets masked. */
@Command(name = "show",
        header = "Show the effective client configuration, secrets masked.",
        mixinStandardHelpOptions = true,
        description = {
            "Show the client configuration the other commands would use: every property",
            "with its value and where it came from. Precedence, highest first: the",
            "command line (--bootstrap), the --command-config file, the environment",
            "(FINFLOW_BOOTSTRAP; FINFLOW_KAFKA_<NAME> for any property, e.g.",
            "FINFLOW_KAFKA_SECURITY_PROTOCOL), the default (127.0.0.1:9092).",
            "",
            "Secrets (passwords, sasl.jaas.config passwords, keys) are shown as",
            "[hidden]; config provider references (${env:...}, ${file:...}, ${dir:...})",
            "are shown as written, since they say where a secret is, not what it is.",
            "With --verbose: the principal, and whether each reference resolves (its",
            "value is never shown). Connects to nothing."
        },
        footer = {
            "",
            "Examples:",
            "  finflow config show --command-config config/clients/prod.properties",
            "  FINFLOW_KAFKA_CLIENT_ID=ops finflow config show --verbose --output json"
        })
final class ConfigShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        ClientConfig config = client.clientConfig();
        ClientContext context = client.context();
        boolean verbose = Verbosity.isVerbose(spec);
        PrintWriter out = spec.commandLine().getOut();
        String timeoutSource = client.timeoutGiven() ? "command line (--timeout)" : "default (--timeout)";
        if (output.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            List<Map<String, String>> settings = new ArrayList<>();
            for (ClientConfig.Setting s : config.settings()) {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("property", s.key());
                row.put("value", s.displayValue());
                row.put("source", s.source().label());
                row.put("origin", s.origin());
                settings.add(row);
            }
            json.put("precedence", List.of("command line", "file", "environment", "default"));
            json.put("settings", settings);
            json.put("timeoutSeconds", client.timeout().toSeconds());
            if (verbose) {
                json.put("principal", context.principal());
                json.put("references", context.resolved().references());
                context.resolved().error().ifPresent(e -> json.put("resolutionError", e));
            }
            output.printJson(out, json);
            return ExitCodes.OK;
        }
        out.println("Client configuration (precedence: command line > file > environment > default)");
        Table table = new Table("PROPERTY", "VALUE", "SOURCE");
        config.settings().forEach(s -> table.row(s.key(), s.displayValue(), s.describeSource()));
        table.row("(timeout)", client.timeout().toSeconds() + " s", timeoutSource);
        table.print(out);
        if (verbose) {
            out.println();
            out.println("Principal: " + context.principal() + " (security.protocol=" + context.protocol() + ")");
            List<ResolvedClientConfig.ReferenceStatus> refs = context.resolved().references();
            if (refs.isEmpty()) {
                out.println("Config provider references: none");
            } else {
                out.println("Config provider references (values never shown):");
                Table r = new Table("PROPERTY", "REFERENCE", "RESOLVES");
                refs.forEach(ref -> r.row(ref.key(), ref.reference(), ref.resolved() ? "yes" : "NO"));
                r.print(out);
            }
            context.resolved().error().ifPresent(e -> out.println("Resolution failed: " + context.scrubber().scrub(e)));
            out.println("Every other property has the Kafka client's default.");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
