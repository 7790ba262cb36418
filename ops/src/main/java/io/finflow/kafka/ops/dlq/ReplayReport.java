package io.finflow.kafka.ops.dlq;

import java.time.Duration;
import java.util.List;

/**
 * What {@link DlqService#replay} did, or would do in a dry run.
 *
 * @param dlqTopic        the dead letter topic
 * @param group           the consumer group holding the replay's progress
 * @param executed        false for a dry run (nothing sent, no progress recorded)
 * @param filters         the filters in effect, as typed
 * @param toScan          records between the group's position and the end of the topic when the run started
 * @param scanned         records read in this run
 * @param replayed        records republished (or, in a dry run, that would be) to their original topic
 * @param parked          records copied (or that would be) to a parking topic
 * @param filteredOut     records passed over because a filter did not match
 * @param unroutable      records passed over because they carry no {@code dlq.original.topic}
 * @param remaining       records of the end snapshot still after the replay group's position when the run
 *                        ended (for a dry run, the ones this run did not look at)
 * @param items           the first {@link #MAX_ITEMS} records handled, in the order they were read
 * @param elapsed         wall time of the run
 * @param stoppedEarly    true when the run stopped before the end snapshot: limit reached or interrupted
 * @param stopReason      why it stopped early ({@code "limit"} or {@code "interrupted"}), {@code null} otherwise
 */
public record ReplayReport(
        String dlqTopic,
        String group,
        boolean executed,
        List<String> filters,
        long toScan,
        long scanned,
        long replayed,
        long parked,
        long filteredOut,
        long unroutable,
        long remaining,
        List<ReplayItem> items,
        Duration elapsed,
        boolean stoppedEarly,
        String stopReason) {

    /** Most items a report keeps; the counts are always complete. */
    public static final int MAX_ITEMS = 200;

    /** Copies the lists. */
    public ReplayReport {
        filters = List.copyOf(filters);
        items = List.copyOf(items);
    }

    /** Records republished per second over the run (replayed and parked); 0 for a dry run. */
    public double ratePerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return !executed || seconds <= 0 ? 0 : (replayed + parked) / seconds;
    }
}
