package io.finflow.kafka.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.ops.topics.ApplyResult;
import io.finflow.kafka.ops.topics.TopicPlan;
import io.finflow.kafka.ops.topics.TopicsService;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code finflow topics apply}: converge the cluster to the catalog. */
@Command(name = "apply",
        header = "Converge the cluster to the topic catalog.",
        mixinStandardHelpOptions = true,
        description = {
            "Converge the cluster to the topic catalog: create missing topics, add partitions, set"
                + " drifted configs (and delete topics not in the catalog, with --allow-delete).",
            "",
            "Prints the plan first. When the plan holds a refusal, nothing at all is applied and the"
                + " command exits 1. Applying twice is safe: the second run prints that nothing changes."
        },
        footer = {
            "",
            "Examples:",
            "  finflow topics apply --profile dev",
            "  finflow topics apply --profile prod --bootstrap kafka-1:9093 \\",
            "      --command-config prod.properties",
            "  finflow topics apply --allow-key-remap   # producers stopped, consumers done"
        })
final class TopicsApplyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Mixin
    CatalogOptions catalogOptions;

    @Mixin
    TopicsPlanCommand.PlanFlags flags;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        TopicCatalog catalog = catalogOptions.catalog();
        try (Admin admin = KafkaClients.admin(client)) {
            TopicsService topics = new TopicsService(admin);
            TopicPlan plan = topics.plan(catalog, flags.planOptions());
            if (!output.json()) {
                PlanPrinter.print(spec.commandLine().getOut(), plan, TopicsPlanCommand.header(catalogOptions, client));
            }
            if (plan.isEmpty()) {
                if (output.json()) {
                    output.printJson(spec.commandLine().getOut(), result(plan, new ApplyResult(java.util.List.of())));
                } else {
                    spec.commandLine().getOut().println("Nothing to apply.");
                }
                return ExitCodes.OK;
            }
            ApplyResult result = topics.apply(plan);
            if (output.json()) {
                output.printJson(spec.commandLine().getOut(), result(plan, result));
            } else {
                spec.commandLine().getOut().println("Applied " + result.applied().size() + " change(s).");
            }
            return ExitCodes.OK;
        }
    }

    private Map<String, Object> result(TopicPlan plan, ApplyResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("profile", plan.profile());
        json.put("catalog", catalogOptions.source());
        json.put("plan", plan.actions());
        json.put("applied", result.applied());
        return json;
    }
}
