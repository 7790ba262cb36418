package io.finflow.kafka;

import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.consumer.ConsumerOptions;
import io.finflow.kafka.event.TransactionEvent;

/**
 * A consumer service in its own JVM, so a test can kill it with SIGKILL. Its handler appends one line per
 * processed record to the output file before it returns: {@code eventId partition offset}, flushed (not
 * fsynced) line by line, so the file outlives a SIGKILL and tells what was handled before any commit of it.
 * Args: bootstrap catalogPrefix group outputFile handlerDelayMs [concurrency [commitIntervalMs]]
 */
public final class ConsumerChild {

    private ConsumerChild() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        TopicCatalog catalog = TestCatalog.load(args[1]);
        String group = args[2];
        Path output = Path.of(args[3]);
        long delayMs = Long.parseLong(args[4]);
        int concurrency = args.length > 5 ? Integer.parseInt(args[5]) : ConsumerOptions.DEFAULT_CONCURRENCY;
        Duration commitInterval = args.length > 6 ? Duration.ofMillis(Long.parseLong(args[6]))
                : ConsumerOptions.DEFAULT_COMMIT_INTERVAL;
        String topic = TestCatalog.topic(catalog, "transaction-events");
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(output.toFile(), true),
                StandardCharsets.UTF_8), true);
        EventConsumer consumer = EventConsumer.create(ConsumerOptions.builder(ClientConfig.of(bootstrap), group)
                .catalog(catalog).shutdownHook(true).concurrency(concurrency)
                .commitInterval(commitInterval).build());
        consumer.subscribe(topic, TransactionEvent.class, (tx, meta) -> {
            if (delayMs > 0) {
                Thread.sleep(delayMs); // simulated work, so the kill lands mid-stream
            }
            synchronized (out) {
                out.println(tx.eventId() + " " + meta.partition() + " " + meta.offset());
            }
        }).start();
        new CountDownLatch(1).await();
    }

    /** Starts this class in a child JVM with the test classpath. */
    static Process start(String bootstrap, String prefix, String group, Path output, long delayMs) throws Exception {
        return start(bootstrap, prefix, group, output, delayMs, ConsumerOptions.DEFAULT_CONCURRENCY,
                ConsumerOptions.DEFAULT_COMMIT_INTERVAL.toMillis());
    }

    /**
     * Starts this class in a child JVM with the test classpath, handling with {@code concurrency} workers and
     * committing every {@code commitIntervalMs}. Its own output goes to {@code <output>.log}.
     */
    public static Process start(String bootstrap, String prefix, String group, Path output, long delayMs,
                                int concurrency, long commitIntervalMs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ConsumerChild.class.getName(), bootstrap, prefix, group, output.toString(), String.valueOf(delayMs),
                String.valueOf(concurrency), String.valueOf(commitIntervalMs))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.resolveSibling(output.getFileName() + ".log").toFile()))
                .start();
    }
}
