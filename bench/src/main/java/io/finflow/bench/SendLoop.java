package io.finflow.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends {@code count} records from one thread, as fast as the producer accepts them or at a fixed rate,
 * and times each one from just before {@code send} (so the library's validation and encoding count) to
 * its acknowledgement. The run's duration goes from the first send to the last acknowledgement.
 */
final class SendLoop {

    private SendLoop() {
    }

    /**
     * Times one run.
     *
     * @param ratePerSecond 0 for as fast as possible, else the paced send rate
     * @param valueBytes    value bytes of the {@code count} records, for MB/s
     * @throws IllegalStateException when a send fails or the run does not finish in time
     */
    static SendRun run(RecordSender sender, int count, int ratePerSecond, long valueBytes, String label) {
        prime(sender, label);
        long[] latencies = new long[count];
        CountDownLatch done = new CountDownLatch(count);
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        AtomicInteger failures = new AtomicInteger();
        AtomicLong lastAck = new AtomicLong();
        long interval = ratePerSecond == 0 ? 0 : 1_000_000_000L / ratePerSecond;
        long cpuStart = CpuClock.processCpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (interval > 0) {
                long wait = start + i * interval - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            int index = i;
            long sentAt = System.nanoTime();
            sender.send(i, error -> {
                long now = System.nanoTime();
                latencies[index] = now - sentAt;
                if (error != null) {
                    failures.incrementAndGet();
                    firstFailure.compareAndSet(null, error);
                }
                lastAck.accumulateAndGet(now, Math::max);
                // Each index is written once; the latch publishes the writes to this thread.
                done.countDown();
            });
        }
        sender.flush();
        await(done, label, count);
        long cpuEnd = CpuClock.processCpuNanos();
        if (firstFailure.get() != null) {
            throw new IllegalStateException(label + ": " + failures.get() + " of " + count + " sends failed, first: "
                    + firstFailure.get(), firstFailure.get());
        }
        Arrays.sort(latencies);
        double seconds = (lastAck.get() - start) / 1e9;
        return new SendRun(count, seconds, valueBytes, millis(Stats.percentile(latencies, 50)),
                millis(Stats.percentile(latencies, 99)), millis(Stats.percentile(latencies, 99.9)),
                CpuClock.microsPerRecord(cpuStart, cpuEnd, count));
    }

    /**
     * Sends one record and waits for it: connection, metadata and producer id are in place before the
     * clock starts, for every variant alike.
     */
    private static void prime(RecordSender sender, String label) {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        sender.send(0, error -> {
            failure.set(error);
            done.countDown();
        });
        sender.flush();
        await(done, label + " (priming send)", 1);
        if (failure.get() != null) {
            throw new IllegalStateException(label + ": priming send failed: " + failure.get(), failure.get());
        }
    }

    private static void await(CountDownLatch done, String label, int count) {
        Duration timeout = Duration.ofSeconds(60 + count / 1_000);
        try {
            if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(label + ": " + done.getCount() + " of " + count
                        + " records not acknowledged within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(label + ": interrupted", e);
        }
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
