package io.finflow.kafka.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The wire names are a contract with services in other languages: pinned here to their documented values,
 * every one of them in docs/wire-format.md, and spelled out nowhere else in the main code of core, ops, the
 * CLI and the examples (they use the constants).
 */
class WireNamesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theCloudEventsHeadersKeepTheirWireNames() {
        assertThat(constants(CloudEventHeaders.class)).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("PREFIX", "ce_"),
                Map.entry("SPEC_VERSION", "ce_specversion"),
                Map.entry("ID", "ce_id"),
                Map.entry("SOURCE", "ce_source"),
                Map.entry("TYPE", "ce_type"),
                Map.entry("TIME", "ce_time"),
                Map.entry("DATA_SCHEMA", "ce_dataschema"),
                Map.entry("CONTENT_TYPE", "content-type"),
                Map.entry("TRACEPARENT", "traceparent"),
                Map.entry("SPEC_VERSION_1_0", "1.0"),
                Map.entry("JSON", "application/json")));
    }

    @Test
    void theDeadLetterHeadersKeepTheirWireNames() {
        assertThat(constants(DeadLetterHeaders.class)).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("PREFIX", "dlq."),
                Map.entry("ORIGINAL_TOPIC", "dlq.original.topic"),
                Map.entry("ORIGINAL_PARTITION", "dlq.original.partition"),
                Map.entry("ORIGINAL_OFFSET", "dlq.original.offset"),
                Map.entry("ORIGINAL_TIMESTAMP", "dlq.original.timestamp"),
                Map.entry("CONSUMER_GROUP", "dlq.consumer.group"),
                Map.entry("EXCEPTION_CLASS", "dlq.exception.class"),
                Map.entry("EXCEPTION_MESSAGE", "dlq.exception.message"),
                Map.entry("ATTEMPTS", "dlq.attempts"),
                Map.entry("FAILED_AT", "dlq.failed.at")));
    }

    @Test
    void everyHeaderNameIsDocumentedInTheWireFormat() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/wire-format.md"));
        List<String> names = new ArrayList<>();
        constants(CloudEventHeaders.class).forEach((field, value) -> {
            if (!field.equals("PREFIX") && !field.equals("SPEC_VERSION_1_0") && !field.equals("JSON")) {
                names.add(value);
            }
        });
        constants(DeadLetterHeaders.class).forEach((field, value) -> {
            if (!field.equals("PREFIX")) {
                names.add(value);
            }
        });
        assertThat(names).allSatisfy(name -> assertThat(doc).contains("`" + name + "`"));
    }

    /** Main code uses the constants: a wire name spelled out elsewhere could drift from the format. */
    @Test
    void noMainCodeOutsideTheWirePackageSpellsOutAWireName() throws IOException {
        Pattern literal = Pattern.compile("\"(ce_[a-z]*|dlq\\.(original|consumer|exception|attempts|failed)[a-z.]*"
                + "|traceparent|content-type)\"");
        List<String> found = new ArrayList<>();
        for (String module : List.of("core", "ops", "cli", "examples")) {
            Path sources = ROOT.resolve(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    if (file.startsWith(ROOT.resolve("core/src/main/java/io/finflow/kafka/wire"))) {
                        continue;
                    }
                    List<String> lines = Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        Matcher m = literal.matcher(lines.get(i));
                        if (m.find()) {
                            found.add(ROOT.relativize(file) + ":" + (i + 1) + " " + m.group());
                        }
                    }
                }
            }
        }
        assertThat(found).as("use io.finflow.kafka.wire.CloudEventHeaders or DeadLetterHeaders instead").isEmpty();
    }

    private static Map<String, String> constants(Class<?> type) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Field f : type.getDeclaredFields()) {
            if (Modifier.isPublic(f.getModifiers()) && Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                try {
                    values.put(f.getName(), (String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return values;
    }
}
