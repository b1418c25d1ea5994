package dev.grove.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grove.artifact.GroveJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/** Runs {@code grove} in this JVM or as a real process, capturing exit code, stdout and stderr. */
final class Cli {
    record Result(int exit, String out, String err) {
        JsonNode json() {
            try {
                return GroveJson.mapper().readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException("stdout is not JSON: " + out + "\nstderr: " + err, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private Cli() {
    }

    /** In this JVM, through the same command line {@link Main} builds. */
    static Result run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** As a separate {@code java} process in {@code dir}, with this test's classpath. */
    static Result process(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        try {
            Path errFile = java.nio.file.Files.createTempFile("grove-err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(errFile.toFile());
            pb.environment().remove("GROVE_DB");
            Process p = pb.start();
            p.getOutputStream().close();
            var out = p.getInputStream().readAllBytes(); // stderr goes to a file, so neither pipe can fill up and block
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("grove " + args + " did not finish");
            }
            String err = java.nio.file.Files.readString(errFile);
            java.nio.file.Files.delete(errFile);
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
