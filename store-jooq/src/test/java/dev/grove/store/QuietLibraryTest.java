package dev.grove.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store never prints: in an app with no SLF4J provider (so SLF4J discards everything),
 * creating a store — Flyway migrating, jOOQ's first query — writes nothing to stdout or stderr
 * but SLF4J's own notice that it found no provider.
 */
class QuietLibraryTest {
    @TempDir
    Path dir;

    @Test
    void creatingAStoreWithNoSlf4jProviderPrintsNothing() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("slf4j-simple") && !entry.contains("logback"))
                .collect(Collectors.joining(File.pathSeparator));
        assertTrue(classPath.contains("slf4j-api"), "SLF4J's API stays: the library logs through it");
        Path db = dir.resolve("new.db");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classPath, NewStoreMain.class.getName(), db.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM finished");
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), stderr);
        assertTrue(Files.size(db) > 0, "the store was created (Flyway ran)");
        assertEquals("", Files.readString(out, StandardCharsets.UTF_8), "stdout");
        List<String> printed = stderr.lines().filter(line -> !line.startsWith("SLF4J")).toList();
        assertEquals(List.of(), printed, "stderr apart from SLF4J's no-provider notice:\n" + stderr);
    }
}
