package dev.grove.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grove.internal.GroveJson;
import dev.grove.run.RunQuery;
import dev.grove.run.TrainingRun;
import dev.grove.store.JooqRunRepository;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * Drives {@code grove} for the tests: in this JVM ({@link #run}) or as a real
 * {@code java} process on this test's classpath ({@link #process}, {@link #start}), and reads
 * the run store directly (without marking stale runs, which only the CLI does).
 */
public final class Cli {
    /**
     * JVM options of the processes: a small heap, and quick start-up (C1 only, serial GC), which
     * halves the CPU a short {@code grove} run spends before it does anything (CI has 2 cores).
     */
    public static final List<String> JVM = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    public record Result(int exit, String out, String err) {
        public JsonNode json() {
            try {
                return GroveJson.reader().readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException("stdout is not JSON: " + this, e);
            }
        }

        /** The one-line error contract: exactly one stderr line, no stack trace, no exception class names. */
        public String oneErrorLine() {
            List<String> lines = err.lines().toList();
            assertEquals(1, lines.size(), "expected exactly one stderr line\n" + this);
            assertFalse(err.contains("\tat ") || err.contains("Exception") || err.contains("Error:")
                    || err.contains("OutOfMemoryError"), "stack trace or exception name on stderr\n" + this);
            return lines.get(0);
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private Cli() {
    }

    /** In this JVM, through the command line {@link Main} builds. */
    public static Result run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** As a separate process in {@code dir} with {@link #JVM}; waits for it. */
    public static Result process(Path dir, String... args) {
        return process(dir, JVM, args);
    }

    /** As a separate process in {@code dir} with these JVM options; waits for it. */
    public static Result process(Path dir, List<String> jvm, String... args) {
        return process(dir, jvm, java.util.Map.of(), args);
    }

    /** As a separate process in {@code dir} with these JVM options and environment variables; waits for it. */
    public static Result process(Path dir, List<String> jvm, java.util.Map<String, String> env, String... args) {
        return process(dir, jvm, env, new byte[0], args);
    }

    private static Result process(Path dir, List<String> jvm, java.util.Map<String, String> env, byte[] stdin,
                                  String... args) {
        try {
            Path errFile = Files.createTempFile(dir, "stderr", ".txt");
            Process p = start(dir, jvm, env, errFile, stdin, args);
            byte[] out = p.getInputStream().readAllBytes(); // stderr goes to a file: no pipe can fill up
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("grove " + String.join(" ", args) + " did not finish");
            }
            String err = Files.readString(errFile);
            Files.delete(errFile);
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** As a separate process in {@code dir} reading {@code stdin}; waits for it. */
    public static Result processWithStdin(Path dir, byte[] stdin, String... args) {
        return process(dir, JVM, java.util.Map.of(), stdin, args);
    }

    /** Starts a process without waiting; stdout is discarded, stderr goes to {@code errFile}. */
    public static Process start(Path dir, List<String> jvm, Path errFile, String... args) throws IOException {
        return start(dir, jvm, java.util.Map.of(), errFile, args);
    }

    /** As {@link #start(Path, List, Path, String...)} with these environment variables set. */
    public static Process start(Path dir, List<String> jvm, java.util.Map<String, String> env, Path errFile,
                                String... args) throws IOException {
        return start(dir, jvm, env, errFile, new byte[0], args);
    }

    private static Process start(Path dir, List<String> jvm, java.util.Map<String, String> env, Path errFile,
                                 byte[] stdin, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(errFile.toFile());
        pb.environment().remove("GROVE_DB");
        pb.environment().remove("GROVE_STALE_AFTER");
        pb.environment().putAll(env);
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write(stdin);
        }
        return p;
    }

    /** Every run in the store, newest first, read directly (no stale-run marking). */
    public static List<TrainingRun> runs(Path db) {
        try (JooqRunRepository repo = JooqRunRepository.open(db.toString())) {
            return repo.list(RunQuery.all());
        }
    }

    /** Files in {@code dir} (not recursive), names sorted; empty when it does not exist. */
    public static List<String> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a CSV of {@code rows} rows: {@code cols} integer features f0.. (0..99999) and a label y in A/B/C. */
    public static Path syntheticCsv(Path file, int rows, int cols, long seed) {
        Random r = new Random(seed);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                line.append('f').append(c).append(',');
            }
            w.write(line.append("y\n").toString());
            for (int i = 0; i < rows; i++) {
                line.setLength(0);
                double signal = 0;
                for (int c = 0; c < cols; c++) {
                    int v = r.nextInt(100_000);
                    signal += c < 3 ? v / 1e5 : 0;
                    line.append(v).append(',');
                }
                line.append(signal < 1.2 ? 'A' : signal < 1.8 ? 'B' : 'C').append('\n');
                w.write(line.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    public static void write(Path file, String text) {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
