package dev.grove.sparkjob;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on 127.0.0.1 made of real processes — a Master and {@code workers}
 * Workers, each a JVM of its own on Spark's class path, each Worker offering one core — as a team's
 * cluster is, without a Spark distribution: {@code SPARK_HOME} is an empty folder with a
 * {@code jars/} subfolder and the executors the Workers launch get Spark's class path through
 * {@code SPARK_DIST_CLASSPATH}, so Grove's classes reach them only through the submitted jar.
 * {@link #close} kills every process it started and their children (the executors), also when the
 * test failed; a JVM shutdown hook does the same if the test JVM is stopped first.
 */
final class StandaloneCluster implements AutoCloseable {
    static final String HOST = "127.0.0.1";
    private static final Duration REGISTER_TIMEOUT = Duration.ofSeconds(90);
    private static final String REGISTERED = "Successfully registered with master";

    private final Path dir;
    private final List<String> sparkClasspath;
    private final int masterPort;
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> workerLogs = new ArrayList<>();
    private final Thread killOnExit = new Thread(this::kill, "standalone-cluster-kill");

    private StandaloneCluster(Path dir, List<String> sparkClasspath, int masterPort) {
        this.dir = dir;
        this.sparkClasspath = sparkClasspath;
        this.masterPort = masterPort;
    }

    /**
     * Starts a Master and {@code workers} Workers (1 core, {@code workerMemory} such as {@code 768m} each)
     * and returns once every Worker says it registered with the Master.
     */
    static StandaloneCluster start(Path dir, List<String> sparkClasspath, int workers, String workerMemory) {
        StandaloneCluster cluster = new StandaloneCluster(dir, sparkClasspath, freePort());
        Runtime.getRuntime().addShutdownHook(cluster.killOnExit);
        try {
            Files.createDirectories(cluster.sparkHome().resolve("jars"));
            cluster.launch("master", List.of("org.apache.spark.deploy.master.Master",
                    "--host", HOST, "--port", String.valueOf(cluster.masterPort), "--webui-port", "0"));
            for (int i = 1; i <= workers; i++) {
                Path workDir = Files.createDirectories(dir.resolve("worker-" + i + "-work"));
                cluster.workerLogs.add(cluster.launch("worker-" + i, List.of("org.apache.spark.deploy.worker.Worker",
                        "--host", HOST, "--webui-port", "0", "--cores", "1", "--memory", workerMemory,
                        "--work-dir", workDir.toString(), cluster.masterUrl())));
            }
            cluster.awaitRegistered();
            return cluster;
        } catch (IOException e) {
            cluster.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    String masterUrl() {
        return "spark://" + HOST + ":" + masterPort;
    }

    /** The environment every Spark process here needs (Master, Workers, the driver spark-submit starts). */
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("SPARK_HOME", sparkHome().toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", HOST);
        env.put("SPARK_DIST_CLASSPATH", String.join(File.pathSeparator, sparkClasspath));
        return env;
    }

    /** The processes started (Master first), for tests of this class. */
    List<ProcessHandle> processes() {
        return processes.stream().map(Process::toHandle).toList();
    }

    /** Every Worker's log, for a failing test's message. */
    String workerLogTails() {
        StringBuilder all = new StringBuilder();
        for (Path log : workerLogs) {
            all.append("--- ").append(log.getFileName()).append('\n').append(tail(log, 40));
        }
        return all.toString();
    }

    private Path sparkHome() {
        return dir.resolve("spark-home");
    }

    private Path launch(String name, List<String> mainAndArgs) throws IOException {
        Path log = dir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", String.join(File.pathSeparator, sparkClasspath)));
        command.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(environment());
        processes.add(pb.start());
        return log;
    }

    private void awaitRegistered() {
        long deadline = System.nanoTime() + REGISTER_TIMEOUT.toNanos();
        while (true) {
            long registered = workerLogs.stream().filter(log -> read(log).contains(REGISTERED)).count();
            if (registered == workerLogs.size()) {
                return;
            }
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a cluster process exited with " + p.exitValue() + " before all workers "
                            + "registered\n" + logTails());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(registered + " of " + workerLogs.size() + " workers registered within "
                        + REGISTER_TIMEOUT.toSeconds() + " s\n" + logTails());
            }
            sleep(200);
        }
    }

    private String logTails() {
        return tail(dir.resolve("master.log"), 40) + workerLogTails();
    }

    /** Stops the Workers, then the Master: politely, then forcibly; their children (executors) too. */
    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs kill() as well
        }
    }

    private synchronized void kill() {
        List<ProcessHandle> all = new ArrayList<>();
        for (int i = processes.size() - 1; i >= 0; i--) {
            ProcessHandle p = processes.get(i).toHandle();
            p.descendants().forEach(all::add);
            all.add(p);
        }
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
        for (ProcessHandle p : all) {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String tail(Path file, int lines) {
        List<String> all = read(file).lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())) + "\n";
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the cluster", e);
        }
    }

    static Stream<ProcessHandle> alive(List<ProcessHandle> handles) {
        return handles.stream().filter(ProcessHandle::isAlive);
    }
}
