package dev.grove.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.sample.SampleData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's embedding example is QuickStart's code, compiles (it is compiled here) and runs as it says. */
class QuickStartTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path SOURCE = Path.of("src", "main", "java", "dev", "grove", "examples", "QuickStart.java");

    @TempDir
    Path dir;

    @Test
    void theReadmeShowsQuickStartsCodeInAtMostTenLines() throws IOException {
        List<String> code = between(Files.readAllLines(SOURCE), "// README:begin", "// README:end");
        List<String> readme = between(Files.readAllLines(README), "```java quickstart", "```");
        assertEquals(code.stream().map(String::strip).toList(), readme.stream().map(String::strip).toList(),
                "README.md's quick-start block and QuickStart.java differ");
        assertTrue(code.size() <= 10, code.size() + " lines");
        long groveImports = Files.readAllLines(SOURCE).stream().filter(l -> l.startsWith("import dev.grove.")).count();
        assertTrue(groveImports <= 6, groveImports + " Grove types imported");
    }

    @Test
    void itTrainsRecordsAndPredictsInAFolderHoldingTheData() throws Exception {
        SampleData.futureSkills(dir.resolve("future_skills.csv"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), QuickStart.class.getName())
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("run 1: accuracy 0\\.\\d{3}")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("(LOW|MEDIUM|HIGH) \\{.*}")), out);
        assertTrue(Files.size(dir.resolve("runs.db")) > 0);
        try (Stream<Path> models = Files.walk(dir.resolve("models"))) {
            assertEquals(1, models.filter(f -> f.getFileName().toString().equals("model.bin")).count());
        }
    }

    static List<String> between(List<String> lines, String begin, String end) {
        int from = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(begin)) {
                from = i + 1;
            } else if (from >= 0 && lines.get(i).strip().equals(end)) {
                return lines.subList(from, i);
            }
        }
        throw new AssertionError("no block between '" + begin + "' and '" + end + "'");
    }
}
