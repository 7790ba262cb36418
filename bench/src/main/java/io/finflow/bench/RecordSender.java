package io.finflow.bench;

import java.util.function.Consumer;

/**
 * One way of sending the corpus' record at a position, for {@link SendLoop} to time. Implementations
 * wrap one producer, which {@link #close()} closes.
 */
interface RecordSender extends AutoCloseable {

    /**
     * Sends the record at position {@code index}; {@code onAck} runs once when it is acknowledged
     * ({@code null}) or failed (the error), typically on the producer's I/O thread.
     */
    void send(int index, Consumer<Throwable> onAck);

    /** Blocks until everything sent so far is acknowledged or failed. */
    void flush();

    /** Closes the producer. */
    @Override
    void close();
}
