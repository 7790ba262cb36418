package io.finflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.finflow.kafka.consumer.ConsumerOptions;
import io.finflow.kafka.consumer.RetryPolicy;
import io.finflow.kafka.producer.ProducerOptions;
import org.junit.jupiter.api.Test;

/**
 * Keeps core's public API deliberate: every public and protected type, constructor, method and field of the
 * packages outside {@code io.finflow.kafka.internal} is written, one per line, to a signature file committed
 * at {@value #SIGNATURES}; any change to the API shows up as a diff of that file in review. The test fails
 * with the difference and the command that regenerates the file on purpose (docs/conventions.md).
 */
class PublicApiTest {

    /** The committed signatures, relative to the core module (surefire runs in the module's folder). */
    static final String SIGNATURES = "api/finflow-core.api";
    /** {@code -Dfinflow.api.update=true} rewrites the file instead of comparing. */
    static final String UPDATE_PROPERTY = "finflow.api.update";
    static final String REGENERATE = "./mvnw -B -pl core -am test -Dtest=PublicApiTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -D" + UPDATE_PROPERTY + "=true";

    private static final String ROOT_PACKAGE = "io.finflow.kafka";
    private static final String INTERNAL_PACKAGE = "io.finflow.kafka.internal";

    @Test
    void thePublicApiMatchesTheCommittedSignatureFile() throws IOException {
        List<String> actual = signatures();
        Path file = Path.of(SIGNATURES);
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.createDirectories(file.getParent());
            Files.write(file, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(file)) {
            fail("no signature file " + file.toAbsolutePath() + "; create it with:\n  " + REGENERATE);
        }
        List<String> expected = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            fail(difference(expected, actual));
        }
    }

    @Test
    void aDifferenceNamesEachRemovedAndAddedLineUnderItsTypeAndTheCommandThatAcceptsIt() {
        String message = difference(
                List.of("public final class io.finflow.kafka.A", "  method public void send()", "  method public int size()",
                        "public final class io.finflow.kafka.C", "  method public void close()"),
                List.of("public final class io.finflow.kafka.A", "  method public int size()", "  method public void send(int)",
                        "public final class io.finflow.kafka.B", "  method public void open()",
                        "public final class io.finflow.kafka.C", "  method public void close()"));
        assertThat(message.lines()).containsSubsequence("io.finflow.kafka.A:", "-   method public void send()",
                        "+   method public void send(int)", "io.finflow.kafka.B:", "+ public final class io.finflow.kafka.B",
                        "+   method public void open()")
                .noneMatch(line -> line.contains("size()") || line.contains("io.finflow.kafka.C"));
        assertThat(message).contains(SIGNATURES).endsWith(REGENERATE);
    }

    @Test
    void noSignatureOfTheApiNamesAnInternalType() {
        assertThat(signatures()).as("API members that expose io.finflow.kafka.internal: make them package-private,"
                + " internal, or give them a public type").noneMatch(line -> line.contains(INTERNAL_PACKAGE + "."));
    }

    @Test
    void theOptionsAreFinalClassesBuiltOnlyWithTheirBuilder() throws NoSuchMethodException {
        for (Class<?> options : List.of(ProducerOptions.class, ConsumerOptions.class, RetryPolicy.class)) {
            assertThat(Modifier.isFinal(options.getModifiers())).as(options + " is final").isTrue();
            assertThat(options.isRecord()).as(options + " is not a record").isFalse();
            assertThat(options.getConstructors()).as(options + " has no public constructor").isEmpty();
            assertThat(options.getMethod("toBuilder").getReturnType().getSimpleName()).isEqualTo("Builder");
            assertThat(Stream.of(options.getMethods()).map(Method::getName)).as(options + ": no withX copies")
                    .noneMatch(name -> name.startsWith("with"));
        }
    }

    /** The other modules are users of the API like any application: their main code uses no internal type. */
    @Test
    void noOtherModuleUsesTheInternalPackage() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> found = new ArrayList<>();
        for (String module : List.of("ops", "cli", "examples", "testkit", "testkit-junit")) {
            try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    if (Files.readString(file).contains(INTERNAL_PACKAGE + ".")) {
                        found.add(root.relativize(file).toString());
                    }
                }
            }
        }
        assertThat(found).as("main code outside core that uses " + INTERNAL_PACKAGE + " (not API)").isEmpty();
    }

    /**
     * Removed and added lines grouped under the type they belong to (in file order within a type), then the
     * command that accepts the change.
     */
    static String difference(List<String> expected, List<String> actual) {
        Map<String, List<String>> before = byType(expected);
        Map<String, List<String>> after = byType(actual);
        TreeSet<String> types = new TreeSet<>(before.keySet());
        types.addAll(after.keySet());
        StringBuilder s = new StringBuilder("The public API of finflow-core differs from " + SIGNATURES
                + " (- only in the file, + only in the code):\n");
        for (String type : types) {
            List<String> old = before.getOrDefault(type, List.of());
            List<String> now = after.getOrDefault(type, List.of());
            List<String> changes = new ArrayList<>();
            old.stream().filter(line -> !now.contains(line)).forEach(line -> changes.add("- " + line));
            now.stream().filter(line -> !old.contains(line)).forEach(line -> changes.add("+ " + line));
            if (!changes.isEmpty()) {
                s.append(type).append(":\n");
                changes.forEach(line -> s.append(line).append('\n'));
            }
        }
        s.append("An API change must be deliberate (docs/conventions.md). If this one is, regenerate the file and"
                + " commit it with the change:\n  ").append(REGENERATE);
        return s.toString();
    }

    /** The lines of a signature file by type name: each type's own line, then its members' lines. */
    private static Map<String, List<String>> byType(List<String> lines) {
        Map<String, List<String>> types = new LinkedHashMap<>();
        List<String> current = new ArrayList<>();
        for (String line : lines) {
            if (!line.startsWith(" ")) {
                current = types.computeIfAbsent(typeName(line), name -> new ArrayList<>());
            }
            current.add(line);
        }
        return types;
    }

    /** {@code io.finflow.kafka.A} of {@code public final class io.finflow.kafka.A implements B}. */
    private static String typeName(String typeLine) {
        String declaration = typeLine.split(" (extends|implements) ", 2)[0];
        String name = declaration.substring(declaration.lastIndexOf(' ') + 1);
        int generics = name.indexOf('<');
        return generics < 0 ? name : name.substring(0, generics);
    }

    /** One line per public type and member, sorted by type, then by kind and signature. */
    static List<String> signatures() {
        List<String> lines = new ArrayList<>();
        for (Class<?> type : publicTypes()) {
            lines.add(describe(type));
            TreeSet<String> members = new TreeSet<>();
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (visible(c) && !c.isSynthetic()) {
                    members.add("  constructor " + clean(c.toGenericString(), type));
                }
            }
            for (Method m : type.getDeclaredMethods()) {
                if (visible(m) && !m.isSynthetic() && !m.isBridge()) {
                    members.add("  method " + clean(m.toGenericString(), type));
                }
            }
            for (Field f : type.getDeclaredFields()) {
                if (visible(f) && !f.isSynthetic()) {
                    members.add("  field " + clean(f.toGenericString(), type) + constantValue(f));
                }
            }
            lines.addAll(members);
        }
        return lines;
    }

    private static List<Class<?>> publicTypes() {
        Path classes;
        try {
            classes = Path.of(EventProducer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.walk(classes)) {
            return files.map(classes::relativize).map(Path::toString)
                    .filter(f -> f.endsWith(".class") && !f.endsWith("package-info.class"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.').replace('\\', '.'))
                    .filter(name -> name.startsWith(ROOT_PACKAGE + ".") && !name.equals(INTERNAL_PACKAGE)
                            && !name.startsWith(INTERNAL_PACKAGE + "."))
                    .map(PublicApiTest::load)
                    .filter(PublicApiTest::exported)
                    .sorted((a, b) -> a.getName().compareTo(b.getName()))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, PublicApiTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Public, and reachable: every enclosing type public too; no anonymous or local classes. */
    private static boolean exported(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
            if (t.isAnonymousClass() || t.isLocalClass() || t.isSynthetic() || !Modifier.isPublic(t.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(Member m) {
        int mod = m.getModifiers();
        return Modifier.isPublic(mod) || Modifier.isProtected(mod);
    }

    private static String describe(Class<?> type) {
        StringBuilder s = new StringBuilder(clean(type.toGenericString()));
        Type superclass = type.getGenericSuperclass();
        if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
            s.append(" extends ").append(superclass.getTypeName());
        }
        Type[] interfaces = type.getGenericInterfaces();
        if (interfaces.length > 0) {
            s.append(type.isInterface() ? " extends " : " implements ")
                    .append(Arrays.stream(interfaces).map(Type::getTypeName).sorted()
                            .collect(Collectors.joining(", ")));
        }
        return s.toString();
    }

    /** Drops the modifiers that are not part of a contract (synchronized, native, transient, volatile, strictfp). */
    private static String clean(String signature) {
        return signature.replaceAll("\\b(synchronized|native|transient|volatile|strictfp) ", "");
    }

    /** {@link #clean(String)}, and a member named without its declaring type, which the line above names. */
    private static String clean(String signature, Class<?> declaring) {
        return clean(signature).replace(" " + declaring.getTypeName() + ".", " ");
    }

    /** The value of a compile-time constant, which callers compile into their own code. */
    private static String constantValue(Field f) {
        int mod = f.getModifiers();
        if (!Modifier.isStatic(mod) || !Modifier.isFinal(mod)
                || !(f.getType().isPrimitive() || f.getType() == String.class)) {
            return "";
        }
        try {
            Object value = f.get(null);
            return " = " + (value instanceof String text ? "\"" + text + "\"" : String.valueOf(value));
        } catch (IllegalAccessException e) {
            return "";
        }
    }
}
