package io.finflow.kafka.ops.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.finflow.kafka.ops.OpsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OffsetsFileTest {

    @TempDir
    Path dir;

    @Test
    void writtenEntriesReadBackInOrderWithCommentsIgnored() throws IOException {
        Path file = dir.resolve("sub/backup.csv");
        List<OffsetEntry> entries = List.of(new OffsetEntry("tx", 1, 42), new OffsetEntry("tx", 0, 0),
                new OffsetEntry("user.dlq", 2, 9_000_000_000L));
        OffsetsFile.write(file, entries, List.of("backup of group g", "tx,3 had no\ncommitted offset"));

        assertThat(Files.readAllLines(file)).startsWith("# backup of group g", "# tx,3 had no committed offset",
                OffsetsFile.HEADER, "tx,1,42");
        assertThat(OffsetsFile.read(file)).containsExactlyElementsOf(entries);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).as("no temp file left behind").containsExactly(file.toAbsolutePath());
        }
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws IOException {
        Path file = Files.writeString(dir.resolve("b.csv"), "keep me");
        assertThatThrownBy(() -> OffsetsFile.write(file, List.of(), List.of()))
                .isInstanceOf(OpsException.class)
                .hasMessageContaining(file + " already exists");
        assertThat(Files.readString(file)).isEqualTo("keep me");
    }

    @Test
    void malformedLinesNameTheFileLineAndValue() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "topic,partition,offset\n\n# c\ntx,0,1\ntx,one,2\n");
        assertThatThrownBy(() -> OffsetsFile.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 5 of " + file + ": 'one' is not a partition number");

        Files.writeString(file, "tx,0,-1\n");
        assertThatThrownBy(() -> OffsetsFile.read(file)).hasMessageContaining("line 1 of " + file)
                .hasMessageContaining("offset must be >= 0 for tx-0, was -1");

        Files.writeString(file, "tx,0\n");
        assertThatThrownBy(() -> OffsetsFile.read(file)).hasMessageContaining("'tx,0' is not topic,partition,offset");

        Files.writeString(file, "tx,0,1\ntx,0,2\n");
        assertThatThrownBy(() -> OffsetsFile.read(file)).hasMessageContaining("line 2")
                .hasMessageContaining("tx partition 0 is listed twice");

        assertThatThrownBy(() -> OffsetsFile.read(dir.resolve("missing.csv")))
                .isInstanceOf(OpsException.class).hasMessageContaining("missing.csv does not exist");
    }
}
