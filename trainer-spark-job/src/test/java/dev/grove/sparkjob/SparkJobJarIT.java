package dev.grove.sparkjob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The jar a team hands to {@code spark-submit}: Grove's command, the spark trainer and the run store
 * with both JDBC drivers inside; nothing the cluster already has (a second copy of a class Spark
 * loads is a clash waiting to happen); and the default {@code grove.jar} still without Spark.
 */
class SparkJobJarIT {
    private static final long MAX_JOB_JAR_BYTES = 60L << 20;

    @Test
    void bundlesGroveTheSparkTrainerAndTheStoreDrivers() throws IOException {
        try (JarFile jar = new JarFile(BuildOutputs.jobJar().toFile())) {
            assertEquals("dev.grove.cli.Main", jar.getManifest().getMainAttributes().getValue("Main-Class"));
            for (String cls : List.of("dev/grove/cli/Main.class", "dev/grove/Grove.class",
                    "dev/grove/store/JooqRunRepository.class", "org/sqlite/JDBC.class", "org/postgresql/Driver.class",
                    "org/flywaydb/core/Flyway.class", "picocli/CommandLine.class")) {
                assertTrue(jar.getEntry(cls) != null, cls + " missing from the job jar");
            }
            Set<String> trainers = services(jar, "dev.grove.train.Trainer");
            assertTrue(trainers.stream().anyMatch(t -> t.startsWith("dev.grove.spark.")),
                    "the spark trainer is not registered in the merged services file: " + trainers);
            assertFalse(trainers.stream().anyMatch(t -> t.contains("smile") || t.contains("tribuo")),
                    "in-memory trainers bundled: " + trainers);
            Set<String> drivers = services(jar, "java.sql.Driver");
            assertTrue(drivers.contains("org.sqlite.JDBC") && drivers.contains("org.postgresql.Driver"),
                    "both store drivers must be registered: " + drivers);
        }
    }

    @Test
    void leavesSparkScalaHadoopAndLoggingToTheCluster() throws IOException {
        Path jobJar = BuildOutputs.jobJar();
        long size = Files.size(jobJar);
        assertTrue(size < MAX_JOB_JAR_BYTES, "job jar is " + (size >> 20) + " MB");
        try (JarFile jar = new JarFile(jobJar.toFile())) {
            List<String> foreign = jar.stream().map(ZipEntry::getName)
                    .filter(n -> n.startsWith("org/apache/spark/") || n.startsWith("scala/")
                            || n.startsWith("org/apache/hadoop/") || n.startsWith("ch/qos/logback/")
                            || n.startsWith("org/slf4j/") || n.startsWith("org/apache/logging/")
                            || n.startsWith("com/fasterxml/jackson/")
                            || n.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)"))
                    .limit(10).toList();
            assertEquals(List.of(), foreign, "the cluster provides these (or they are signatures)");
        }
    }

    /** Spark loads its own jars first: a class in both places would be Spark's version, whatever Grove was built with. */
    @Test
    void sharesNoClassWithSparksClasspath() throws IOException {
        Set<String> jobClasses = new HashSet<>();
        try (JarFile jar = new JarFile(BuildOutputs.jobJar().toFile())) {
            jar.stream().map(ZipEntry::getName).filter(SparkJobJarIT::isClass).forEach(jobClasses::add);
        }
        Set<String> shared = new TreeSet<>();
        for (String entry : BuildOutputs.sparkClasspath()) {
            if (!entry.endsWith(".jar")) {
                continue;
            }
            try (JarFile jar = new JarFile(entry)) {
                jar.stream().map(ZipEntry::getName).filter(jobClasses::contains)
                        .limit(3).forEach(n -> shared.add(n + " (also in " + Path.of(entry).getFileName() + ")"));
            }
        }
        assertEquals(Set.of(), shared);
    }

    @Test
    void defaultGroveJarHasNoSpark() throws IOException {
        try (JarFile jar = new JarFile(BuildOutputs.cliJar().toFile())) {
            List<String> spark = jar.stream().map(ZipEntry::getName)
                    .filter(n -> n.startsWith("org/apache/spark/") || n.startsWith("scala/")).limit(5).toList();
            assertEquals(List.of(), spark, "grove.jar must stay Spark-free");
        }
    }

    private static boolean isClass(String name) {
        return name.endsWith(".class") && !name.endsWith("module-info.class") && !name.startsWith("META-INF/");
    }

    private static Set<String> services(JarFile jar, String service) throws IOException {
        ZipEntry entry = jar.getEntry("META-INF/services/" + service);
        if (entry == null) {
            return Set.of();
        }
        try (InputStream in = jar.getInputStream(entry)) {
            Set<String> names = new TreeSet<>();
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(names::add);
            return names;
        }
    }
}
