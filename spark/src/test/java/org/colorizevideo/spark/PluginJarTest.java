package org.colorizevideo.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The Fiji jars (the plugin's jar and its -all jar, built by the root project) carry no Spark. */
class PluginJarTest {

    @Test
    void thePluginJarsHoldNoSparkClasses() throws IOException {
        List<Path> jars;
        try (Stream<Path> s = Files.list(Clips.projectDir().resolve("target"))) {
            jars = s.filter(p -> p.getFileName().toString().matches("Colorize_Video-.*\\.jar")).toList();
        } catch (java.nio.file.NoSuchFileException e) {
            jars = List.of();
        }
        assumeTrue(!jars.isEmpty(), "the root project has not been packaged");
        for (Path jar : jars) {
            try (ZipFile z = new ZipFile(jar.toFile())) {
                assertEquals(List.of(), z.stream().map(e -> e.getName())
                        .filter(n -> n.startsWith("org/apache/spark/") || n.startsWith("scala/")).limit(5).toList(), jar.toString());
            }
        }
    }
}
