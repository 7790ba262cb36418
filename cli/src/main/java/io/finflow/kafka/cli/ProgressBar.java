package io.finflow.kafka.cli;

import java.io.PrintWriter;

import io.finflow.kafka.ops.dlq.ReplayProgress;

/**
 * A one-line progress bar redrawn on stderr with a carriage return, at most every 200 ms. Only used when a
 * terminal is attached ({@code System.console() != null}), so logs and pipes never get control characters.
 */
final class ProgressBar implements ReplayProgress {

    private static final int WIDTH = 30;
    private static final long EVERY_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final String label;
    private final long started = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintWriter err, String label) {
        this.err = err;
        this.label = label;
    }

    /** A bar when a terminal is attached, else nothing. */
    static ReplayProgress forTerminal(PrintWriter err, String label) {
        return System.console() != null ? new ProgressBar(err, label) : ReplayProgress.NONE;
    }

    @Override
    public void update(long scanned, long total, long republished) {
        long now = System.nanoTime();
        if (now - lastDraw < EVERY_NANOS && scanned < total) {
            return;
        }
        lastDraw = now;
        err.print('\r' + render(scanned, total, republished, (now - started) / 1e9));
        err.flush();
        drawn = true;
    }

    /** Ends the line the bar was drawn on. */
    void finish() {
        if (drawn) {
            err.println();
            err.flush();
        }
    }

    String render(long scanned, long total, long republished, double seconds) {
        double fraction = total <= 0 ? 1 : Math.min(1, (double) scanned / total);
        int filled = (int) Math.round(fraction * WIDTH);
        long rate = seconds <= 0 ? 0 : Math.round(republished / seconds);
        return String.format("%s [%s%s] %3d%% %d/%d, %d/s", label, "#".repeat(filled), "-".repeat(WIDTH - filled),
                Math.round(fraction * 100), scanned, total, rate);
    }
}
