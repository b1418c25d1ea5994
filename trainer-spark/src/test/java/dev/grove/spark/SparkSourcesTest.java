package dev.grove.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.data.ExternalTable;
import dev.grove.train.FitProgress;
import dev.grove.train.PreparedSource;
import dev.grove.train.Trainer;
import dev.grove.train.TrainerRegistry;
import dev.grove.train.TrainingParams;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet as well as CSV; the trainer ServiceLoader finds, on the session the JVM already has. */
class SparkSourcesTest {

    @Test
    void parquetOfTheSameRowsGivesTheSameFingerprintSplitAndModel(@TempDir Path dir) throws IOException {
        Path parquet = dir.resolve("penguins.parquet");
        TestSpark.session().read().option("header", "true").option("inferSchema", "true")
                .csv(TestSpark.data("penguins").toString())
                .withColumn("sex", org.apache.spark.sql.functions.expr("nullif(sex, '')")) // a missing value is null
                .write().parquet(parquet.toString());
        TrainingParams params = TrainingParams.defaults().withNEstimators(5).withMaxDepth(4);
        byte[] fromCsv;
        String csvPrint;
        try (PreparedSource csv = TestSpark.trainer().prepare(TestSpark.csv("penguins"), params, 0.2)) {
            fromCsv = bytes(csv);
            csvPrint = csv.source().sha256();
        }
        // the no-argument trainer (what ServiceLoader makes) uses the session this JVM already has
        try (PreparedSource pq = new SparkTrainer().prepare(new ExternalTable(parquet.toString(), "parquet",
                Optional.empty()), params, 0.2)) {
            assertEquals("numeric", pq.featureTypes().get("body_mass_g"), "an integer column is numeric");
            assertEquals("categorical", pq.featureTypes().get("island"));
            assertEquals(11, pq.profile().missingPerColumn().get("sex"));
            assertEquals(csvPrint, pq.source().sha256(), "the same rows, the same fingerprint");
            assertArrayEquals(fromCsv, bytes(pq), "the same split and the same forest");
        }
    }

    @Test
    void serviceLoaderFindsTheSparkTrainer() {
        Trainer spark = TrainerRegistry.load().find("spark").orElseThrow();
        assertEquals("4.2.0", spark.version());
        assertTrue(spark.description().contains("partitions"), spark.description());
        assertTrue(spark instanceof dev.grove.train.SourceTrainer);
    }

    private static byte[] bytes(PreparedSource p) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.fit(FitProgress.NONE).write(out);
        return out.toByteArray();
    }
}
