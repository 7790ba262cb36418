package io.finflow.kafka.cli;

import org.apache.kafka.common.utils.AppInfoParser;
import picocli.CommandLine.IVersionProvider;

/** Prints the FinFlow Kafka version and the Kafka client version it is built on. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {
            "finflow " + (version == null ? "(development build)" : version),
            "Apache Kafka " + AppInfoParser.getVersion() + ", Java " + System.getProperty("java.version")
        };
    }
}
