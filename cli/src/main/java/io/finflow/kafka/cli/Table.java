package io.finflow.kafka.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain text table: a header row and aligned columns separated by two spaces, {@code -} for missing
 * values, like {@code kafka-consumer-groups --describe}. Numbers are right-aligned so they compare at a
 * glance.
 *
 * <pre>{@code
 * Table t = new Table("TOPIC", "PARTITION", "LAG");
 * t.row("payments", 0, 42L);
 * t.print(out);
 * }</pre>
 */
final class Table {

    private static final String GAP = "  ";

    private final String[] headers;
    private final List<Object[]> rows = new ArrayList<>();

    Table(String... headers) {
        this.headers = headers.clone();
    }

    /** Adds a row; {@code null} cells print as {@code -}. */
    Table row(Object... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("a row needs " + headers.length + " cells, got " + cells.length);
        }
        rows.add(cells.clone());
        return this;
    }

    /** True when no row was added. */
    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table as lines, without trailing spaces. */
    List<String> lines() {
        int[] widths = new int[headers.length];
        boolean[] numeric = new boolean[headers.length];
        boolean[] anyNumber = new boolean[headers.length];
        Arrays.fill(numeric, !rows.isEmpty());
        for (int c = 0; c < headers.length; c++) {
            widths[c] = headers[c].length();
        }
        for (Object[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], text(row[c]).length());
                numeric[c] &= row[c] == null || row[c] instanceof Number;
                anyNumber[c] |= row[c] instanceof Number;
            }
        }
        for (int c = 0; c < headers.length; c++) {
            numeric[c] &= anyNumber[c];
        }
        List<String> lines = new ArrayList<>();
        lines.add(format(headers, widths, numeric, true));
        for (Object[] row : rows) {
            lines.add(format(row, widths, numeric, false));
        }
        return lines;
    }

    /** Prints the table. */
    void print(PrintWriter out) {
        lines().forEach(out::println);
        out.flush();
    }

    private static String format(Object[] cells, int[] widths, boolean[] numeric, boolean header) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            String text = header ? cells[c].toString() : text(cells[c]);
            boolean last = c == cells.length - 1;
            if (numeric[c]) {
                line.append(" ".repeat(widths[c] - text.length())).append(text);
            } else {
                line.append(text);
                if (!last) {
                    line.append(" ".repeat(widths[c] - text.length()));
                }
            }
            if (!last) {
                line.append(GAP);
            }
        }
        return line.toString().stripTrailing();
    }

    static String text(Object cell) {
        if (cell == null) {
            return "-";
        }
        String s = cell.toString().replaceAll("\\s*\\R\\s*", " ");
        return s.isEmpty() ? "-" : s;
    }
}
