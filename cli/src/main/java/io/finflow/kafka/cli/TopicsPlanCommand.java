package io.finflow.kafka.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.ops.topics.PlanOptions;
import io.finflow.kafka.ops.topics.TopicPlan;
import io.finflow.kafka.ops.topics.TopicsService;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code finflow topics plan}: what apply would change, read-only. */
@Command(name = "plan",
        header = "Show how the cluster differs from the topic catalog.",
        mixinStandardHelpOptions = true,
        description = {
            "Show how the cluster differs from the topic catalog, changing nothing.",
            "",
            "Lists topics to create, partition increases, config changes with current -> wanted value"
                + " (drift: a managed config changed on the cluster), topics to delete (only with"
                + " --allow-delete), and refusals with their reason: a partition increase on a keyed or"
                + " compacted topic (it moves keys between partitions; lift with --allow-key-remap), fewer"
                + " partitions than the cluster has, or another replication factor (needs a reassignment). Exit"
                + " code: 0 when apply would succeed (changes or none), 1 when the plan holds a refusal."
        },
        footer = {
            "",
            "Examples:",
            "  finflow topics plan              # config/topics.yaml or bundled, dev profile",
            "  finflow topics plan --profile prod --catalog config/topics.yaml \\",
            "      --command-config prod.properties",
            "  finflow topics plan --allow-delete --delete-scope 'finflow-.*' --output json"
        })
final class TopicsPlanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Mixin
    CatalogOptions catalogOptions;

    @Mixin
    PlanFlags flags;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        TopicCatalog catalog = catalogOptions.catalog();
        try (Admin admin = KafkaClients.admin(client)) {
            TopicPlan plan = new TopicsService(admin).plan(catalog, flags.planOptions());
            if (output.json()) {
                output.printJson(spec.commandLine().getOut(), Map.of("profile", plan.profile(),
                        "catalog", catalogOptions.source(), "actions", plan.actions(),
                        "refused", plan.refusals().size()));
            } else {
                PlanPrinter.print(spec.commandLine().getOut(), plan, header(catalogOptions, client));
            }
            if (!plan.refusals().isEmpty()) {
                spec.commandLine().getErr().println("finflow: error: the plan has " + plan.refusals().size()
                        + " refused action(s); apply would change nothing until they are resolved");
                return ExitCodes.FAILURE;
            }
            return ExitCodes.OK;
        }
    }

    static String header(CatalogOptions catalog, ClientOptions client) {
        return "Topic plan for profile " + catalog.profile() + " (" + catalog.source() + ") against "
                + client.clientConfig().bootstrapServers();
    }

    /** The plan options shared by plan and apply. */
    static final class PlanFlags {

        @Option(names = "--allow-delete",
                description = "Also propose deleting topics that are on the cluster but not in the catalog"
                        + " (internal __* topics never). Off by default.")
        boolean allowDelete;

        @Option(names = "--delete-scope", paramLabel = "REGEX",
                description = "With --allow-delete: only topics whose whole name matches REGEX may be deleted,"
                        + " for clusters shared with topics the catalog does not own.")
        String deleteScope;

        @Option(names = "--allow-key-remap",
                description = "Allow partition increases on keyed or compacted topics. New partitions move keys,"
                        + " breaking per-key order for records in flight: stop producers and let consumers catch"
                        + " up first.")
        boolean allowKeyRemap;

        PlanOptions planOptions() {
            return PlanOptions.builder().allowDelete(allowDelete).allowKeyRemap(allowKeyRemap)
                    .deleteScope(deleteScope).build();
        }
    }
}
