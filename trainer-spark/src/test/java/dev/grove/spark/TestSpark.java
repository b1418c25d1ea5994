package dev.grove.spark;

import dev.grove.data.ExternalTable;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/** One local[2] Spark session for the test JVM (Spark allows one SparkContext per JVM), and the test data. */
final class TestSpark {
    private static SparkSession session;

    private TestSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().appName("grove-trainer-spark-tests").master("local[2]")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .getOrCreate();
        }
        return session;
    }

    static SparkTrainer trainer() {
        return SparkTrainer.using(session());
    }

    /** A bundled CSV (iris, penguins, future_skills) as a file path. */
    static Path data(String name) {
        try {
            return Path.of(TestSpark.class.getResource("/data/" + name + ".csv").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static ExternalTable csv(String name) {
        return new ExternalTable(data(name).toString(), "csv", Optional.empty());
    }

    static ExternalTable csv(Path file) {
        return new ExternalTable(file.toString(), "csv", Optional.empty());
    }
}
