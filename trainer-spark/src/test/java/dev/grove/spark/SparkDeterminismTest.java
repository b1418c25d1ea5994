package dev.grove.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.grove.data.ExternalTable;
import dev.grove.train.FitProgress;
import dev.grove.train.PreparedSource;
import dev.grove.train.TrainedModel;
import dev.grove.train.TrainingParams;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same seed, data and partition count ⇒ the same model file, byte for byte; the partition count is
 * part of the recipe (recorded in the params), and the split and fingerprint do not depend on the
 * order of the rows in the file.
 */
class SparkDeterminismTest {
    private static final TrainingParams PARAMS = TrainingParams.defaults().withNEstimators(5).withRandomState(7)
            .withMaxDepth(5);

    @Test
    void samePartitionCountTwiceGivesIdenticalModelBytes() {
        Map<Integer, byte[]> first = new HashMap<>();
        for (int partitions : new int[]{1, 2, 4}) {
            byte[] a = train(TestSpark.csv("penguins"), partitions).bytes;
            byte[] b = train(TestSpark.csv("penguins"), partitions).bytes;
            assertArrayEquals(a, b, partitions + " partitions twice");
            first.put(partitions, a);
        }
        // Spark's bagging and binning follow the partitions: a different count grows different trees
        assertFalse(java.util.Arrays.equals(first.get(1), first.get(4)), "1 and 4 partitions grew the same trees");
    }

    @Test
    void partitionsAreRecordedInTheResolvedParams() {
        Trained t = train(TestSpark.csv("iris"), 2);
        assertEquals("2", t.params.extras().get("partitions"));
        assertEquals(5, t.params.maxDepth().getAsInt());
        assertEquals(2, t.params.featuresPerSplit().getAsInt(), "⌊√4⌋ features per split");
        Trained unset = train(TestSpark.csv("iris"), 0);
        assertEquals("4", unset.params.extras().get("partitions"), "4 partitions by default");
    }

    @Test
    void rowOrderFileLayoutAndShufflePartitionsDoNotChangeSplitFingerprintOrModel(@TempDir Path dir) throws IOException {
        List<String> lines = Files.readAllLines(TestSpark.data("future_skills"));
        List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
        Collections.shuffle(rows, new java.util.Random(3));
        // the shuffled rows as two files in one folder: Spark reads them as one table in two partitions
        Path folder = Files.createDirectories(dir.resolve("shuffled"));
        int half = rows.size() / 2;
        List<String> a = new ArrayList<>(List.of(lines.get(0)));
        a.addAll(rows.subList(0, half));
        List<String> b = new ArrayList<>(List.of(lines.get(0)));
        b.addAll(rows.subList(half, rows.size()));
        Files.write(folder.resolve("part-1.csv"), a);
        Files.write(folder.resolve("part-2.csv"), b);

        Trained original = train(TestSpark.csv("future_skills"), 3);
        // and another cluster's shuffle setting: only the recorded partition count shapes the fit
        Trained shuffled;
        TestSpark.session().conf().set("spark.sql.shuffle.partitions", "3");
        TestSpark.session().conf().set("spark.sql.adaptive.enabled", "false"); // or tiny shuffles coalesce to one partition
        try {
            shuffled = train(new ExternalTable(folder.toString(), "csv", java.util.Optional.empty()), 3);
        } finally {
            TestSpark.session().conf().set("spark.sql.shuffle.partitions", "4");
            TestSpark.session().conf().unset("spark.sql.adaptive.enabled");
        }
        assertEquals(original.sha256, shuffled.sha256, "the fingerprint is order-independent");
        assertArrayEquals(original.bytes, shuffled.bytes, "same split and same forest from shuffled rows");
    }

    private record Trained(byte[] bytes, TrainingParams params, String sha256) {
    }

    private static Trained train(ExternalTable table, int partitions) {
        TrainingParams p = partitions == 0 ? PARAMS : PARAMS.withExtra("partitions", String.valueOf(partitions));
        try (PreparedSource prepared = TestSpark.trainer().prepare(table, p, 0.2)) {
            TrainedModel model = prepared.fit(FitProgress.NONE);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            model.write(out);
            return new Trained(out.toByteArray(), prepared.params(), prepared.source().sha256());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
