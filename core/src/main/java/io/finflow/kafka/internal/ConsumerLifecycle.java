package io.finflow.kafka.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.finflow.kafka.consumer.ConsumerState;
import io.finflow.kafka.consumer.FailureListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one consumer, its first fatal failure and the listeners told of it. Any thread may
 * report a failure ({@link #fail}); the first one wins. Thread-safe.
 */
public final class ConsumerLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLifecycle.class);

    private final AtomicReference<ConsumerState> state = new AtomicReference<>(ConsumerState.CREATED);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<FailureListener> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch terminated = new CountDownLatch(1);

    /** The current state. */
    public ConsumerState state() {
        return state.get();
    }

    /** Adds a listener; only before {@link #started()}. */
    public void addListener(FailureListener listener) {
        if (state.get() != ConsumerState.CREATED) {
            throw new IllegalStateException("register failure listeners before start(): the consumer is " + state.get());
        }
        listeners.add(listener);
    }

    /** CREATED to RUNNING. */
    public void started() {
        if (!state.compareAndSet(ConsumerState.CREATED, ConsumerState.RUNNING)) {
            throw new IllegalStateException("the consumer was already started (it is " + state.get() + ")");
        }
    }

    /** A start that threw: FAILED at once, no listener is called (the caller got the exception). */
    public void startFailed(Throwable cause) {
        failure.compareAndSet(null, cause);
        state.set(ConsumerState.FAILED);
        terminated.countDown();
    }

    /** RUNNING to CLOSING; no change when already closing, failed or closed. */
    public void closing() {
        state.compareAndSet(ConsumerState.RUNNING, ConsumerState.CLOSING);
    }

    /**
     * Records a fatal failure; the state becomes FAILED. Only the first failure is kept.
     *
     * @return true when this was the first failure
     */
    public boolean fail(Throwable cause) {
        if (!failure.compareAndSet(null, cause)) {
            return false;
        }
        state.set(ConsumerState.FAILED);
        return true;
    }

    /** True once a fatal failure was reported. */
    public boolean isFailed() {
        return failure.get() != null;
    }

    /** The first fatal failure, or null. */
    public Throwable failure() {
        return failure.get();
    }

    /**
     * Called by the consumer thread once everything is released: CLOSED, or FAILED with the
     * listeners told (once, on this thread).
     */
    public void terminated() {
        Throwable cause = failure.get();
        if (cause == null) {
            state.set(ConsumerState.CLOSED);
        }
        terminated.countDown();
        if (cause != null) {
            for (FailureListener listener : listeners) {
                try {
                    listener.onFailure(cause);
                } catch (RuntimeException e) {
                    log.warn("a failure listener threw: {}", e.toString(), e);
                }
            }
        }
    }

    /** True once the consumer released everything. */
    public boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    /** Waits until {@link #terminated()}; false on timeout. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
