package io.finflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.apache.kafka.common.utils.AppInfoParser;

/** Where and when the benchmark ran: the context every number needs. */
final class MachineInfo {

    private MachineInfo() {
    }

    /** A markdown list: date, CPU, cores, memory, JVM, Kafka, load. */
    static String describe() {
        Runtime rt = Runtime.getRuntime();
        return "- date: " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .replaceAll("\\.\\d+", "") + "\n"
                + "- machine: " + cpuModel() + ", " + rt.availableProcessors() + " cores visible to the JVM, "
                + memoryMiB() + " MiB RAM\n"
                + "- JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", max heap " + rt.maxMemory() / (1024 * 1024) + " MiB\n"
                + "- Kafka clients " + AppInfoParser.getVersion() + "\n"
                + "- load average at start: " + loadAverage() + "\n";
    }

    /** The 1, 5 and 15 minute load averages from {@code /proc/loadavg}, or "unknown". */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2] + " (1 / 5 / 15 min)";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
    }

    private static long memoryMiB() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024)
                    .findFirst().orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
