package dev.grove.sparkjob;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** What Maven built for these tests, named by system properties in the pom (see failsafe's configuration). */
final class BuildOutputs {
    private BuildOutputs() {
    }

    /** The shaded job jar, {@code target/grove-spark-job.jar}. */
    static Path jobJar() {
        return existing("grove.jobJar", "run 'mvn verify' (package makes the jar before the integration tests)");
    }

    /** The default {@code grove.jar} of the cli module, for predicting where there is no Spark. */
    static Path cliJar() {
        return existing("grove.cliJar", "build the cli module in the same reactor (-pl trainer-spark-job -am)");
    }

    /** Spark's own class path (the module's provided scope): what a cluster's {@code jars/} folder holds. */
    static List<String> sparkClasspath() {
        Path file = existing("grove.sparkClasspathFile", "run the build through Maven (generate-test-resources writes it)");
        try {
            return Arrays.stream(Files.readString(file).strip().split(File.pathSeparator)).filter(s -> !s.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path existing(String property, String fix) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set: " + fix);
        }
        Path path = Path.of(value);
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " does not exist: " + fix);
        }
        return path;
    }
}
