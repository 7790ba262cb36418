package io.finflow.kafka.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.finflow.kafka.ops.offsets.OffsetResetPlan;
import io.finflow.kafka.ops.offsets.OffsetResetResult;
import io.finflow.kafka.ops.offsets.OffsetResetService;
import io.finflow.kafka.ops.offsets.ResetArguments;
import io.finflow.kafka.ops.offsets.ResetRequest;
import io.finflow.kafka.ops.offsets.ResetTarget;
import io.finflow.kafka.ops.offsets.TopicPartitions;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code finflow groups reset-offsets}. */
@Command(name = "reset-offsets",
        header = "Move a group's committed offsets, with a backup to undo it.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Move a consumer group's committed offsets, with a backup to undo it.",
            "",
            "A dry run by default: prints each partition's current and new offset and the log range, and"
                + " changes nothing. With --execute it first writes the offsets committed until now to a backup"
                + " file (printed; default offsets-backup-<group>-<UTC time>.csv in the current folder), then"
                + " commits the new ones. --from-file BACKUP restores a backup.",
            "",
            "Refused (exit 1, nothing changed): the group has active members (stop the consumers first);"
                + " a target outside the log (unless --allow-clamp); a date-time after the last record; a topic"
                + " or partition that does not exist. A date-time without a zone is a usage error (exit 2):"
                + " write Z or +01:00."
        },
        footer = {
            "",
            "Examples:",
            "  finflow groups reset-offsets --group accounting \\",
            "      --topic transaction-events --to-earliest              # dry run",
            "  finflow groups reset-offsets --group accounting \\",
            "      --topic transaction-events:0,1 \\",
            "      --to-datetime 2026-01-01T10:00:00+01:00 --execute",
            "  finflow groups reset-offsets --group accounting \\",
            "      --topic transaction-events --shift-by -100 --execute",
            "  finflow groups reset-offsets --group accounting --execute \\",
            "      --from-file offsets-backup-accounting-20260101T100000Z.csv  # undo"
        })
final class GroupsResetOffsetsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Option(names = "--group", required = true, paramLabel = "GROUP", description = "The consumer group to move.")
    String group;

    @Option(names = "--topic", paramLabel = "TOPIC[:PARTITIONS]",
            description = "The topic, all partitions, or some: transaction-events:0,1,4-7. Required except with"
                    + " --from-file (which then restores every topic of the file).")
    String topic;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "%nTarget (exactly one):%n")
    Target target;

    @Option(names = "--execute", description = "Commit the new offsets (after writing the backup). Without it,"
            + " nothing changes.")
    boolean execute;

    @Option(names = "--allow-clamp", description = "Move a target outside the log to its nearest end instead of"
            + " refusing.")
    boolean allowClamp;

    @Option(names = "--backup-file", paramLabel = "FILE", description = "Where --execute writes the previous"
            + " offsets (default: offsets-backup-<group>-<UTC time>.csv in the current folder). Must not exist.")
    Path backupFile;

    @Mixin
    OutputOptions output;

    /** The reset modes; picocli enforces exactly one. */
    static final class Target {
        @Option(names = "--to-earliest", description = "The first offset still in the log.")
        boolean toEarliest;

        @Option(names = "--to-latest", description = "The log end: skip everything not consumed yet.")
        boolean toLatest;

        @Option(names = "--to-datetime", paramLabel = "ISO",
                description = "The first record at or after an ISO-8601 date-time with zone, e.g."
                        + " 2026-01-01T10:00:00Z.")
        String toDatetime;

        @Option(names = "--by-duration", paramLabel = "DURATION",
                description = "The first record at or after now minus an ISO-8601 duration: PT30M, PT2H, P1DT2H.")
        String byDuration;

        @Option(names = "--to-offset", paramLabel = "N", description = "The same offset on every partition.")
        Long toOffset;

        @Option(names = "--shift-by", paramLabel = "+/-N",
                description = "The committed offset plus N: -100 re-reads 100 records per partition, 100 skips them.")
        Long shiftBy;

        @Option(names = "--from-file", paramLabel = "FILE",
                description = "The offsets of a CSV file topic,partition,offset, such as a backup of a reset.")
        Path fromFile;

        ResetTarget toResetTarget() {
            if (toEarliest) {
                return ResetTarget.toEarliest();
            }
            if (toLatest) {
                return ResetTarget.toLatest();
            }
            if (toDatetime != null) {
                return ResetTarget.toDatetime(ResetArguments.parseDatetime(toDatetime));
            }
            if (byDuration != null) {
                return ResetTarget.byDuration(ResetArguments.parseDuration(byDuration));
            }
            if (toOffset != null) {
                return ResetTarget.toOffset(toOffset);
            }
            if (shiftBy != null) {
                return ResetTarget.shiftBy(shiftBy);
            }
            return ResetTarget.fromFile(fromFile);
        }
    }

    @Override
    public Integer call() {
        ResetRequest request = request();
        try (Admin admin = KafkaClients.admin(client)) {
            OffsetResetService offsets = new OffsetResetService(admin);
            OffsetResetPlan plan = offsets.plan(request);
            PrintWriter out = spec.commandLine().getOut();
            if (!execute) {
                if (output.json()) {
                    output.printJson(out, json(plan, null));
                } else {
                    printPlan(out, plan);
                    out.println("Dry run: nothing changed. Add --execute to commit these offsets (a backup of the"
                            + " current ones is written first).");
                }
                return ExitCodes.OK;
            }
            Path backup = backupFile != null ? backupFile
                    : BackupFiles.defaultFor(Path.of("").toAbsolutePath(), group, Instant.now());
            OffsetResetResult result = offsets.execute(plan, backup);
            if (output.json()) {
                output.printJson(out, json(plan, result));
            } else {
                printPlan(out, plan);
                out.println("Committed new offsets for " + result.applied().size() + " partition(s) of group "
                        + group + ".");
                out.println("Backup of the previous offsets: " + result.backupFile());
                out.println("Undo with: finflow groups reset-offsets --group " + group + " --from-file "
                        + result.backupFile() + " --execute");
            }
            return ExitCodes.OK;
        }
    }

    private ResetRequest request() {
        ResetTarget resetTarget = target.toResetTarget();
        if (topic == null) {
            if (!(resetTarget instanceof ResetTarget.FromFile)) {
                throw new IllegalArgumentException("--topic is required with --" + resetTarget.describe().split(" ")[0]
                        + " (only --from-file may omit it)");
            }
            return ResetRequest.of(group, null, resetTarget).withAllowClamp(allowClamp);
        }
        TopicPartitions tp = ResetArguments.parseTopicPartitions(topic);
        return ResetRequest.of(group, tp.topic(), resetTarget).withPartitions(tp.partitions())
                .withAllowClamp(allowClamp);
    }

    private static void printPlan(PrintWriter out, OffsetResetPlan plan) {
        out.println("Offset reset of group " + plan.group() + ": " + plan.target());
        Table table = new Table("TOPIC", "PARTITION", "CURRENT", "NEW", "LOG-START", "LOG-END", "NOTE");
        plan.partitions().forEach(r -> table.row(r.topic(), r.partition(), r.currentOffset(), r.newOffset(),
                r.logStartOffset(), r.logEndOffset(), r.note()));
        table.print(out);
    }

    private Map<String, Object> json(OffsetResetPlan plan, OffsetResetResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("group", plan.group());
        json.put("target", plan.target());
        json.put("executed", result != null);
        json.put("partitions", plan.partitions());
        json.put("backupFile", result == null ? null : result.backupFile());
        return json;
    }
}
