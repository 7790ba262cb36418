package io.finflow.kafka.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads the YAML of a topic catalog file into its plain model, and turns every reading failure into one
 * {@link CatalogException} that says where (the key path such as {@code topics[2].partitions}, line and column)
 * and what is wrong, in the catalog's terms rather than Jackson's. Strict: unknown keys, a key given twice, a
 * fraction where a whole number belongs are refused. Stateless and thread-safe.
 */
final class CatalogYaml {

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    /** snakeyaml's position lines: {@code " in 'reader', line 6, column 1:"}. */
    private static final Pattern MARK = Pattern.compile("^\\s*in '[^']*', line (\\d+), column (\\d+):?\\s*$");
    private static final Pattern OUT_OF_RANGE = Pattern.compile("Numeric value \\(([^)]*)\\) out of range of (\\w+)");
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");

    private CatalogYaml() {
    }

    /** Reads a catalog file; {@code source} names it in messages. */
    static CatalogFile read(InputStream in, String source) {
        try {
            CatalogFile file = YAML.readValue(in, CatalogFile.class);
            if (file == null) {
                throw new CatalogException("the topic catalog " + source + " is empty");
            }
            return file;
        } catch (JsonProcessingException e) {
            throw new CatalogException("invalid topic catalog " + source + ": " + describe(e), e);
        } catch (IOException e) {
            throw new CatalogException("could not read topic catalog " + source + ": " + e.getMessage(), e);
        }
    }

    /** One line: where, then what is wrong. */
    static String describe(JsonProcessingException e) {
        String path = e instanceof JsonMappingException m ? path(m.getPath()) : "";
        String at = at(e.getLocation());
        Throwable cause = e.getCause();
        String yamlSyntax = yamlSyntax(e, cause);
        if (yamlSyntax != null) {
            return yamlSyntax;
        }
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof UnrecognizedPropertyException u) {
            String parent = path(u.getPath().subList(0, u.getPath().size() - 1));
            String hint = "dlq".equals(u.getPropertyName())
                    ? " (dead letter topics are set for every topic at once under dlqDefaults: partitions, retention)"
                    : "";
            return "unknown key '" + u.getPropertyName() + "' " + (parent.isEmpty() ? "at the top level" : "in " + parent)
                    + at + "; allowed keys: " + String.join(", ", sorted(u.getKnownPropertyIds())) + hint;
        }
        Matcher duplicate = DUPLICATE.matcher(original);
        if (duplicate.find()) {
            String parent = path.isEmpty() ? "at the top level" : "in " + path;
            return "key '" + duplicate.group(1) + "' is given twice " + parent + at;
        }
        Matcher range = OUT_OF_RANGE.matcher(original);
        if (range.find()) {
            return subject(path) + " must be a whole number between 1 and 2147483647, was " + range.group(1) + at;
        }
        if (original.startsWith("No content to map")) {
            return "the file is empty";
        }
        if (e instanceof MismatchedInputException mismatch) {
            String expected = expected(mismatch.getTargetType());
            String was = e instanceof InvalidFormatException f ? was(f.getValue()) : wasFrom(original);
            return subject(path) + " must be " + expected + was + at;
        }
        return firstLine(original) + (path.isEmpty() ? "" : " at " + path) + at;
    }

    /** snakeyaml's multi-line report as one line: the problem with its position, then the context. */
    private static String yamlSyntax(JsonProcessingException e, Throwable cause) {
        Throwable yaml = e.getClass().getName().contains("yaml") ? e : cause;
        if (yaml == null || !yaml.getClass().getName().contains(".yaml.")) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        List<String> segments = new ArrayList<>();
        for (String line : String.valueOf(e.getOriginalMessage()).split("\\R")) {
            Matcher mark = MARK.matcher(line);
            if (mark.matches()) {
                segments.add(String.join(" ", texts) + " (line " + mark.group(1) + ", column " + mark.group(2) + ")");
                texts.clear();
            } else if (!line.isBlank() && !line.startsWith(" ") && !line.startsWith("\t")) {
                texts.add(line.strip());
            }
        }
        if (!texts.isEmpty()) {
            segments.add(String.join(" ", texts));
        }
        if (segments.isEmpty()) {
            return "YAML syntax error" + at(e.getLocation());
        }
        // snakeyaml writes the context first ("while parsing a flow mapping"), the problem last.
        String problem = segments.get(segments.size() - 1);
        List<String> context = segments.subList(0, segments.size() - 1);
        return "YAML syntax error: " + problem + (context.isEmpty() ? "" : ", " + String.join(", ", context));
    }

    private static String subject(String path) {
        return path.isEmpty() ? "the catalog" : path;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a text value";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.getName().startsWith(CatalogYaml.class.getName())) {
            return "a mapping of keys to values";
        }
        return "a " + type.getSimpleName();
    }

    private static String was(Object value) {
        return value == null || String.valueOf(value).isEmpty() ? ", was empty" : ", was '" + value + "'";
    }

    private static String wasFrom(String original) {
        String lower = original.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("floating-point value (")) {
            int start = original.indexOf('(', lower.indexOf("floating-point value")) + 1;
            return ", was " + original.substring(start, original.indexOf(')', start));
        }
        for (String[] kind : new String[][] {{"from array", "a list"}, {"from object", "a mapping"},
                {"from boolean", "a boolean"}, {"from string value", "a text value"},
                {"from floating-point", "a fraction"}, {"from integer", "a number"}}) {
            if (lower.contains(kind[0])) {
                return ", was " + kind[1];
            }
        }
        return "";
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder s = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                s.append(s.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                s.append('[').append(ref.getIndex()).append(']');
            }
        }
        return s.toString();
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static List<String> sorted(Collection<Object> ids) {
        TreeSet<String> names = new TreeSet<>();
        ids.forEach(id -> names.add(String.valueOf(id)));
        return List.copyOf(names);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The whole file. */
    static final class CatalogFile {
        public Map<String, ProfileEntry> profiles;
        public DlqEntry dlqDefaults;
        public List<TopicEntry> topics;
    }

    /** One profile: replication of every topic. */
    static final class ProfileEntry {
        public Integer replicationFactor;
        public Integer minInsyncReplicas;
    }

    /** Settings of every dead letter topic. */
    static final class DlqEntry {
        public Integer partitions;
        public String retention;
    }

    /** One topic. */
    static final class TopicEntry {
        public String name;
        public String description;
        public String eventType;
        public String key;
        public Integer partitions;
        public String retention;
        public String cleanupPolicy;
        public Map<String, String> configs;
    }
}
