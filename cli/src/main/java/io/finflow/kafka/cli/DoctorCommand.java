package io.finflow.kafka.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.ops.doctor.CheckResult;
import io.finflow.kafka.ops.doctor.DoctorOptions;
import io.finflow.kafka.ops.doctor.DoctorReport;
import io.finflow.kafka.ops.doctor.DoctorService;
import io.finflow.kafka.ops.doctor.Finding;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code finflow doctor}. */
@Command(name = "doctor",
        header = "Check the cluster and say what to do about each problem.",
        mixinStandardHelpOptions = true,
        description = {
            "Check the cluster and say what to do about each problem:",
            "  connectivity  the cluster answers within --timeout; authentication,",
            "                authorization and network failures are told apart (the",
            "                other checks are skipped when this fails)",
            "  catalog       topics match the topic catalog (finflow topics plan is empty)",
            "  partitions    no partition offline (no leader) or under-replicated",
            "  groups        no group lagging with no members; over two lag samples",
            "                --sample-interval apart, no group's lag growing and none",
            "                lagging without committing",
            "  dlq           no dead letter topic with records no replay has handled",
            "Exit code: 0 when healthy, 1 when problems were found."
        },
        footer = {
            "",
            "Examples:",
            "  finflow doctor",
            "  finflow doctor --profile prod --bootstrap kafka-1:9093 \\",
            "      --command-config prod.properties",
            "  finflow doctor --sample-interval 0 --output json   # one lag sample"
        })
final class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Mixin
    CatalogOptions catalogOptions;

    @Mixin
    OutputOptions output;

    @Option(names = "--sample-interval", defaultValue = "5", paramLabel = "SECONDS",
            description = "Seconds between the two lag samples (default: ${DEFAULT-VALUE}); 0 takes one sample.")
    int sampleSeconds;

    @Override
    public Integer call() {
        if (sampleSeconds < 0) {
            throw new IllegalArgumentException("--sample-interval must be >= 0, was " + sampleSeconds);
        }
        TopicCatalog catalog = catalogOptions.catalog();
        DoctorOptions options = new DoctorOptions(client.timeout(), Duration.ofSeconds(sampleSeconds));
        DoctorReport report;
        try (Admin admin = KafkaClients.admin(client.clientProperties(), options.timeout())) {
            report = new DoctorService(admin, client.clientProperties(), options).run(catalog);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
            json.put("bootstrap", report.bootstrap());
            json.put("healthy", report.healthy());
            json.put("checks", report.checks());
            output.printJson(out, json);
        } else {
            print(out, report);
        }
        if (report.healthy()) {
            return ExitCodes.OK;
        }
        long problems = report.findings().size();
        spec.commandLine().getErr().println("finflow: error: doctor found " + problems + " problem(s) on "
                + report.bootstrap());
        return ExitCodes.FAILURE;
    }

    private static void print(PrintWriter out, DoctorReport report) {
        out.println("finflow doctor: " + report.bootstrap());
        for (CheckResult c : report.checks()) {
            out.println(String.format(Locale.ROOT, "%-9s %-13s %s", c.status(), c.check(), c.summary()));
            for (Finding f : c.findings()) {
                out.println("    " + f.severity() + "  " + f.subject() + ": " + f.problem());
                out.println("        what to do: " + f.action());
            }
        }
        long errors = report.findings().stream().filter(f -> f.severity() == Finding.Severity.ERROR).count();
        long warnings = report.findings().size() - errors;
        out.println(report.healthy() ? "Healthy: no problems found."
                : "Found " + report.findings().size() + " problem(s): " + errors + " error(s), " + warnings
                + " warning(s).");
        out.flush();
    }
}
