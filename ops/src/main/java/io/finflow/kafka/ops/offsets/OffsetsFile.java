package io.finflow.kafka.ops.offsets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.finflow.kafka.ops.OpsException;

/**
 * Reads and writes offsets as CSV, the format of reset backups and of {@link ResetTarget#fromFile}:
 *
 * <pre>
 * # comment lines and blank lines are ignored
 * topic,partition,offset
 * transaction-events,0,1042
 * transaction-events,1,977
 * </pre>
 *
 * The header line is optional. Topic names cannot contain commas, so no quoting is needed.
 */
public final class OffsetsFile {

    /** The header line written first. */
    public static final String HEADER = "topic,partition,offset";

    private OffsetsFile() {
    }

    /**
     * The entries of {@code file}, in file order.
     *
     * @throws IllegalArgumentException naming the file and line of a malformed or duplicate entry
     * @throws OpsException             when the file cannot be read
     */
    public static List<OffsetEntry> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new OpsException("offsets file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new OpsException("could not read offsets file " + file + ": " + e.getMessage(), e);
        }
        List<OffsetEntry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.equalsIgnoreCase(HEADER)) {
                continue;
            }
            String where = "line " + (i + 1) + " of " + file;
            OffsetEntry entry = parse(line, where);
            if (!seen.add(entry.topic() + "-" + entry.partition())) {
                throw new IllegalArgumentException(where + ": " + entry.topic() + " partition " + entry.partition()
                        + " is listed twice");
            }
            entries.add(entry);
        }
        return entries;
    }

    /**
     * Writes a new file: {@code comments} as {@code #} lines, the header, then one line per entry. The
     * file appears complete or not at all (written aside, then moved into place).
     *
     * @throws OpsException when the file already exists or cannot be written
     */
    public static void write(Path file, List<OffsetEntry> entries, List<String> comments) {
        if (Files.exists(file)) {
            throw new OpsException("offsets file " + file + " already exists; choose a new name so no earlier"
                    + " backup is overwritten");
        }
        StringBuilder text = new StringBuilder();
        comments.forEach(c -> text.append("# ").append(c.replaceAll("\\R", " ")).append('\n'));
        text.append(HEADER).append('\n');
        entries.forEach(e -> text.append(e.topic()).append(',').append(e.partition()).append(',')
                .append(e.offset()).append('\n'));
        Path absolute = file.toAbsolutePath();
        Path temp = null;
        try {
            Files.createDirectories(absolute.getParent());
            temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, absolute);
        } catch (FileAlreadyExistsException e) {
            throw new OpsException("offsets file " + file + " already exists; choose a new name", e);
        } catch (IOException e) {
            throw new OpsException("could not write offsets file " + file + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private static OffsetEntry parse(String line, String where) {
        String[] fields = line.split(",", -1);
        if (fields.length != 3) {
            throw new IllegalArgumentException(where + ": '" + line + "' is not topic,partition,offset");
        }
        String topic = fields[0].strip();
        int partition;
        long offset;
        try {
            partition = Integer.parseInt(fields[1].strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": '" + fields[1].strip() + "' is not a partition number");
        }
        try {
            offset = Long.parseLong(fields[2].strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": '" + fields[2].strip() + "' is not an offset");
        }
        try {
            return new OffsetEntry(topic, partition, offset);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // a leftover hidden temp file is harmless
        }
    }
}
