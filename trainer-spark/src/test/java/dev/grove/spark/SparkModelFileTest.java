package dev.grove.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.ModelIntegrityException;
import dev.grove.data.Dataset;
import dev.grove.smile.SmileTrainer;
import dev.grove.train.FitProgress;
import dev.grove.train.PreparedSource;
import dev.grove.train.Predictions;
import dev.grove.train.TrainedModel;
import dev.grove.train.TrainingParams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported file: Spark's probabilities to the bit, a round trip that keeps bytes and predictions,
 * refusal of anything that is not a Grove Spark model, and Spark's own model folder beside it.
 */
class SparkModelFileTest {
    private static PreparedSource prepared;
    private static TrainedModel model;
    private static byte[] bytes;

    @BeforeAll
    static void fit() throws IOException {
        prepared = TestSpark.trainer().prepare(TestSpark.csv("penguins"), TrainingParams.defaults().withNEstimators(15)
                .withRandomState(5), 0.3);
        model = prepared.fit(FitProgress.NONE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.write(out);
        bytes = out.toByteArray();
    }

    @AfterAll
    static void close() {
        prepared.close();
    }

    @Test
    void probabilitiesAreSparksToTheBit() {
        SparkPreparation p = (SparkPreparation) prepared;
        List<Row> spark = p.nativeOf(model).transform(p.encoded(true)).orderBy(HashStratifiedSplit.H1, HashStratifiedSplit.H2)
                .select("probability").collectAsList();
        Dataset test = prepared.testSample(model, Integer.MAX_VALUE).rows();
        Predictions exported = model.predict(test.features());
        assertEquals(spark.size(), exported.size());
        for (int i = 0; i < spark.size(); i++) {
            double[] expected = ((Vector) spark.get(i).get(0)).toArray();
            assertArrayEquals(expected, exported.probabilities()[i], 0.0, "row " + i);
        }
    }

    @Test
    void roundTripKeepsBytesAndPredictions() throws IOException {
        TrainedModel loaded = new SparkTrainer().load(new ByteArrayInputStream(bytes));
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        loaded.write(again);
        assertArrayEquals(bytes, again.toByteArray());
        Dataset test = prepared.testSample(model, Integer.MAX_VALUE).rows();
        assertArrayEquals(model.predict(test.features()).predicted(), loaded.predict(test.features()).predicted());
        assertEquals(model.encoding(), loaded.encoding());
        assertEquals("spark", loaded.trainerName());
        assertEquals(15, loaded.params().get("n_estimators"));
        assertEquals(30, loaded.params().get("max_depth"));
        assertEquals(4, loaded.params().get("partitions"));
        // a penguin with missing measurements and an island never seen: median and most frequent level
        java.util.Map<String, Object> row = new java.util.HashMap<>();
        for (String f : loaded.encoding().names()) {
            row.put(f, null);
        }
        row.put("island", "Atlantis");
        var p = loaded.predict(row);
        assertTrue(loaded.classes().contains(p.label()));
    }

    @Test
    void anythingElseIsRefused() throws IOException {
        SparkTrainer trainer = new SparkTrainer();
        String garbage = assertThrows(ModelIntegrityException.class,
                () -> trainer.load(new ByteArrayInputStream("hello, world\n".getBytes(StandardCharsets.UTF_8))))
                .getMessage();
        assertTrue(garbage.contains("does not start with GROVE-SPARK/1"), garbage);
        Dataset iris = irisInMemory();
        ByteArrayOutputStream smile = new ByteArrayOutputStream();
        new SmileTrainer().fit(iris, TrainingParams.defaults().withNEstimators(2), FitProgress.NONE).write(smile);
        assertThrows(ModelIntegrityException.class, () -> trainer.load(new ByteArrayInputStream(smile.toByteArray())));
        for (int cut : new int[]{20, bytes.length / 2, bytes.length - 1}) {
            byte[] truncated = Arrays.copyOf(bytes, cut);
            assertThrows(ModelIntegrityException.class, () -> trainer.load(new ByteArrayInputStream(truncated)),
                    "cut at " + cut);
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThrows(ModelIntegrityException.class, () -> trainer.load(new ByteArrayInputStream(longer)));
        // a child pointing back at its parent would loop forever: refused
        byte[] cyclic = bytes.clone();
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(cyclic);
        int root = indexOfBody(cyclic) + 12 + 15 * 4; // classes, trees, nodes, then 15 roots
        assertTrue(cyclic[root] != SparkForest.LEAF, "the first tree splits");
        int left = cyclic[root] == SparkForest.CONTINUOUS ? root + 1 + 4 + 8 : root + 1 + 4 + 4 + 8 * buf.getInt(root + 5);
        buf.putInt(left, 0);
        String loop = assertThrows(ModelIntegrityException.class, () -> trainer.load(new ByteArrayInputStream(cyclic)))
                .getMessage();
        assertTrue(loop.contains("children"), loop);
    }

    /** Offset of the trees: after the magic line, the header length and the header. */
    private static int indexOfBody(byte[] file) {
        int magic = "GROVE-SPARK/1\n".length();
        return magic + 4 + java.nio.ByteBuffer.wrap(file).getInt(magic);
    }

    private static Dataset irisInMemory() {
        return Dataset.builder("iris").numeric("a", new double[]{1, 2, 3, 4}).label("y", new String[]{"p", "q", "p", "q"})
                .build();
    }

    @Test
    void nativeModelFolderBesideTheModelFile(@TempDir Path dir) throws IOException {
        Path modelFile = dir.resolve("v1").resolve("model.bin");
        dir.resolve("v1").toFile().mkdirs();
        prepared.writeNative(model, modelFile);
        Path folder = dir.resolve("v1").resolve("model.spark");
        assertTrue(Files.isDirectory(folder));
        RandomForestClassificationModel reread = RandomForestClassificationModel.load(folder.toUri().toString());
        assertEquals(15, reread.getNumTrees());
        SparkPreparation p = (SparkPreparation) prepared;
        List<Row> a = reread.transform(p.encoded(true)).orderBy(HashStratifiedSplit.H1).select(SparkPreparation.PREDICTION).collectAsList();
        List<Row> b = p.nativeOf(model).transform(p.encoded(true)).orderBy(HashStratifiedSplit.H1).select(SparkPreparation.PREDICTION)
                .collectAsList();
        assertEquals(b.stream().map(r -> r.getDouble(0)).toList(), a.stream().map(r -> r.getDouble(0)).toList());
        assertThrows(dev.grove.ArtifactException.class, () -> prepared.writeNative(model, modelFile), "never overwrites");
        prepared.deleteNative(modelFile);
        assertFalse(Files.exists(folder));
        try (var left = Files.list(dir.resolve("v1"))) {
            assertEquals(0, left.count(), "nothing half-written is left");
        }
    }
}
