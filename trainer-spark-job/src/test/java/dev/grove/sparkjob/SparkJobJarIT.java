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

    /**
     * Spark loads its own jars first: a class in both places would be Spark's version, whatever Grove
     * was built with. Spark's class path here is resolved on its own (spark-mllib and the Scala pins
     * alone, as a cluster's jars/ folder holds them), not from this module's dependencies, whose
     * mediation could hide an overlap: a library Grove also needs would then be bundled in the jar and
     * missing from the module's provided scope at once.
     */
    @Test
    void sharesNoClassWithSparksOwnClasspath() throws IOException, InterruptedException {
        Set<String> jobClasses = new HashSet<>();
        try (JarFile jar = new JarFile(BuildOutputs.jobJar().toFile())) {
            jar.stream().map(ZipEntry::getName).filter(SparkJobJarIT::isClass).forEach(jobClasses::add);
        }
        List<String> spark = sparkAlone();
        assertTrue(spark.stream().anyMatch(e -> e.contains("spark-core_2.13")), spark::toString);
        Set<String> shared = new TreeSet<>();
        for (String entry : spark) {
            try (JarFile jar = new JarFile(entry)) {
                jar.stream().map(ZipEntry::getName).filter(jobClasses::contains)
                        .limit(3).forEach(n -> shared.add(n + " (also in " + Path.of(entry).getFileName() + ")"));
            }
        }
        assertEquals(Set.of(), shared);
    }

    /** Spark's runtime class path as Maven resolves spark-mllib alone (from the build's local repository; online, so a fresh machine fetches what the reactor did not need). */
    private static List<String> sparkAlone() throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("spark-alone");
        String pom = """
                <project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
                  <groupId>dev.grove.test</groupId><artifactId>spark-alone</artifactId><version>1</version>
                  <dependencies>
                    <dependency><groupId>org.apache.spark</groupId><artifactId>spark-mllib_2.13</artifactId><version>%s</version></dependency>
                    <dependency><groupId>org.scala-lang</groupId><artifactId>scala-library</artifactId><version>%s</version></dependency>
                    <dependency><groupId>org.scala-lang</groupId><artifactId>scala-reflect</artifactId><version>%s</version></dependency>
                  </dependencies>
                  <build><plugins><plugin><groupId>org.apache.maven.plugins</groupId>
                    <artifactId>maven-dependency-plugin</artifactId><version>3.8.1</version></plugin></plugins></build>
                </project>
                """.formatted(property("grove.sparkVersion"), property("grove.scalaVersion"), property("grove.scalaVersion"));
        Files.writeString(work.resolve("pom.xml"), pom);
        Path out = work.resolve("classpath.txt");
        Path log = work.resolve("mvn.log");
        Path root = Path.of(property("grove.reactorRoot"));
        Process p = new ProcessBuilder(root.resolve("mvnw").toString(), "-B", "-q", "-f", work.resolve("pom.xml").toString(),
                "-Dmaven.repo.local=" + property("grove.localRepository"), "dependency:build-classpath",
                "-Dmdep.outputFile=" + out).directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(3, java.util.concurrent.TimeUnit.MINUTES), "resolving Spark alone did not finish");
        assertEquals(0, p.exitValue(), () -> "resolving Spark alone failed: " + StandaloneCluster.tail(log, 20));
        return List.of(Files.readString(out).strip().split(java.io.File.pathSeparator));
    }

    private static String property(String name) {
        String v = System.getProperty(name);
        if (v == null) {
            throw new IllegalStateException("system property " + name + " is not set: run through Maven (failsafe sets it)");
        }
        return v;
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
