package io.finflow.kafka.cli;

import java.io.PrintWriter;
import java.util.Locale;

import io.finflow.kafka.ops.dlq.ReplayItem;
import io.finflow.kafka.ops.dlq.ReplayReport;

/** Prints a replay report for people. */
final class ReplayPrinter {

    private ReplayPrinter() {
    }

    static void print(PrintWriter out, ReplayReport r) {
        if (!r.executed()) {
            out.println("Dry run of the replay of " + r.dlqTopic() + " from the position of group " + r.group()
                    + (r.filters().isEmpty() ? "" : ", filters " + String.join(" ", r.filters())) + ":");
            if (!r.items().isEmpty()) {
                Table table = new Table("ACTION", "RECORD", "KEY", "TO", "REPLAY-COUNT", "REASON");
                for (ReplayItem i : r.items()) {
                    table.row(i.action().name().toLowerCase(Locale.ROOT), i.record().position(), i.record().key(),
                            i.destination(), i.replayCount(), DlqShowCommand.reason(i.record()));
                }
                table.print(out);
                long shown = r.items().size();
                long handled = r.replayed() + r.parked() + r.unroutable();
                if (handled > shown) {
                    out.println("... and " + (handled - shown) + " more.");
                }
            }
            out.println("Would replay " + r.replayed() + ", park " + r.parked() + ", pass over " + r.filteredOut()
                    + " (filter) and " + r.unroutable() + " (no original topic) of " + r.scanned() + " record(s) read"
                    + (stopped(r)) + ".");
            out.println("Dry run: nothing was sent. Add --execute to replay.");
        } else {
            out.println(String.format(Locale.ROOT, "Replayed %d record(s) of %s to their topic, parked %d, passed"
                            + " over %d (filter) and %d (no original topic), in %.1f s (%.0f records/s)%s.",
                    r.replayed(), r.dlqTopic(), r.parked(), r.filteredOut(), r.unroutable(),
                    r.elapsed().toMillis() / 1000.0, r.ratePerSecond(), stopped(r)));
            out.println("Progress is saved in consumer group " + r.group() + "; " + r.remaining()
                    + " record(s) of this run's snapshot are still to be handled.");
        }
        out.flush();
    }

    private static String stopped(ReplayReport r) {
        if (r.stopReason() == null) {
            return "";
        }
        return switch (r.stopReason()) {
            case "limit" -> "; stopped at --limit, " + r.remaining() + " record(s) left for the next run";
            case "interrupted" -> "; interrupted";
            default -> "; stopped: " + r.stopReason();
        };
    }
}
