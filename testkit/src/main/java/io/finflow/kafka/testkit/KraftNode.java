package io.finflow.kafka.testkit;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * One in-process KRaft server in combined mode (broker and controller), with a static
 * single-voter quorum. Formats its storage on first start and reuses it afterwards.
 */
final class KraftNode {

    static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final int NODE_ID = 1;

    private final Properties props;
    private final List<String> scramArguments;
    private KafkaRaftServer server;

    /**
     * @param props          complete server properties except those this class sets
     * @param scramArguments SCRAM credentials to bootstrap at format time, in the form of
     *                       {@code kafka-storage format --add-scram}; empty for none
     */
    KraftNode(Properties props, List<String> scramArguments) {
        this.props = props;
        this.scramArguments = List.copyOf(scramArguments);
    }

    /** Base properties of a single combined node with replication factor 1 everywhere. */
    static Properties singleNodeDefaults(Path dataDir, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("log.dirs", dataDir.toAbsolutePath().toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        return p;
    }

    void formatAndStart() {
        String logDir = props.getProperty("log.dirs");
        if (!java.nio.file.Files.exists(Path.of(logDir, "meta.properties"))) {
            format(logDir);
        }
        KafkaConfig config = KafkaConfig.fromProps(props, false);
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
    }

    private void format(String logDir) {
        try {
            Formatter formatter = new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .addDirectory(logDir)
                    .setMetadataLogDirectory(logDir)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setControllerListenerName(CONTROLLER_LISTENER);
            if (!scramArguments.isEmpty()) {
                formatter.setScramArguments(scramArguments);
            }
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("could not format Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
    }

    void stop() {
        KafkaRaftServer s = server;
        server = null;
        if (s != null) {
            s.shutdown();
            s.awaitShutdown();
        }
    }

    static Map<String, String> asMap(Properties p) {
        Map<String, String> m = new java.util.TreeMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }
}
