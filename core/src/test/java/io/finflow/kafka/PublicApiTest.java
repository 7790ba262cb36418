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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
    void aDifferenceNamesEachRemovedAndAddedLineAndTheCommandThatAcceptsIt() {
        String message = difference(
                List.of("public final class io.finflow.kafka.A", "  method public void send()", "  method public int size()"),
                List.of("public final class io.finflow.kafka.A", "  method public int size()", "  method public void send(int)"));
        assertThat(message.lines()).contains("-   method public void send()", "+   method public void send(int)")
                .noneMatch(line -> line.contains("size()") || line.contains("class io.finflow.kafka.A"));
        assertThat(message).contains(SIGNATURES).endsWith(REGENERATE);
    }

    @Test
    void noSignatureOfTheApiNamesAnInternalType() {
        assertThat(signatures()).as("API members that expose io.finflow.kafka.internal: make them package-private,"
                + " internal, or give them a public type").noneMatch(line -> line.contains(INTERNAL_PACKAGE + "."));
    }

    /** Removed and added lines, in file order, then the command that accepts the change. */
    static String difference(List<String> expected, List<String> actual) {
        Set<String> before = new LinkedHashSet<>(expected);
        Set<String> after = new LinkedHashSet<>(actual);
        TreeSet<String> changed = new TreeSet<>();
        before.stream().filter(l -> !after.contains(l)).forEach(l -> changed.add(l + "\u0000-"));
        after.stream().filter(l -> !before.contains(l)).forEach(l -> changed.add(l + "\u0000+"));
        StringBuilder s = new StringBuilder("The public API of finflow-core differs from " + SIGNATURES
                + " (- only in the file, + only in the code):\n");
        for (String line : changed) {
            int mark = line.indexOf('\u0000');
            s.append(line.charAt(mark + 1)).append(' ').append(line, 0, mark).append('\n');
        }
        s.append("An API change must be deliberate (docs/conventions.md). If this one is, regenerate the file and"
                + " commit it with the change:\n  ").append(REGENERATE);
        return s.toString();
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
