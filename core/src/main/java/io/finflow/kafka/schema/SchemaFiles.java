package io.finflow.kafka.schema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Finds and reads schema files: {@code <root>/<eventType>/v<N>.json} plus {@code <root>/index.json}, which lists
 * the versions of every event type so that a classpath root inside a jar (which cannot be listed) can be read.
 */
final class SchemaFiles {

    /** Name of the index file at the root of a schema folder. */
    static final String INDEX = "index.json";

    private static final Pattern VERSION_FILE = Pattern.compile("v([1-9][0-9]{0,8})\\.json");
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** One schema document and where it came from (for error messages). */
    record SchemaFile(SchemaRef ref, String location, JsonNode document) {
    }

    private SchemaFiles() {
    }

    /** Reads every schema the index under {@code root} lists from the class loader. */
    static List<SchemaFile> fromClasspath(ClassLoader loader, String root) {
        String indexLocation = root + "/" + INDEX;
        JsonNode index;
        try (InputStream in = loader.getResourceAsStream(indexLocation)) {
            if (in == null) {
                throw new SchemaException("the schema index " + indexLocation + " is not on the classpath");
            }
            index = read(in, "classpath:" + indexLocation);
        } catch (IOException e) {
            throw new SchemaException("could not read classpath:" + indexLocation + ": " + e.getMessage(), e);
        }
        List<SchemaFile> files = new ArrayList<>();
        parseIndex(index, "classpath:" + indexLocation).forEach((type, versions) -> {
            for (int version : versions) {
                String location = root + "/" + type + "/v" + version + ".json";
                try (InputStream in = loader.getResourceAsStream(location)) {
                    if (in == null) {
                        throw new SchemaException("classpath:" + indexLocation + " lists " + type + " v" + version
                                + " but " + location + " is not on the classpath");
                    }
                    files.add(new SchemaFile(new SchemaRef(type, version), "classpath:" + location,
                            read(in, "classpath:" + location)));
                } catch (IOException e) {
                    throw new SchemaException("could not read classpath:" + location + ": " + e.getMessage(), e);
                }
            }
        });
        return files;
    }

    /**
     * Reads every {@code <eventType>/v<N>.json} under {@code dir}. When the folder has an index, it must list exactly
     * the files found, so that the classpath copy of the folder finds the same schemas.
     */
    static List<SchemaFile> fromDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new SchemaException("schema folder " + dir + " does not exist");
        }
        Map<String, TreeSet<Integer>> found = new TreeMap<>();
        List<SchemaFile> files = new ArrayList<>();
        try (DirectoryStream<Path> types = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path typeDir : sorted(types)) {
                String type = typeDir.getFileName().toString();
                if (!EVENT_TYPE.matcher(type).matches()) {
                    throw new SchemaException("schema folder " + typeDir + " is not an event type name: use lowercase"
                            + " letters, digits, '_' or '-', starting with a letter");
                }
                try (DirectoryStream<Path> jsons = Files.newDirectoryStream(typeDir, "*.json")) {
                    for (Path file : sorted(jsons)) {
                        Matcher m = VERSION_FILE.matcher(file.getFileName().toString());
                        if (!m.matches()) {
                            throw new SchemaException("unexpected schema file " + file + ": schema files are named"
                                    + " v<N>.json (v1.json, v2.json, ...)");
                        }
                        int version = Integer.parseInt(m.group(1));
                        found.computeIfAbsent(type, t -> new TreeSet<>()).add(version);
                        try (InputStream in = Files.newInputStream(file)) {
                            files.add(new SchemaFile(new SchemaRef(type, version), file.toString(),
                                    read(in, file.toString())));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new SchemaException("could not read schema folder " + dir + ": " + e.getMessage(), e);
        }
        Path indexFile = dir.resolve(INDEX);
        if (Files.isRegularFile(indexFile)) {
            Map<String, TreeSet<Integer>> indexed;
            try (InputStream in = Files.newInputStream(indexFile)) {
                indexed = parseIndex(read(in, indexFile.toString()), indexFile.toString());
            } catch (IOException e) {
                throw new SchemaException("could not read " + indexFile + ": " + e.getMessage(), e);
            }
            if (!indexed.equals(found)) {
                throw new SchemaException(indexFile + " lists " + indexed + " but the folder holds " + found
                        + ": update the index (the library finds schemas on the classpath through it)");
            }
        }
        return files;
    }

    private static List<Path> sorted(DirectoryStream<Path> paths) {
        List<Path> list = new ArrayList<>();
        paths.forEach(list::add);
        list.sort(null);
        return list;
    }

    private static JsonNode read(InputStream in, String location) {
        try {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new SchemaException(location + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Reads {@code {"eventTypes": {"transaction": [1, 2], ...}}}. */
    private static Map<String, TreeSet<Integer>> parseIndex(JsonNode index, String location) {
        JsonNode types = index.path("eventTypes");
        if (!types.isObject() || types.isEmpty()) {
            throw new SchemaException(location + " must hold {\"eventTypes\": {\"<eventType>\": [1, 2, ...]}}");
        }
        Map<String, TreeSet<Integer>> result = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : types.properties()) {
            String type = entry.getKey();
            if (!EVENT_TYPE.matcher(type).matches()) {
                throw new SchemaException(location + " lists '" + type + "', which is not an event type name");
            }
            TreeSet<Integer> versions = new TreeSet<>();
            if (!entry.getValue().isArray() || entry.getValue().isEmpty()) {
                throw new SchemaException(location + " must list the versions of '" + type + "' as [1, 2, ...]");
            }
            for (JsonNode v : entry.getValue()) {
                if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 1) {
                    throw new SchemaException(location + " lists version " + v + " for '" + type
                            + "'; versions are integers >= 1");
                }
                versions.add(v.intValue());
            }
            result.put(type, versions);
        }
        return result;
    }
}
