package dev.grove.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running a main class of the test sources, spoken to by lines on its stdin and
 * answering by lines on its stdout (the protocol is the main class's); its stderr goes to
 * {@code <dir>/<name>.log} and is shown when it fails. The race tests use two of them.
 */
final class ChildProcess {
    final String name;
    private final Process process;
    private final PrintStream in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path log;

    ChildProcess(String name, Path dir, Class<?> main, String... args) throws IOException {
        this.name = name;
        this.log = dir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(stdout unreadable: " + e + ")");
            }
        }, "child-" + name + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    void send(String line) {
        in.println(line);
    }

    /** The child's next line; fails at once when it died, or after 60 s of silence. */
    String next() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                return line;
            }
            if (!process.isAlive() && lines.isEmpty()) {
                process.waitFor(); // its stdout is drained once it has exited
                String last = lines.poll(1, TimeUnit.SECONDS);
                if (last != null) {
                    return last;
                }
                fail("process " + name + " exited " + process.exitValue() + "; its stderr:\n" + stderr());
            }
        }
        return fail("process " + name + " said nothing for 60 s; its stderr:\n" + stderr());
    }

    /** Sends {@code quit} and expects the child to end well. */
    void quit() throws InterruptedException {
        send("quit");
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "process " + name + " ends");
        assertEquals(0, process.exitValue(), () -> "process " + name + " failed:\n" + stderr());
    }

    void kill() {
        process.destroyForcibly();
    }

    private String stderr() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
