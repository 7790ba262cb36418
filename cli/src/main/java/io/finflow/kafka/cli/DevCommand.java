package io.finflow.kafka.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.finflow.kafka.testkit.EmbeddedKafka;
import io.finflow.kafka.testkit.KafkaBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code finflow dev}: a real Kafka on this machine for local development. */
@Command(name = "dev",
        mixinStandardHelpOptions = true,
        description = {
            "Run a real Kafka broker locally for development.",
            "",
            "Starts Apache Kafka (KRaft) in this process on 127.0.0.1, creates the FinFlow topic catalog's topics,",
            "prints 'Kafka ready at HOST:PORT' once clients can connect, and runs until Ctrl-C or SIGTERM.",
            "Data is temporary unless --data-dir is given."
        })
final class DevCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "9092", paramLabel = "PORT",
            description = "Client port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--brokers", defaultValue = "1", paramLabel = "N",
            description = "1 for a single node (default), 3 for a local cluster of 3 brokers.")
    int brokers;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep broker data in DIR across restarts (default: a temporary folder, deleted on exit).")
    Path dataDir;

    @Option(names = "--profile", defaultValue = "dev", paramLabel = "PROFILE",
            description = "Topic catalog profile for the topics created at start (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--no-topics", negatable = false,
            description = "Do not create the catalog's topics at start.")
    boolean noTopics;

    @Override
    public Integer call() throws Exception {
        if (brokers != 1) {
            throw new IllegalArgumentException("--brokers must be 1 or 3, was " + brokers);
        }
        KafkaBroker kafka = EmbeddedKafka.builder().port(port).dataDir(dataDir).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            spec.commandLine().getErr().println("Stopping Kafka...");
            spec.commandLine().getErr().flush();
            kafka.close();
            stopped.countDown();
        }, "finflow-dev-shutdown"));
        if (!noTopics) {
            int created = DevTopics.createCatalogTopics(kafka.clientProperties(), profile);
            spec.commandLine().getErr().println("Created " + created + " topics from the FinFlow catalog (profile "
                    + profile + ")");
        }
        spec.commandLine().getOut().println("Kafka ready at " + kafka.bootstrapServers());
        spec.commandLine().getOut().flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
