package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.finflow.kafka.ops.dlq.DlqRecord;
import io.finflow.kafka.ops.events.TailedEvent;
import io.finflow.kafka.ops.events.Validation;
import io.finflow.kafka.ops.topics.ActionType;
import io.finflow.kafka.ops.topics.TopicAction;
import io.finflow.kafka.ops.topics.TopicLayout;
import io.finflow.kafka.ops.topics.TopicPlan;
import org.junit.jupiter.api.Test;

/** How results read for people: plan lines, backup names, tail records, DLQ reasons, the progress bar. */
class FormattingTest {

    private static final TopicLayout LAYOUT = new TopicLayout(6, (short) 3, Map.of("retention.ms", "1000"));

    @Test
    void planLinesShowCurrentToWantedAndTheSummaryCountsEachKind() {
        TopicPlan plan = new TopicPlan("prod", List.of(
                new TopicAction(ActionType.CREATE, "a", null, null, "6 partitions", LAYOUT,
                        "create with 6 partitions, replication factor 3, retention.ms=1000"),
                new TopicAction(ActionType.CONFIG_CHANGE, "b", "retention.ms", "5", "1000", LAYOUT, "drift"),
                new TopicAction(ActionType.ADD_PARTITIONS, "c", "partitions", "3", "6", LAYOUT, "add"),
                new TopicAction(ActionType.REFUSED, "d", "partitions", "3", "6", LAYOUT, "partitions 3 -> 6 refused: x")));
        java.io.StringWriter text = new java.io.StringWriter();
        PlanPrinter.print(new java.io.PrintWriter(text), plan, "header");
        assertThat(text.toString().lines()).containsExactly(
                "header",
                "   ACTION      TOPIC  CHANGE",
                "+  create      a      6 partitions, replication factor 3, retention.ms=1000",
                "~  config      b      retention.ms: 5 -> 1000 (drift)",
                "~  partitions  c      partitions 3 -> 6",
                "!  refused     d      partitions 3 -> 6 refused: x",
                "Plan: 1 to create, 1 partition increase(s), 1 config change(s) (drift), 0 to delete, 1 refused.",
                "Refused actions block apply: nothing is applied until the catalog or the cluster is fixed (or the"
                        + " refusal lifted with the option it names).");
    }

    @Test
    void backupNamesCarryTheGroupAndUtcTimeAndAreSafeFileNames() {
        Path name = BackupFiles.defaultFor(Path.of("/x"), "team/a b", Instant.parse("2026-01-02T03:04:05.678Z"));
        assertThat(name).isEqualTo(Path.of("/x/offsets-backup-team_a_b-20260102T030405Z.csv"));
    }

    @Test
    void tailShowsPositionKeyCeHeadersValueAndValidation() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_id", "1");
        headers.put("traceparent", "t");
        headers.put("ce_type", "io.finflow.system");
        TailedEvent e = new TailedEvent("t", 2, 41, Instant.parse("2026-01-01T10:00:00Z"), "svc", headers,
                "{\n\"a\":1}", new Validation(Validation.Status.INVALID, "system v1", List.of("/a: bad", "/b: worse")));
        assertThat(TailCommand.format(e).lines()).containsExactly(
                "partition 2 offset 41  2026-01-01T10:00:00Z  key svc",
                "  headers ce_id=1 ce_type=io.finflow.system",
                "  value   { \"a\":1}",
                "  INVALID (system v1): /a: bad; /b: worse");
    }

    @Test
    void dlqReasonsUseTheSimpleClassNameAndAShortMessage() {
        DlqRecord r = new DlqRecord("t.dlq", 0, 1, Instant.EPOCH, "k", "v", null, "t", 0, 1L, "g",
                "io.finflow.kafka.consumer.PoisonRecordException", "x".repeat(150), 1, null, 0);
        assertThat(DlqShowCommand.reason(r)).startsWith("PoisonRecordException: xxx").endsWith("...").hasSize(123);
    }

    @Test
    void theProgressBarShowsShareCountAndRate() {
        ProgressBar bar = new ProgressBar(new java.io.PrintWriter(new java.io.StringWriter()), "replaying t.dlq");
        assertThat(bar.render(500, 1000, 500, 2.0))
                .isEqualTo("replaying t.dlq [###############---------------]  50% 500/1000, 250/s");
        assertThat(bar.render(0, 0, 0, 0)).contains("100% 0/0, 0/s");
    }
}
