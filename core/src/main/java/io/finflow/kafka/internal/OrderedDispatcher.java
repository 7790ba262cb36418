package io.finflow.kafka.internal;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Runs tasks on a pool of workers while keeping tasks of the same lane strictly sequential:
 * a lane's next task starts only after the previous one called its completion callback (which may
 * happen later, on another thread, e.g. after a scheduled retry). Different lanes run in parallel.
 * The lane is the record key (per-key order) or the partition (per-partition order).
 */
public final class OrderedDispatcher {

    /** A task that signals its own end by running the given callback exactly once. */
    @FunctionalInterface
    public interface LaneTask extends Consumer<Runnable> {
    }

    private final ExecutorService workers;
    private final Map<Object, ArrayDeque<LaneTask>> lanes = new HashMap<>();

    /** The executor is owned by the caller, who shuts it down. */
    public OrderedDispatcher(ExecutorService workers) {
        this.workers = workers;
    }

    /** Queues a task behind earlier tasks of its lane, or starts it when the lane is idle. */
    public void submit(Object lane, LaneTask task) {
        synchronized (lanes) {
            ArrayDeque<LaneTask> queue = lanes.get(lane);
            if (queue != null) {
                queue.addLast(task);
                return;
            }
            lanes.put(lane, new ArrayDeque<>());
        }
        start(lane, task);
    }

    /** Lanes with a running or queued task. */
    public int activeLanes() {
        synchronized (lanes) {
            return lanes.size();
        }
    }

    private void start(Object lane, LaneTask task) {
        Runnable done = new Runnable() {
            private boolean called;

            @Override
            public void run() {
                synchronized (this) {
                    if (called) {
                        return;
                    }
                    called = true;
                }
                next(lane);
            }
        };
        try {
            workers.execute(() -> task.accept(done));
        } catch (RejectedExecutionException e) {
            // Shutting down: the task is dropped unprocessed, so its record stays uncommitted.
            synchronized (lanes) {
                lanes.remove(lane);
            }
        }
    }

    private void next(Object lane) {
        LaneTask nextTask;
        synchronized (lanes) {
            ArrayDeque<LaneTask> queue = lanes.get(lane);
            if (queue == null) {
                return;
            }
            nextTask = queue.pollFirst();
            if (nextTask == null) {
                lanes.remove(lane);
                return;
            }
        }
        start(lane, nextTask);
    }
}
