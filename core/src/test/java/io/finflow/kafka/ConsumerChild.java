package io.finflow.kafka;

import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.consumer.ConsumerOptions;
import io.finflow.kafka.event.TransactionEvent;

/**
 * A consumer service in its own JVM, so a test can kill it with SIGKILL. Writes one line per
 * processed record: {@code eventId partition offset}.
 * Args: bootstrap catalogPrefix group outputFile handlerDelayMs
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
        String topic = TestCatalog.topic(catalog, "transaction-events");
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(output.toFile(), true),
                StandardCharsets.UTF_8), true);
        EventConsumer consumer = EventConsumer.create(ConsumerOptions.builder(ClientConfig.of(bootstrap), group)
                .catalog(catalog).shutdownHook(true).build());
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
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ConsumerChild.class.getName(), bootstrap, prefix, group, output.toString(), String.valueOf(delayMs))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.resolveSibling(output.getFileName() + ".log").toFile()))
                .start();
    }
}
