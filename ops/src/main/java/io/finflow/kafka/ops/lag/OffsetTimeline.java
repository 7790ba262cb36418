package io.finflow.kafka.ops.lag;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * When each offset of one partition was written, estimated from sampled log end offsets, as
 * kafka-lag-exporter does: a point (log end offset {@code o}, time {@code t}) says that every record
 * before {@code o} existed at {@code t}. The write time of record {@code c} lies between the last point
 * whose log end was at or before {@code c} and the first point past it, and is interpolated linearly between
 * them; a record older than every point is extrapolated along the trend of the whole table. No record is
 * read, so the cost is independent of the record sizes and needs no read permission on the topic.
 *
 * <p>A run of samples with the same log end offset (an idle partition) is kept as its first and last
 * point. The table keeps at most {@code capacity} points, dropping the oldest. Not thread-safe.
 */
final class OffsetTimeline {

    /** A sampled log end offset and when it was read (epoch milliseconds). */
    record Point(long offset, long time) {
    }

    private final int capacity;
    private final ArrayDeque<Point> points = new ArrayDeque<>();

    OffsetTimeline(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be >= 2, was " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Adds a sample. Ignored when it is not newer than the last one, or its offset went back (the topic
     * was recreated: the table then restarts from this point).
     */
    void add(long logEndOffset, long timeMillis) {
        Point last = points.peekLast();
        if (last != null) {
            if (timeMillis <= last.time()) {
                return;
            }
            if (logEndOffset < last.offset()) {
                points.clear();
            } else if (logEndOffset == last.offset() && points.size() >= 2
                    && secondLast().offset() == logEndOffset) {
                points.pollLast(); // extend the flat run: keep its first and its newest point
            }
        }
        points.addLast(new Point(logEndOffset, timeMillis));
        while (points.size() > capacity) {
            points.pollFirst();
        }
    }

    /**
     * Adds a point older than every point held, e.g. from {@code listOffsets} by timestamp at start-up, so
     * that a group far behind gets a real estimate at once instead of an extrapolation. Ignored when it is
     * not older than the oldest point or its offset is past the oldest point's.
     */
    void addOlder(long logEndOffset, long timeMillis) {
        Point oldest = points.peekFirst();
        if (oldest != null && (timeMillis >= oldest.time() || logEndOffset > oldest.offset())) {
            return;
        }
        if (points.size() < capacity) {
            points.addFirst(new Point(logEndOffset, timeMillis));
        }
    }

    private Point secondLast() {
        Iterator<Point> it = points.descendingIterator();
        it.next();
        return it.next();
    }

    /** Points held now. */
    int size() {
        return points.size();
    }

    /**
     * The estimated write time (epoch milliseconds) of the record at {@code offset}; {@link Double#NaN}
     * when it cannot be estimated (fewer than 2 points), and {@link Double#POSITIVE_INFINITY} when the
     * record did not exist at the last sample (nothing to wait for: no time lag).
     */
    double writeTime(long offset) {
        Point newest = points.peekLast();
        if (newest == null) {
            return Double.NaN;
        }
        if (offset >= newest.offset()) {
            return Double.POSITIVE_INFINITY;
        }
        if (points.size() < 2) {
            return Double.NaN;
        }
        // The record at `offset` exists from the first sample whose log end is past it.
        long target = offset + 1;
        Point before = null;
        for (Point p : points) {
            if (p.offset() >= target) {
                if (before == null) {
                    return extrapolate(target);
                }
                return interpolate(target, before, p);
            }
            before = p;
        }
        return Double.POSITIVE_INFINITY; // unreachable: newest.offset() > offset
    }

    private static double interpolate(long target, Point left, Point right) {
        double slope = (double) (right.time() - left.time()) / (right.offset() - left.offset());
        return right.time() - (right.offset() - target) * slope;
    }

    /** Older than the table: along the line through the oldest and newest points. */
    private double extrapolate(long target) {
        Point oldest = points.peekFirst();
        Point newest = points.peekLast();
        if (newest.offset() == oldest.offset()) {
            return oldest.time(); // no trend known: it was written before the oldest point, at the latest
        }
        return interpolate(target, oldest, newest);
    }
}
