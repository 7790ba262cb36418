package io.finflow.kafka.reliability;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The table a bad-input test prints at the end: each case and the error it got, so a reader of the test
 * output sees what every refusal says without opening the code. Thread-safe.
 */
public final class BadInputSummary {

    private static final int CASE_WIDTH = 44;
    private static final int ERROR_WIDTH = 150;

    private final String surface;
    private final List<String[]> rows = Collections.synchronizedList(new ArrayList<>());

    /** A summary for one surface, e.g. {@code topics.yaml}. */
    public BadInputSummary(String surface) {
        this.surface = surface;
    }

    /** Records one case and the error it produced. */
    public void add(String caseName, String error) {
        rows.add(new String[] {caseName, error == null ? "(none)" : error.replaceAll("\\s*\\R\\s*", " ")});
    }

    /** Prints the table on standard output. */
    public void print() {
        StringBuilder s = new StringBuilder();
        s.append("\nBad input: ").append(surface).append(" (").append(rows.size()).append(" cases, case -> error)\n");
        synchronized (rows) {
            for (String[] row : rows) {
                String error = row[1].length() > ERROR_WIDTH ? row[1].substring(0, ERROR_WIDTH - 3) + "..." : row[1];
                s.append(String.format("  %-" + CASE_WIDTH + "s -> %s%n", row[0], error));
            }
        }
        System.out.print(s);
        System.out.flush();
    }
}
