package io.finflow.kafka.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Runs tasks on a pool of workers while keeping tasks of the same lane strictly sequential:
 * a lane's next task starts only after the previous one called its completion callback (which may
 * happen later, on another thread, e.g. after a scheduled retry). Different lanes run in parallel.
 * The lane is the record key (per-key order) or the partition (per-partition order).
 *
 * <p>Tasks are handed to the workers in chunks, not one by one: a {@link Batch} (the records of one
 * poll) registers all its tasks with their lanes under one lock, then splits the tasks whose lane was
 * idle into at most {@code parallelism} chunks, each run in order by one worker, so a worker is woken
 * once per chunk rather than once per record. When a task finishes synchronously inside a chunk and
 * its lane has a task waiting, that task joins the end of the same chunk (no hand-off either); a task
 * finishing later on another thread hands its lane's next task to the workers.
 */
public final class OrderedDispatcher {

    /** A task that signals its own end by running the given callback exactly once. */
    @FunctionalInterface
    public interface LaneTask extends Consumer<Runnable> {
    }

    /** The chunk the current thread is running, so that a synchronous completion continues in it. */
    private static final ThreadLocal<Chunk> RUNNING = new ThreadLocal<>();
    /** Map value of a lane with a task running and none waiting. */
    private static final Object BUSY = new Object();

    private final Executor workers;
    private final int parallelism;
    /** Lane to {@link #BUSY} or to the deque of its waiting tasks; a lane is absent when idle. */
    private final Map<Object, Object> lanes = new HashMap<>();

    /** One task per chunk; the executor is owned by the caller, who shuts it down. */
    public OrderedDispatcher(Executor workers) {
        this(workers, 1);
    }

    /**
     * @param workers     owned by the caller, who shuts it down
     * @param parallelism the number of workers: a batch is split into at most this many chunks
     */
    public OrderedDispatcher(Executor workers, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, was " + parallelism);
        }
        this.workers = workers;
        this.parallelism = parallelism;
    }

    /** Queues a task behind earlier tasks of its lane, or starts it when the lane is idle. */
    public void submit(Object lane, LaneTask task) {
        Batch batch = batch();
        batch.add(lane, task);
        batch.submit();
    }

    /** A new, empty batch: add tasks in order, then {@link Batch#submit()} them together. */
    public Batch batch() {
        return new Batch();
    }

    /** Lanes with a running or queued task. */
    public int activeLanes() {
        synchronized (lanes) {
            return lanes.size();
        }
    }

    /** Tasks submitted together, in order; used by one thread. */
    public final class Batch {
        private final List<Entry> entries = new ArrayList<>();

        private Batch() {
        }

        /** Adds a task; it runs after every earlier task of its lane, in this batch or before. */
        public void add(Object lane, LaneTask task) {
            entries.add(new Entry(lane, task));
        }

        /** Registers the tasks with their lanes and hands the runnable ones to the workers in chunks. */
        public void submit() {
            List<Entry> runnable = new ArrayList<>(entries.size());
            synchronized (lanes) {
                for (Entry e : entries) {
                    Object state = lanes.get(e.lane);
                    if (state == null) {
                        lanes.put(e.lane, BUSY);
                        runnable.add(e);
                    } else {
                        waiting(e.lane, state).addLast(e);
                    }
                }
            }
            entries.clear();
            int chunks = Math.min(parallelism, runnable.size());
            int from = 0;
            for (int c = 0; c < chunks; c++) {
                int to = from + (runnable.size() - from) / (chunks - c);
                execute(new Chunk(runnable.subList(from, to)));
                from = to;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private ArrayDeque<Entry> waiting(Object lane, Object state) {
        if (state == BUSY) {
            ArrayDeque<Entry> queue = new ArrayDeque<>(4);
            lanes.put(lane, queue);
            return queue;
        }
        return (ArrayDeque<Entry>) state;
    }

    private void execute(Chunk chunk) {
        try {
            workers.execute(chunk);
        } catch (RejectedExecutionException e) {
            // Shutting down: the tasks are dropped unprocessed, so their records stay uncommitted.
            synchronized (lanes) {
                chunk.queue.forEach(entry -> lanes.remove(entry.lane));
            }
        }
    }

    /** The lane's next waiting task, or null after marking the lane idle. */
    @SuppressWarnings("unchecked")
    private Entry next(Object lane) {
        synchronized (lanes) {
            Object state = lanes.get(lane);
            if (state == null) {
                return null;
            }
            Entry next = state == BUSY ? null : ((ArrayDeque<Entry>) state).pollFirst();
            if (next == null) {
                lanes.remove(lane);
            }
            return next;
        }
    }

    /** A task and its lane. */
    private static final class Entry {
        final Object lane;
        final LaneTask task;

        Entry(Object lane, LaneTask task) {
            this.lane = lane;
            this.task = task;
        }
    }

    /** Tasks run in order by one worker; grows when a synchronously finished task frees a waiting one. */
    private final class Chunk implements Runnable {
        private final ArrayDeque<Entry> queue;
        /** The entry this chunk's thread is running now; read and written by that thread only. */
        private Entry current;

        Chunk(List<Entry> entries) {
            this.queue = new ArrayDeque<>(entries);
        }

        @Override
        public void run() {
            Chunk outer = RUNNING.get();
            RUNNING.set(this);
            try {
                Entry e;
                while ((e = queue.pollFirst()) != null) {
                    current = e;
                    e.task.accept(new Completion(this, e));
                }
            } finally {
                current = null;
                RUNNING.set(outer);
            }
        }
    }

    /** The completion callback of one task: runs at most once, then moves its lane on. */
    private final class Completion implements Runnable {
        private final Chunk chunk;
        private final Entry entry;
        private boolean called;

        Completion(Chunk chunk, Entry entry) {
            this.chunk = chunk;
            this.entry = entry;
        }

        @Override
        public void run() {
            synchronized (this) {
                if (called) {
                    return;
                }
                called = true;
            }
            Entry next = next(entry.lane);
            if (next == null) {
                return;
            }
            if (RUNNING.get() == chunk && chunk.current == entry) {
                chunk.queue.addLast(next); // finished inside its chunk: the lane continues there
            } else {
                execute(new Chunk(List.of(next)));
            }
        }
    }
}
