package dev.grove.sparkjob;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * {@code spark-submit} without a Spark distribution: {@code java -cp <Spark's class path>
 * org.apache.spark.deploy.SparkSubmit ...} in client mode, with the JVM options Spark's own launcher
 * gives the driver on Java 17. Grove's classes come from the job jar alone.
 */
final class SparkSubmit {
    /** How a submission ended: exit code, stdout (the command's JSON), stderr (Spark's and Grove's logs). */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            List<String> lines = err.lines().toList();
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr (last 60 lines)\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        }
    }

    private SparkSubmit() {
    }

    static Result run(Path dir, List<String> sparkClasspath, Map<String, String> env, Duration timeout,
                      List<String> sparkArgs, Path appJar, List<String> appArgs) {
        List<String> command = new ArrayList<>(List.of(StandaloneCluster.java(), "-Xmx768m", "-XX:+UseSerialGC"));
        command.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptionArray()));
        command.addAll(List.of("-cp", String.join(File.pathSeparator, sparkClasspath), "org.apache.spark.deploy.SparkSubmit"));
        command.addAll(sparkArgs);
        command.add(appJar.toString());
        command.addAll(appArgs);
        try {
            Files.createDirectories(dir);
            Path out = Files.createTempFile(dir, "submit", ".out");
            Path err = Files.createTempFile(dir, "submit", ".err");
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            try {
                if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IllegalStateException("spark-submit did not finish within " + timeout.toSeconds() + " s\n"
                            + StandaloneCluster.tail(err, 60));
                }
            } finally {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
