package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

/**
 * The packaged CLI ships without JUnit: the class path of its jar's manifest (what {@code java -jar} loads)
 * names no JUnit artifact, and a class loader over exactly that class path finds no {@code org.junit} class. The enforcer's {@code no-junit-in-the-cli} rule refuses such a dependency at build time; this checks
 * what is shipped.
 */
class CliShipsNoJunitIT {

    @Test
    void theShippedClassPathHoldsNoJunit() throws IOException, ClassNotFoundException {
        Path jar = ChildCli.JAR.toAbsolutePath();
        assertThat(jar).as("built by the package phase").exists();
        String classPath;
        try (JarFile file = new JarFile(jar.toFile())) {
            classPath = file.getManifest().getMainAttributes().getValue("Class-Path");
        }
        assertThat(classPath).as("the manifest's class path").isNotBlank().doesNotContainIgnoringCase("junit")
                .doesNotContain("opentest4j");

        List<String> entries = List.of(classPath.trim().split("\\s+"));
        assertThat(entries).as("the jars java -jar finflow-cli.jar loads").contains("lib/" + jarOf("kafka-clients"))
                .allSatisfy(entry -> assertThat(jar.resolveSibling(entry)).exists());

        List<URL> urls = new ArrayList<>(List.of(jar.toUri().toURL()));
        for (String entry : entries) {
            urls.add(jar.resolveSibling(entry).toUri().toURL());
        }
        try (URLClassLoader shippedClasses = new URLClassLoader(urls.toArray(URL[]::new), null)) {
            assertThat(shippedClasses.loadClass("io.finflow.kafka.cli.Main")).isNotNull();
            assertThat(shippedClasses.loadClass("org.apache.kafka.common.test.KafkaClusterTestKit"))
                    .as("finflow dev --brokers 3 still has Kafka's cluster kit").isNotNull();
            for (String junit : List.of("org.junit.jupiter.api.Test", "org.junit.platform.launcher.Launcher",
                    "org.junit.platform.engine.TestEngine", "org.junit.platform.commons.util.ReflectionUtils")) {
                assertThat(shippedClasses.getResource(junit.replace('.', '/') + ".class")).as(junit).isNull();
            }
        }
    }

    private static String jarOf(String artifact) {
        return artifact + "-" + org.apache.kafka.common.utils.AppInfoParser.getVersion() + ".jar";
    }
}
